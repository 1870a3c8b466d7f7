"""What an article's admin page holds besides the article itself: its
authors in byline order (Editors only) and its corrections; and the
authors' own list."""

from django.contrib import admin

from articles.models import Author, Byline, Correction


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


class CorrectionInline(admin.StackedInline):
    model = Correction
    fields = ["date", "kind", "text"]
    extra = 0
