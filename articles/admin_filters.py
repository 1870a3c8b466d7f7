"""The article list's filter by person: a text box (a person's slug or
name), since a list of every person in the directory would not fit."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.models import Person


class PersonNamedFilter(admin.SimpleListFilter):
    title = _("person named")
    parameter_name = "person"
    template = "admin/text_filter.html"

    def lookups(self, request, model_admin):
        # One entry, so the admin shows the filter; the template draws a box.
        return [("", "")]

    def choices(self, changelist):
        yield {
            "value": self.value() or "",
            "parameter": self.parameter_name,
            "others": [
                (k, v)
                for k, v in changelist.filter_params.items()
                if k not in (self.parameter_name, "p", "e")
            ],
        }

    def person(self) -> Person | None:
        value = (self.value() or "").strip()
        if not value:
            return None
        return Person.objects.filter(Q(slug=value) | Q(name__iexact=value)).first()

    def queryset(self, request, queryset):
        if not (self.value() or "").strip():
            return queryset
        person = self.person()
        if person is None:
            return queryset.none()
        # Linked mentions, any status of article (staff see drafts too).
        return queryset.filter(pk__in=person.mentions.linked().values("article_id"))
