"""Authors in the admin: their own list, and an article's authors in
byline order on the article's page (Editors only)."""

from django.contrib import admin

from articles.models import Author, Byline


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ["author", "position"]
    autocomplete_fields = ["author"]
    extra = 0


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "source"]
    list_filter = ["source"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["portrait", "source"]
    prepopulated_fields = {"slug": ["name"]}
