from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Count
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.admin_helpers import action_with_form
from people import (
    audit_admin,  # noqa: F401 - registers the decisions' admin
    review,
    services,
)
from people.admin_filters import METHODS, MethodFilter
from people.linking.context import context_of
from people.models import (
    Alias,
    Mention,
    NameSuggestion,
    Person,
    PersonMerge,
    Quote,
    Role,
)


class ChoosePersonForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.all(),
        label=_("Person"),
        widget=AutocompleteSelect(Mention._meta.get_field("person"), admin.site),
    )
    # Off by default: a bare surname ("Dufresne") as an alias would make
    # every future "Dufresne" this person.
    add_alias = forms.BooleanField(
        label=_("Also add the name as written as an alias"),
        help_text=_(
            "Not for a single word, unless the person is known by surname alone."
        ),
        required=False,
        initial=False,
    )


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label=_("Keep this person; the others are merged into it"),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = people


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1


class RoleInline(admin.TabularInline):
    model = Role
    fields = ["title", "organisation", "start_date", "end_date", "status"]
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    show_full_result_count = False
    list_display = ["name", "description", "wikidata_id", "mention_count"]
    search_fields = ["name", "slug", "aliases__name", "wikidata_id"]
    list_filter = ["known_by_surname", "gender"]
    autocomplete_fields = ["portrait"]
    ordering = ["sort_key", "name", "pk"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline, RoleInline]
    actions = ["merge_people"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_mentions=Count("mentions"))

    @admin.display(description=_("mentions"), ordering="n_mentions")
    def mention_count(self, obj: Person) -> int:
        return obj.n_mentions

    @admin.action(description=_("Merge selected people…"), permissions=["change"])
    def merge_people(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, _("Select two people or more."), messages.ERROR)
            return None
        people = Person.objects.filter(pk__in=queryset.values("pk"))

        def merge(chosen: dict) -> str:
            keep = chosen["keep"]
            for merged in people.exclude(pk=keep.pk):
                services.person_merge(keep=keep, merged=merged, by=request.user)
            return _("Merged into %(name)s.") % {"name": keep.name}

        return action_with_form(
            self,
            request,
            people,
            form=lambda data: MergeForm(data, people=people),
            intro=_("Merge people"),
            apply=merge,
        )


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "person"]
    list_filter = ["kind"]
    list_select_related = ["person"]
    search_fields = ["name", "person__name"]
    autocomplete_fields = ["person"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = [
        "person",
        "title",
        "organisation",
        "start_date",
        "end_date",
        "status",
    ]
    # A proposal often needs its end (a minister who has left office).
    list_editable = ["end_date"]
    list_filter = ["status"]
    list_select_related = ["person"]
    search_fields = ["person__name", "title", "organisation"]
    autocomplete_fields = ["person"]
    raw_id_fields = ["article"]
    actions = ["confirm_roles", "reject_roles"]

    @admin.action(description=_("Confirm selected roles"), permissions=["change"])
    def confirm_roles(self, request, queryset):
        services.roles_decide(roles=queryset, status=Role.Status.CONFIRMED)

    @admin.action(description=_("Reject selected roles"), permissions=["change"])
    def reject_roles(self, request, queryset):
        services.roles_decide(roles=queryset, status=Role.Status.REJECTED)


def mention_context(mention: Mention) -> str:
    before, name, after = context_of(mention.article.body, mention.start, mention.end)
    return format_html("{}<mark>{}</mark>{}", before, name, after)


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    show_full_result_count = False
    list_display = ["text", "context", "person", "status", "found_by", "review"]
    list_filter = ["status", MethodFilter, "is_anchored"]
    list_select_related = ["person", "article", "decided_by"]
    search_fields = ["text", "person__name", "article__title"]
    autocomplete_fields = ["person"]
    # Where a name stands comes from the text (the review page marks a
    # missed one): staff choose the person and the status, nothing else.
    readonly_fields = [
        "article",
        "text",
        "start",
        "end",
        "method",
        "suggestion",
        "candidates",
        "is_anchored",
        "decided_by",
        "decided_at",
    ]
    actions = ["confirm", "reject", "link_to_person", "add_alias"]

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        def view(func, route: str, name: str):
            wrapped = self.admin_site.admin_view(partial(func, self))
            return path(route, wrapped, name=name)

        return [
            view(review.review_page, "review/<int:article_id>/", "people_review"),
            view(
                review.review_act, "review/<int:article_id>/act/", "people_review_act"
            ),
            view(
                review.review_topics,
                "review/<int:article_id>/topics/",
                "people_review_topics",
            ),
            view(review.review_next, "review/next/", "people_review_next"),
        ] + super().get_urls()

    @admin.display(description=_("in context"))
    def context(self, obj: Mention) -> str:
        return mention_context(obj)

    @admin.display(description=_("found by"), ordering="method")
    def found_by(self, obj: Mention) -> str:
        return METHODS.get(obj.method, obj.method)

    @admin.display(description=_("article"))
    def review(self, obj: Mention) -> str:
        url = reverse("admin:people_review", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article)

    @admin.action(description=_("Confirm selected mentions"), permissions=["change"])
    def confirm(self, request, queryset):
        self._decide(request, queryset, Mention.Status.CONFIRMED)

    @admin.action(description=_("Reject selected mentions"), permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, Mention.Status.REJECTED)

    def _decide(self, request, queryset, status: str) -> None:
        mentions = list(queryset)
        if status == Mention.Status.CONFIRMED:
            # Nothing to confirm without a person: link it to one first.
            mentions = [m for m in mentions if m.person_id is not None]
        count = services.mentions_decide(
            mentions=mentions, status=status, by=request.user
        )
        skipped = queryset.count() - count
        self.message_user(
            request,
            ngettext("%d mention updated.", "%d mentions updated.", count) % count,
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                _("%d mentions have no person: link them to one first.") % skipped,
                messages.WARNING,
            )

    @admin.action(
        description=_("Link selected mentions to a person…"), permissions=["change"]
    )
    def link_to_person(self, request, queryset):
        def link(chosen: dict) -> str:
            person, mentions = chosen["person"], list(queryset)
            count = services.mentions_link(
                mentions=mentions, person=person, by=request.user
            )
            if chosen["add_alias"]:
                for mention in mentions:
                    services.alias_add_from_text(person=person, text=mention.text)
            return ngettext(
                "%(count)d mention linked to %(name)s.",
                "%(count)d mentions linked to %(name)s.",
                count,
            ) % {"count": count, "name": person.name}

        return action_with_form(
            self,
            request,
            queryset,
            form=ChoosePersonForm,
            intro=_("Link mentions to a person"),
            apply=link,
        )

    @admin.action(
        description=_("Add the text as an alias of its person"), permissions=["change"]
    )
    def add_alias(self, request, queryset):
        added = 0
        for mention in queryset.filter(person__isnull=False).select_related("person"):
            added += bool(services.alias_add(person=mention.person, name=mention.text))
        self.message_user(
            request,
            ngettext("%d alias added.", "%d aliases added.", added) % added,
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        services.mention_edit(
            mention=obj, changed_fields=form.changed_data, by=request.user
        )


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    show_full_result_count = False
    list_display = ["__str__", "speaker", "speaker_name", "article", "rule"]
    list_filter = ["rule"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name", "speaker_name"]
    autocomplete_fields = ["speaker"]
    raw_id_fields = ["article"]
    # The words come from the article (Quote.clean): never typed.
    readonly_fields = ["text"]


@admin.register(NameSuggestion)
class NameSuggestionAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "status",
        "mention_count",
        "article_count",
        "context",
        "person",
    ]
    list_filter = ["status"]
    search_fields = ["name", "key"]
    autocomplete_fields = ["person"]
    readonly_fields = ["key"]
    actions = ["create_people", "link_to_person", "dismiss"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("person")
            .annotate(
                n_mentions=Count("mentions"),
                n_articles=Count("mentions__article", distinct=True),
            )
        )

    @admin.display(description=_("mentions"), ordering="n_mentions")
    def mention_count(self, obj: NameSuggestion) -> int:
        return obj.n_mentions

    @admin.display(description=_("articles"), ordering="n_articles")
    def article_count(self, obj: NameSuggestion) -> int:
        return obj.n_articles

    @admin.display(description=_("first seen in context"))
    def context(self, obj: NameSuggestion) -> str:
        mention = obj.mentions.select_related("article").order_by("pk").first()
        return mention_context(mention) if mention else ""

    @admin.action(
        description=_("Create people from selected names"), permissions=["change"]
    )
    def create_people(self, request, queryset):
        count = 0
        for suggestion in queryset.exclude(status=NameSuggestion.Status.ACCEPTED):
            services.suggestion_accept(suggestion=suggestion, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%d person created.", "%d people created.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Link selected names to a person…"), permissions=["change"]
    )
    def link_to_person(self, request, queryset):
        def link(chosen: dict) -> str:
            person = chosen["person"]
            for suggestion in queryset:
                services.suggestion_accept(
                    suggestion=suggestion, by=request.user, person=person
                )
            return _("Linked to %(name)s.") % {"name": person.name}

        return action_with_form(
            self,
            request,
            queryset,
            form=ChoosePersonForm,
            intro=_("Link names to a person"),
            apply=link,
        )

    @admin.action(
        description=_("Dismiss selected names (not people to follow)"),
        permissions=["change"],
    )
    def dismiss(self, request, queryset):
        for suggestion in queryset:
            services.suggestion_dismiss(suggestion=suggestion)
        self.message_user(request, _("Dismissed."), messages.SUCCESS)


@admin.register(PersonMerge)
class PersonMergeAdmin(admin.ModelAdmin):
    list_display = ["merged_name", "kept", "merged_by", "merged_at"]
    list_select_related = ["kept", "merged_by"]
    search_fields = ["merged_name", "kept__name"]
    readonly_fields = [f.name for f in PersonMerge._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
