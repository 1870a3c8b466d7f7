from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.caching import invalidate_pages
from articles.models import Article, Source, Topic
from people.models import Mention, Quote

PUBLISH_PERM = "articles.publish_article"
# Moving into or out of these statuses is publishing, reserved to Editors.
PUBLIC_STATUSES = {Article.Status.PUBLISHED, Article.Status.ARCHIVED}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "article_count"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

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
    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "standfirst",
            "body",
            "status",
            "date",
            "date_precision",
            "language",
            "byline",
            "source",
            "source_url",
            "topics",
        ]

    user = None  # set by ArticleAdmin.get_form

    def clean_status(self):
        status = self.cleaned_data["status"]
        previous = self.instance.status if self.instance.pk else None
        moving = status != previous
        if (
            moving
            and (status in PUBLIC_STATUSES or previous in PUBLIC_STATUSES)
            and not self.user.has_perm(PUBLISH_PERM)
        ):
            raise forms.ValidationError(
                _("Only editors may publish, unpublish or archive an article.")
            )
        return status


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "date_display", "status", "language", "source"]
    list_filter = ["status", "language", "date_precision", "source", "topics"]
    list_select_related = ["source"]
    search_fields = ["title", "standfirst", "slug"]
    autocomplete_fields = ["source", "topics"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
    inlines = [MentionInline, QuoteInline]
    actions = ["publish_selected", "relink_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        (
            _("Publication"),
            {"fields": ["status", "date", "date_precision", "language", "byline"]},
        ),
        (_("Origin"), {"fields": ["source", "source_url"]}),
        (_("Tags"), {"fields": ["topics"]}),
    ]
    # What Staff may edit on an article: its tags, nothing else.
    staff_editable = {"topics"}

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, obj: Article) -> str:
        return obj.date_display

    def is_editor(self, request) -> bool:
        return request.user.has_perm("articles.add_article")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not self.is_editor(request):
            return [
                f
                for fieldset in self.fieldsets
                for f in fieldset[1]["fields"]
                if f not in self.staff_editable
            ]
        return []

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if self.is_editor(request) else {}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

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
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change or {"body", "title", "standfirst"} & set(form.changed_data):
            from people.services import link_article

            link_article(article=form.instance)

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERM)

    @admin.action(description=_("Publish selected articles"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = queryset.exclude(status=Article.Status.PUBLISHED).update(
            status=Article.Status.PUBLISHED, updated_by=request.user
        )
        invalidate_pages()
        self.message_user(
            request,
            ngettext("%d article published.", "%d articles published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Run name linking again"), permissions=["change"])
    def relink_selected(self, request, queryset):
        from people.services import get_gazetteer, link_article

        gazetteer = get_gazetteer()
        for article in queryset:
            link_article(article=article, gazetteer=gazetteer)
        self.message_user(request, _("Linking done; staff decisions were kept."))
