from django import template
from django.utils.translation import gettext_lazy as _

from articles.models import Article

register = template.Library()


@register.inclusion_tag("admin/articles/dashboard.html", takes_context=True)
def editorial_dashboard(context) -> dict:
    """What editors act on first: articles waiting for review, scheduled
    articles (pending names are in the review queue next to it)."""
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return {"show": False}
    return {
        "show": True,
        "in_review": Article.objects.filter(status=Article.Status.IN_REVIEW)
        .only("pk", "title", "updated_at")
        .order_by("updated_at")[:10],
        "in_review_count": Article.objects.filter(
            status=Article.Status.IN_REVIEW
        ).count(),
        "scheduled": Article.objects.scheduled()
        .only("pk", "title", "publish_at")
        .order_by("publish_at")[:10],
    }


# Notes the system writes on revisions and status moves, stored in English
# (whoever's language was active): shown in the reader's.
SYSTEM_NOTES = {
    "imported": _("imported"),
    "scheduled publication": _("scheduled publication"),
    "topics": _("topics"),
}


@register.filter
def note_label(note: str) -> str:
    return SYSTEM_NOTES.get(note, note)
