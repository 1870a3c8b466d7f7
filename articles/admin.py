import difflib

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.ingest.upload import import_upload
from articles.models import (
    Article,
    ArticleRevision,
    Correction,
    Source,
    Topic,
)
from articles.services import (
    TransitionError,
    article_transition,
    check_transition,
    revision_create,
    revision_restore,
)
from people.admin import intermediate
from people.models import Mention, Quote

PUBLISH_PERM = "articles.publish_article"


class EstimatedCountPaginator(Paginator):
    """On PostgreSQL, an unfiltered list of a large table shows the planner's
    row estimate instead of running COUNT(*) over every row."""

    @cached_property
    def count(self) -> int:
        query = getattr(self.object_list, "query", None)
        if connection.vendor == "postgresql" and query is not None and not query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE relname = %s",
                    [self.object_list.model._meta.db_table],
                )
                row = cursor.fetchone()
            if row and row[0] > 10_000:
                return row[0]
        return super().count


class ConcurrentEdit(Exception):
    """Two saves of the same article raced past the form's version check."""


class AddTopicForm(forms.Form):
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), label=_("Topic"))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "Plain text (.txt), JSON Lines (.jsonl), RSS or Atom (.xml, .rss, "
            ".atom), IPTC ninjs (.json)."
        ),
    )
    source = forms.CharField(label=_("Source"), required=False, max_length=200)


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def revision_diff(old: ArticleRevision, new: ArticleRevision) -> str:
    """A side-by-side HTML diff of two revisions (difflib escapes the text)."""

    def lines(rev: ArticleRevision) -> list[str]:
        return [
            f"# {rev.title}",
            rev.standfirst,
            "",
            *rev.body.split("\n"),
            "",
            "topics: " + ", ".join(rev.topics),
        ]

    return difflib.HtmlDiff(wrapcolumn=70).make_table(
        lines(old),
        lines(new),
        fromdesc=f"#{old.number}",
        todesc=f"#{new.number}",
        context=False,
    )


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "article_count"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_articles=Count("articles"))
            .order_by("name")
        )

    @admin.display(description=_("articles"), ordering="n_articles")
    def article_count(self, obj: Source) -> int:
        return obj.n_articles


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}


class MentionInline(admin.TabularInline):
    model = Mention
    fields = ["text", "start", "end", "person", "status", "method", "decided_by"]
    readonly_fields = ["text", "start", "end", "method", "decided_by"]
    autocomplete_fields = ["person"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "decided_by")

    def has_add_permission(self, request, obj=None):
        return False  # mentions come from linking; staff decide on them


class QuoteInline(admin.TabularInline):
    model = Quote
    fields = ["text", "speaker", "speaker_name", "rule"]
    readonly_fields = ["text", "speaker_name", "rule"]
    autocomplete_fields = ["speaker"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")

    def has_add_permission(self, request, obj=None):
        return False


class ArticleAdminForm(forms.ModelForm):
    # The version the editor started from; a save from an older one is refused.
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "standfirst",
            "body",
            "status",
            "publish_at",
            "date",
            "date_precision",
            "language",
            "byline",
            "source",
            "source_url",
            "topics",
        ]

    user = None  # set by ArticleAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version

    def clean_status(self):
        status = self.cleaned_data["status"]
        previous = self.instance.status if self.instance.pk else Article.Status.DRAFT
        try:
            check_transition(user=self.user, from_status=previous, to_status=status)
        except TransitionError as exc:
            raise forms.ValidationError(str(exc)) from None
        return status

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            submitted = self.cleaned_data.get("edit_version")
            current = (
                Article.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if submitted is not None and current is not None and submitted != current:
                latest = self.instance.revisions.order_by("-number").first()
                url = reverse(
                    "admin:articles_article_revisions", args=[self.instance.pk]
                )
                raise forms.ValidationError(
                    format_html(
                        _(
                            "Someone else saved this article while you were "
                            'editing it (<a href="{}">revision {}</a>). Your '
                            "changes were not saved: open the newer version "
                            "and apply them again."
                        ),
                        url,
                        latest.number if latest else "?",
                    ),
                    code="stale",
                )
        return cleaned


class CorrectionInline(admin.StackedInline):
    model = Correction
    fields = ["date", "kind", "text"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    # No second, unfiltered COUNT(*) over the whole table on filtered lists.
    show_full_result_count = False
    list_display = [
        "title",
        "date_display",
        "status",
        "publish_at",
        "language",
        "source",
    ]
    list_filter = ["status", "date", "language", "date_precision", "source", "topics"]
    list_select_related = ["source"]
    search_fields = ["title", "standfirst", "slug"]
    autocomplete_fields = ["source", "topics"]
    prepopulated_fields = {"slug": ["title"]}
    # No date_hierarchy: its year list and min/max are two full-table
    # aggregates per page view; the date filter in the sidebar does the job.
    paginator = EstimatedCountPaginator
    inlines = [CorrectionInline, MentionInline, QuoteInline]
    actions = [
        "submit_selected",
        "publish_selected",
        "archive_selected",
        "add_topic",
        "relink_selected",
    ]
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "publish_at",
                    "date",
                    "date_precision",
                    "language",
                    "byline",
                    "edit_version",
                ]
            },
        ),
        (_("Origin"), {"fields": ["source", "source_url"]}),
        (_("Tags"), {"fields": ["topics"]}),
    ]
    # What Staff may edit on an article: its tags, nothing else.
    staff_editable = {"topics"}

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, obj: Article) -> str:
        return obj.date_display

    def get_queryset(self, request):
        # The list never shows the body or the search columns.
        return (
            super().get_queryset(request).defer("body", "search_text", "search_vector")
        )

    def is_editor(self, request) -> bool:
        return request.user.has_perm("articles.add_article")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not self.is_editor(request):
            return [
                f
                for fieldset in self.fieldsets
                for f in fieldset[1]["fields"]
                if f not in self.staff_editable and f not in ("status", "edit_version")
            ]
        return []

    def get_inlines(self, request, obj):
        inlines = list(self.inlines)
        if not request.user.has_perm(PUBLISH_PERM):
            inlines.remove(CorrectionInline)
        return inlines

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if self.is_editor(request) else {}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def save_model(self, request, obj, form, change):
        # Status moves go through the workflow service, which records them.
        wanted = obj.status
        obj.status = (
            Article.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
            if change
            else Article.Status.DRAFT
        )
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        with transaction.atomic():
            if change:
                # Lock and check again: two saves racing past the form check
                # must not both win.
                current = (
                    Article.objects.select_for_update()
                    .filter(pk=obj.pk)
                    .values_list("version", flat=True)
                    .first()
                )
                submitted = form.cleaned_data.get("edit_version")
                if submitted is not None and current != submitted:
                    raise ConcurrentEdit
            obj.version += 1
            super().save_model(request, obj, form, change)
            if wanted != obj.status:
                article_transition(article=obj, to=wanted, by=request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConcurrentEdit:
            self.message_user(
                request,
                _("Someone else saved this article at the same moment; reload it."),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)

    def save_formset(self, request, form, formset, change):
        if formset.model is Mention:
            for mention_form in formset.forms:
                mention = mention_form.instance
                if not mention_form.has_changed() or not mention.pk:
                    continue
                if "person" in mention_form.changed_data and mention.person_id:
                    mention.status = Mention.Status.CONFIRMED
                if mention.status in Mention.DECIDED:
                    mention.decide(status=mention.status, by=request.user)
            # A decision readers will see (a rejection, another person, a
            # mention added or deleted): relink in save_related, so quotes
            # and short forms follow it.
            if formset.deleted_forms or any(
                f.has_changed() and f.instance.shown_changed() for f in formset.forms
            ):
                form.instance._mentions_decided = True
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            if formset.model is Correction:
                for correction in formset.new_objects:
                    Correction.objects.filter(pk=correction.pk).update(
                        created_by=request.user
                    )
        article = form.instance
        if not change or {"body", "title", "standfirst", "topics"} & set(
            form.changed_data
        ):
            revision_create(article=article, by=request.user)
        if (
            not change
            or {"body", "title", "standfirst"} & set(form.changed_data)
            or getattr(article, "_mentions_decided", False)
        ):
            from people.services import link_article

            link_article(article=article)

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERM)

    def _move(self, request, queryset, to: str) -> None:
        moved, refused = 0, []
        for article in queryset:
            try:
                if article_transition(article=article, to=to, by=request.user):
                    moved += 1
            except TransitionError as exc:
                refused.append(f"{article}: {exc}")
        self.message_user(
            request,
            ngettext("%d article moved.", "%d articles moved.", moved) % moved,
            messages.SUCCESS,
        )
        for reason in refused[:10]:
            self.message_user(request, reason, messages.WARNING)

    @admin.action(description=_("Submit selected articles for review"))
    def submit_selected(self, request, queryset):
        self._move(request, queryset, Article.Status.IN_REVIEW)

    @admin.action(description=_("Publish selected articles"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._move(request, queryset, Article.Status.PUBLISHED)

    @admin.action(description=_("Archive selected articles"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        self._move(request, queryset, Article.Status.ARCHIVED)

    @admin.action(
        description=_("Add a topic to selected articles…"), permissions=["change"]
    )
    def add_topic(self, request, queryset):
        form = AddTopicForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            topic = form.cleaned_data["topic"]
            for article in queryset:
                article.topics.add(topic)
                revision_create(article=article, by=request.user, note=f"+{topic.slug}")
            self.message_user(request, _("Topic added."), messages.SUCCESS)
            return None
        return intermediate(
            self,
            request,
            queryset,
            form=form,
            action="add_topic",
            intro=_("Add a topic"),
        )

    # --- revisions ---------------------------------------------------------

    def get_urls(self):
        urls = super().get_urls()
        extra = [
            path(
                "<int:pk>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="articles_article_import",
            ),
        ]
        return extra + urls

    def revisions_view(self, request, pk: int):
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        revisions = list(article.revisions.select_related("created_by"))
        if request.method == "POST":
            if not self.has_change_permission(request, article) or not self.is_editor(
                request
            ):
                raise PermissionDenied
            revision = get_object_or_404(
                ArticleRevision, article=article, number=request.POST.get("restore")
            )
            revision_restore(revision=revision, by=request.user)
            self.message_user(
                request,
                _("Revision %d restored.") % revision.number,
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:articles_article_change", args=[article.pk])
            )
        numbers = [r.number for r in revisions]
        a = _int(request.GET.get("a"), numbers[1] if len(numbers) > 1 else None)
        b = _int(request.GET.get("b"), numbers[0] if numbers else None)
        by_number = {r.number: r for r in revisions}
        diff = None
        if a in by_number and b in by_number:
            diff = revision_diff(by_number[a], by_number[b])
        context = {
            **self.admin_site.each_context(request),
            "title": _("History of “%s”") % article.title,
            "article": article,
            "revisions": revisions,
            "transitions": article.transitions.select_related("by")[:50],
            "a": a,
            "b": b,
            "diff": diff,
            "can_restore": self.is_editor(request),
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "admin/articles/article/revisions.html", context
        )

    # --- upload --------------------------------------------------------------

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        report = None
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            report = import_upload(
                form.cleaned_data["file"],
                source=form.cleaned_data["source"] or None,
                status=None,
                user=request.user,
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import articles"),
            "form": form,
            "report": report,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/articles/article/import.html", context)

    @admin.action(description=_("Run name linking again"), permissions=["change"])
    def relink_selected(self, request, queryset):
        from people.services import get_gazetteer, link_article

        gazetteer = get_gazetteer()
        for article in queryset:
            link_article(article=article, gazetteer=gazetteer)
        self.message_user(request, _("Linking done; staff decisions were kept."))


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["article", "kind", "date", "text"]
    list_filter = ["kind"]
    list_select_related = ["article"]
    search_fields = ["text", "article__title"]
    raw_id_fields = ["article"]
