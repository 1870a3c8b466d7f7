"""The review page of one article, in the admin: the body as readers see
it with every name and quotation marked, where staff decide on each by
mouse or keyboard, mark what the linker missed, and tag topics.

The page's script posts one action at a time to `review_act`, which calls
a service and answers with the page's live part rendered again, so the
page always shows what is stored.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, Topic
from articles.services import revision_create, topics_merged
from newsroom.text import first_error
from people import decisions, services
from people.models import Mention, Person, Quote
from people.review_render import marked_body

ACTIONS = (
    "confirm",
    "reject",
    "link",
    "person",
    "notperson",
    "add",
    "quote",
    "speaker",
    "confirmall",
)


class ActionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    mention = forms.IntegerField(required=False, min_value=1)
    quote = forms.IntegerField(required=False, min_value=1)
    person = forms.IntegerField(required=False, min_value=1)
    start = forms.IntegerField(required=False, min_value=0)
    end = forms.IntegerField(required=False, min_value=0)
    # Without a mouse: the words to mark, found in the text near `near`.
    words = forms.CharField(required=False, max_length=2000)
    near = forms.IntegerField(required=False, min_value=0)


class TopicsForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(), required=False, label=gettext_lazy("Topics")
    )
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["topics"]
        field.widget = AutocompleteSelectMultiple(
            Article._meta.get_field("topics"),
            admin_site,
            attrs={"aria-label": _("Topics")},
        )
        field.widget.choices = field.choices


def _form_error(form: forms.Form) -> str:
    return first_error(ValidationError(form.errors))


def _live(article: Article) -> dict:
    """What the page shows that decisions change."""
    mentions = list(article.mentions.order_by("start"))
    quotes = list(article.quotes.order_by("start"))
    counts = dict.fromkeys(Mention.Status.values, 0)
    for mention in mentions:
        counts[mention.status] += 1
    return {
        "article": article,
        "body": marked_body(article.body, mentions, quotes),
        "counts": [(Mention.Status(s).label, s, n) for s, n in counts.items()],
        "pending": counts[Mention.Status.PENDING],
        "history": article.decisions.select_related("by")[:30],
    }


def _speakers(article: Article) -> list[dict]:
    """People linked in the article, in the order they first appear: the
    choices for a quotation's speaker."""
    rows = (
        Mention.objects.linked()
        .filter(article=article)
        .order_by("start")
        .values_list("person_id", "person__name", "person__slug")
    )
    seen: dict[int, dict] = {}
    for pid, name, slug in rows:
        seen.setdefault(pid, {"id": pid, "name": name, "slug": slug})
    return list(seen.values())[:9]


def review_page(modeladmin, request, article_id: int):
    if not request.user.has_perm("people.view_mention"):
        raise PermissionDenied
    article = get_object_or_404(Article, pk=article_id)
    loaded = ",".join(str(pk) for pk in article.topics.values_list("pk", flat=True))
    topics = TopicsForm(
        initial={"topics": article.topics.all(), "loaded": loaded},
        admin_site=modeladmin.admin_site,
    )
    context = {
        **modeladmin.admin_site.each_context(request),
        **_live(article),
        "title": _("Review: %(title)s") % {"title": article.title},
        "opts": Mention._meta,
        "topics_form": topics,
        "media": modeladmin.media + topics.media,
        "speakers": _speakers(article),
        "can_change": request.user.has_perm("people.change_mention"),
        "next_url": reverse("admin:people_review_next") + f"?after={article.pk}",
    }
    return TemplateResponse(request, "admin/people/review.html", context)


def review_act(modeladmin, request, article_id: int):
    """One decision, posted by the page's script; the live part again."""
    if request.method != "POST":
        return JsonResponse({"ok": False}, status=405)
    if not request.user.has_perm("people.change_mention"):
        raise PermissionDenied
    article = get_object_or_404(Article, pk=article_id)
    form = ActionForm(request.POST)
    status, message = 200, ""
    try:
        if not form.is_valid():
            raise ValidationError(_form_error(form))
        message = _apply(article, form.cleaned_data, request.user)
    except ValidationError as error:
        status, message = 400, " ".join(error.messages)
    article.refresh_from_db()
    live = render_to_string("admin/people/review_live.html", _live(article), request)
    return JsonResponse(
        {"ok": status == 200, "message": message, "live": live}, status=status
    )


def _apply(article: Article, data: dict, user) -> str:
    action = data["action"]
    if action == "confirmall":
        count = decisions.confirm_automatic(article=article, by=user)
        return _("%(count)d automatic links confirmed.") % {"count": count}
    if action in ("add", "quote"):
        if data["start"] is None or data["end"] is None:
            data["start"], data["end"] = decisions.words_at(
                article.body, data["words"], data["near"] or 0
            )
        if action == "add":
            mention = decisions.mention_add(
                article=article, start=data["start"], end=data["end"], by=user
            )
            return _("“%(text)s” marked as a name.") % {"text": mention.text}
        decisions.quote_add(
            article=article,
            start=data["start"],
            end=data["end"],
            speaker=_person(data),
            by=user,
        )
        return _("Quotation marked.")
    if action == "speaker":
        quote = Quote.objects.filter(pk=data["quote"], article=article).first()
        if quote is None:
            raise ValidationError(_("This quotation is no longer in the article."))
        decisions.quote_speaker(quote=quote, speaker=_person(data), by=user)
        return _("Speaker saved.")
    return _on_mention(article, _mention(article, data), action, data, user)


def _on_mention(article, mention: Mention, action: str, data: dict, user) -> str:
    if action == "link":
        person = _person(data)
        if person is None:
            raise ValidationError(_("Choose a person."))
        services.mentions_link(mentions=[mention], person=person, by=user)
        return _("Linked to %(name)s.") % {"name": person.name}
    if action == "person":
        person = decisions.person_from_mention(mention=mention, by=user)
        return _("%(name)s added to the directory.") % {"name": person.name}
    if action == "notperson":
        decisions.not_a_person(mention=mention, by=user)
        return _("“%(text)s” is not a person to follow.") % {"text": mention.text}
    status = (
        Mention.Status.CONFIRMED if action == "confirm" else Mention.Status.REJECTED
    )
    if not services.mentions_decide(mentions=[mention], status=status, by=user):
        raise ValidationError(_("Link this name to a person first."))
    return _("Confirmed.") if action == "confirm" else _("Rejected.")


def _mention(article: Article, data: dict) -> Mention:
    """The mention the page showed: by id, or (a relink replaced it) by
    its place."""
    mention = Mention.objects.filter(pk=data["mention"], article=article).first()
    if mention is None and data["start"] is not None:
        mention = Mention.objects.filter(
            article=article, start=data["start"], end=data["end"]
        ).first()
    if mention is None:
        raise ValidationError(_("This name is no longer in the article."))
    return mention


def _person(data: dict) -> Person | None:
    if not data["person"]:
        return None
    person = Person.objects.filter(pk=data["person"]).first()
    if person is None:
        raise ValidationError(_("This person is no longer in the directory."))
    return person


def review_topics(modeladmin, request, article_id: int):
    """Set the article's topics from the review page: what this page added
    or removed is applied to the topics as now stored."""
    if request.method != "POST" or not request.user.has_perm("articles.change_article"):
        raise PermissionDenied
    article = get_object_or_404(Article, pk=article_id)
    form = TopicsForm(request.POST, admin_site=modeladmin.admin_site)
    url = reverse("admin:people_review", args=[article.pk])
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return HttpResponseRedirect(url)
    loaded = {int(p) for p in form.cleaned_data["loaded"].split(",") if p.isdigit()}
    wanted = topics_merged(
        article=article,
        loaded=loaded,
        submitted={t.pk for t in form.cleaned_data["topics"]},
    )
    if set(wanted) != set(article.topics.all()):
        article.topics.set(wanted)
        revision_create(article=article, by=request.user, note="topics")
    messages.success(request, _("Topics saved."))
    return HttpResponseRedirect(url)


def review_next(modeladmin, request):
    """The next article (after `?after=`) with a pending name, else the
    first one; the review queue when none is left."""
    if not request.user.has_perm("people.view_mention"):
        raise PermissionDenied
    try:
        after = int(request.GET.get("after", 0))
    except ValueError:
        after = 0
    pending = Mention.objects.filter(
        article=OuterRef("pk"), status=Mention.Status.PENDING
    )
    waiting = Article.objects.filter(Exists(pending)).order_by("pk")
    article = waiting.filter(pk__gt=after).first() or waiting.first()
    if article is None:
        messages.info(request, _("No article has a pending name."))
        return HttpResponseRedirect(reverse("admin:index"))
    return HttpResponseRedirect(reverse("admin:people_review", args=[article.pk]))
