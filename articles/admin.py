from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles import admin_previews, admin_views  # noqa: F401 (registers)
from articles.admin_filters import PersonNamedFilter
from articles.admin_parts import BylineInline, CorrectionInline
from articles.models import Article, Correction, Source, Topic
from articles.search import text_matches
from articles.services import (
    StaleVersion,
    TransitionError,
    article_save,
    article_transition,
    articles_tag,
    check_transition,
    check_version,
    topics_merged,
)
from newsroom.admin_helpers import EstimatedCountPaginator, action_with_form
from people.directory import get_gazetteer
from people.linker import link_article
from people.models import Decision

PUBLISH_PERM = "articles.publish_article"


class AddTopicForm(forms.Form):
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), label=_("Topic"))


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


# The article form's fields, in the groups the change page shows them.
FIELDSETS = [
    (None, ["title", "slug", "standfirst", "body"]),
    (_("Photo"), ["lead_photo"]),
    (
        _("Publication"),
        [
            "status",
            "publish_at",
            "date",
            "date_precision",
            "language",
            "byline",
            "edit_version",
            "edit_topics",
        ],
    ),
    (_("Origin"), ["source", "source_url"]),
    (_("Tags"), ["topics"]),
]


# Form fields that carry where the edit started from, not article fields.
HIDDEN = ("edit_version", "edit_topics")


class ArticleAdminForm(forms.ModelForm):
    # The version the editor started from; a save from an older one is refused.
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The topics as the editor loaded them: a save applies only what the
    # editor added or removed, so tags staff set meanwhile are kept.
    edit_topics = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [f for _, group in FIELDSETS for f in group if f not in HIDDEN]

    user = None  # set by ArticleAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "publish_at" in self.fields:
            # The admin's date and time boxes have no label of their own.
            date, time = self.fields["publish_at"].widget.widgets
            date.attrs["aria-label"] = _("Publish at: date")
            time.attrs["aria-label"] = _("Publish at: time")
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version
            self.fields["edit_topics"].initial = ",".join(
                str(pk) for pk in self.instance.topics.values_list("pk", flat=True)
            )

    def loaded_topics(self) -> set[int] | None:
        """The topic ids the editor started from (None: not known)."""
        raw = self.cleaned_data.get("edit_topics") or ""
        if not self.instance.pk or "topics" not in self.fields:
            return None
        return {int(pk) for pk in raw.split(",") if pk.strip().isdigit()}

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
        try:
            check_version(
                article=self.instance,
                expected_version=cleaned.get("edit_version"),
            )
        except StaleVersion as stale:
            url = reverse("admin:articles_article_revisions", args=[self.instance.pk])
            raise forms.ValidationError(
                format_html(
                    _(
                        "Someone else saved this article while you were "
                        'editing it (<a href="{}">revision {}</a>). Your '
                        "changes were not saved: open the newer version "
                        "and apply them again."
                    ),
                    url,
                    stale.revision or "?",
                ),
                code="stale",
            ) from None
        return cleaned


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
    list_filter = [
        "status",
        "date",
        "language",
        "date_precision",
        "source",
        "topics",
        PersonNamedFilter,
    ]
    list_select_related = ["source"]
    search_fields = ["title", "standfirst", "slug"]
    autocomplete_fields = ["source", "topics", "lead_photo"]
    prepopulated_fields = {"slug": ["title"]}
    # No date_hierarchy: its year list and min/max are two full-table
    # aggregates per page view; the date filter in the sidebar does the job.
    paginator = EstimatedCountPaginator
    # No mention or quotation rows here: they are reviewed on the article's
    # review page, so an editor's save can never overwrite a decision.
    inlines = [BylineInline, CorrectionInline]
    actions = [
        "submit_selected",
        "publish_selected",
        "archive_selected",
        "add_topic",
        "relink_selected",
    ]
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    fieldsets = [(name, {"fields": fields}) for name, fields in FIELDSETS]
    # What Staff may edit on an article: its tags, nothing else.
    staff_editable = {"topics"}

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, obj: Article) -> str:
        return obj.date_display

    def get_search_results(self, request, queryset, search_term):
        # Title, standfirst, slug by substring (trigram indexes); body words.
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return found, duplicates
        return found | text_matches(search_term, queryset), duplicates

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
                if f not in self.staff_editable and f != "status" and f not in HIDDEN
            ]
        return []

    def get_changeform_initial_data(self, request):
        # A new article is most often today's.
        return {
            "date": timezone.localdate(),
            **super().get_changeform_initial_data(request),
        }

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        # The audit trail of an article goes with it, for whoever may delete
        # the article (nobody may delete a row of it alone).
        perms_needed.discard(Decision._meta.verbose_name)
        return deleted, counts, perms_needed, protected

    def get_inlines(self, request, obj):
        inlines = list(self.inlines)
        if not request.user.has_perm(PUBLISH_PERM):
            inlines.remove(CorrectionInline)
        if not self.is_editor(request):
            inlines.remove(BylineInline)
        return inlines

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if self.is_editor(request) else {}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def save_model(self, request, obj, form, change):
        # Saved in save_related, with what the form carries besides the row.
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for correction_form in formset.forms:
                if not correction_form.instance.pk:
                    correction_form.instance.created_by = request.user
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        loaded = form.loaded_topics() if change else None
        if loaded is not None and "topics" in form.cleaned_data:
            form.cleaned_data["topics"] = topics_merged(
                article=form.instance,
                loaded=loaded,
                submitted={t.pk for t in form.cleaned_data["topics"]},
            )
        article_save(
            article=form.instance,
            by=request.user,
            expected_version=form.cleaned_data.get("edit_version") if change else None,
            changed_fields=form.changed_data,
            save_related=lambda: super(ArticleAdmin, self).save_related(
                request, form, formsets, change
            ),
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersion:
            self.message_user(
                request,
                _("Someone else saved this article at the same moment; reload it."),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)

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
        def tag(chosen: dict) -> str:
            articles_tag(articles=queryset, topic=chosen["topic"], by=request.user)
            return _("Topic added.")

        return action_with_form(
            self,
            request,
            queryset,
            form=AddTopicForm,
            intro=_("Add a topic"),
            apply=tag,
        )

    def get_urls(self):
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
            path(
                "<int:pk>/preview-link/",
                self.admin_site.admin_view(self.preview_link_view),
                name="articles_article_preview_link",
            ),
        ]
        return extra + super().get_urls()

    def preview_link_view(self, request, pk: int):
        return admin_views.preview_link(self, request, pk)

    def revisions_view(self, request, pk: int):
        return admin_views.revisions(self, request, pk)

    def import_view(self, request):
        return admin_views.import_articles(self, request)

    @admin.action(description=_("Run name linking again"), permissions=["change"])
    def relink_selected(self, request, queryset):
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
