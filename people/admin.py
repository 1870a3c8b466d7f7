from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from people.models import Alias, Mention, NameSuggestion, Person, Quote, Role


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1


class RoleInline(admin.TabularInline):
    model = Role
    fields = ["title", "organisation", "start_date", "end_date", "status"]
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "wikidata_id", "mention_count"]
    search_fields = ["name", "slug", "aliases__name", "wikidata_id"]
    list_filter = ["known_by_surname"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline, RoleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_mentions=Count("mentions"))

    @admin.display(description=_("mentions"), ordering="n_mentions")
    def mention_count(self, obj: Person) -> int:
        return obj.n_mentions


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "person"]
    list_filter = ["kind"]
    list_select_related = ["person"]
    search_fields = ["name", "person__name"]
    autocomplete_fields = ["person"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "organisation", "start_date", "status"]
    list_filter = ["status"]
    list_select_related = ["person"]
    search_fields = ["person__name", "title", "organisation"]
    autocomplete_fields = ["person"]
    raw_id_fields = ["article"]


def _decide(modeladmin, request, queryset, status: str) -> None:
    count = 0
    for mention in queryset.select_related("person"):
        if status == Mention.Status.CONFIRMED and mention.person_id is None:
            continue  # nothing to confirm: link it to a person first
        mention.decide(status=status, by=request.user)
        mention.save(update_fields=["status", "decided_by", "decided_at", "method"])
        count += 1
    modeladmin.message_user(
        request,
        ngettext("%d mention updated.", "%d mentions updated.", count) % count,
        messages.SUCCESS,
    )


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["text", "person", "article", "status", "method", "decided_by"]
    list_filter = ["status", "method"]
    list_select_related = ["person", "article", "decided_by"]
    search_fields = ["text", "person__name", "article__title"]
    autocomplete_fields = ["person"]
    raw_id_fields = ["article", "suggestion"]
    readonly_fields = ["decided_by", "decided_at"]
    actions = ["confirm", "reject"]

    @admin.action(description=_("Confirm selected mentions"), permissions=["change"])
    def confirm(self, request, queryset):
        _decide(self, request, queryset, Mention.Status.CONFIRMED)

    @admin.action(description=_("Reject selected mentions"), permissions=["change"])
    def reject(self, request, queryset):
        _decide(self, request, queryset, Mention.Status.REJECTED)

    def save_model(self, request, obj, form, change):
        if {"status", "person"} & set(form.changed_data):
            if "person" in form.changed_data and obj.person_id:
                obj.status = Mention.Status.CONFIRMED
            if obj.status in Mention.DECIDED:
                obj.decide(status=obj.status, by=request.user)
        super().save_model(request, obj, form, change)


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "speaker_name", "article", "rule"]
    list_filter = ["rule"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name", "speaker_name"]
    autocomplete_fields = ["speaker"]
    raw_id_fields = ["article"]


@admin.register(NameSuggestion)
class NameSuggestionAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "mention_count", "person"]
    list_filter = ["status"]
    search_fields = ["name", "key"]
    autocomplete_fields = ["person"]
    readonly_fields = ["key"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("person")
            .annotate(n_mentions=Count("mentions"))
        )

    @admin.display(description=_("mentions"), ordering="n_mentions")
    def mention_count(self, obj: NameSuggestion) -> int:
        return obj.n_mentions
