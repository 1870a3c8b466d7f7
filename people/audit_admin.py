"""The audit trail in the admin: read-only, filterable, exportable as CSV."""

import csv

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from people.models import Decision


class _Echo:
    def write(self, value):
        return value


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """The audit trail: read-only, filterable, exportable as CSV."""

    show_full_result_count = False
    list_display = ["at", "who", "subject", "text", "before", "after", "article"]
    list_filter = ["subject", "by_linker"]
    list_select_related = ["by", "article"]
    search_fields = ["text", "before", "after", "by__username"]
    raw_id_fields = ["article", "mention", "by"]
    change_list_template = "admin/people/decision/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # an article's trail goes only with the article

    @admin.display(description=_("by"))
    def who(self, obj: Decision) -> str:
        return obj.who

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [
            path("export.csv", export, name="people_decision_export")
        ] + super().get_urls()

    def export_view(self, request):
        """The trail as CSV, with the list's filters (`?article__id__exact=`)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = self.get_changelist_instance(request).get_queryset(request)
        writer = csv.writer(_Echo())
        header = ["at", "by", "article", "about", "words", "start", "end", "from", "to"]

        def lines():
            yield writer.writerow(header)
            for d in rows.iterator(chunk_size=500):
                yield writer.writerow(
                    [
                        d.at.isoformat(),
                        d.who,
                        d.article_id,
                        d.subject,
                        d.text,
                        d.start,
                        d.end,
                        d.before,
                        d.after,
                    ]
                )

        response = StreamingHttpResponse(lines(), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="decisions.csv"'
        return response
