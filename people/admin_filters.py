"""How linking found a name, in the staff's language: the mention list's
column and filter."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# How linking found a name (Mention.method), in the staff's language.
METHODS = {
    "directory": _("a name in the directory"),
    "directory-ambiguous": _("a name several people share"),
    "honorific": _("an honorific (M., Mme…) and a surname"),
    "surname": _("the surname of someone named in full"),
    "known-surname": _("a surname known alone"),
    "role": _("a role title"),
    "rule": _("a title or a speech verb (rules)"),
    "ner": _("the language model (NER)"),
    "staff": _("staff"),
}


class MethodFilter(admin.SimpleListFilter):
    title = _("found by")
    parameter_name = "method"

    def lookups(self, request, model_admin):
        return list(METHODS.items())

    def queryset(self, request, queryset):
        return queryset.filter(method=self.value()) if self.value() else queryset
