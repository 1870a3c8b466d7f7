"""Admin pieces every app's admin uses."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.paginator import Paginator
from django.db import connection
from django.template.response import TemplateResponse
from django.utils.functional import cached_property


def action_form(modeladmin, request, queryset, *, form, action: str, intro: str):
    """The confirmation page of a bulk action that needs a choice (a person,
    a topic): the form, and the selected rows carried along."""
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": intro,
        "intro": intro,
        "form": form,
        "media": modeladmin.media + form.media,
        "queryset": queryset,
        "action": action,
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
        "opts": modeladmin.model._meta,
    }
    return TemplateResponse(request, "admin/action_form.html", context)


def action_with_form(
    modeladmin, request, queryset, *, form, intro: str, apply: Callable[[dict], str]
):
    """A bulk action that asks for a choice first (a person, a topic): the
    page of `form` (a form class, or a callable making the form from the
    posted data) until it is valid, then `apply(cleaned_data)` (a call to a
    service), whose return value is shown as the success message."""
    chosen = request.POST if "apply" in request.POST else None
    form = form(chosen)
    if not form.is_valid():
        action = request.POST.get("action", "")
        return action_form(
            modeladmin, request, queryset, form=form, action=action, intro=intro
        )
    modeladmin.message_user(request, apply(form.cleaned_data), messages.SUCCESS)
    return None


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
