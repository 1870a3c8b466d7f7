from django import template
from django.utils.translation import gettext_lazy as _

from people.models import Mention, NameSuggestion, Role

register = template.Library()


@register.inclusion_tag("admin/people/review_counts.html", takes_context=True)
def review_counts(context) -> dict:
    """What waits for staff, linked to the filtered admin lists."""
    user = context["request"].user
    if not user.has_perm("people.view_mention"):
        return {"counts": []}
    return {
        "counts": [
            (
                "people/mention/?status__exact=pending",
                _("Pending mentions"),
                Mention.objects.filter(status=Mention.Status.PENDING).count(),
            ),
            (
                "people/namesuggestion/?status__exact=open",
                _("Open name suggestions"),
                NameSuggestion.objects.open_work().count(),
            ),
            (
                "people/role/?status__exact=proposed",
                _("Proposed roles"),
                Role.objects.filter(status=Role.Status.PROPOSED).count(),
            ),
        ]
    }
