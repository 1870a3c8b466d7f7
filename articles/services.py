"""Editorial writes that span models: status moves and revisions.

The allowed status moves live here and only here: the admin form, its bulk
actions and the scheduling command all go through `article_transition`.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.caching import invalidate_pages
from articles.models import Article, ArticleRevision, ArticleTransition

S = Article.Status
SUBMIT, PUBLISH = "articles.change_article", "articles.publish_article"

# (from, to) -> the permission that move needs. Staff may submit for review
# (and take back); publishing, unpublishing and archiving are Editors'.
MOVES: dict[tuple[str, str], str] = {
    (S.DRAFT, S.IN_REVIEW): SUBMIT,
    (S.IN_REVIEW, S.DRAFT): SUBMIT,
    (S.DRAFT, S.PUBLISHED): PUBLISH,
    (S.IN_REVIEW, S.PUBLISHED): PUBLISH,
    (S.PUBLISHED, S.DRAFT): PUBLISH,
    (S.PUBLISHED, S.ARCHIVED): PUBLISH,
    (S.DRAFT, S.ARCHIVED): PUBLISH,
    (S.IN_REVIEW, S.ARCHIVED): PUBLISH,
    (S.ARCHIVED, S.PUBLISHED): PUBLISH,
    (S.ARCHIVED, S.DRAFT): PUBLISH,
}


class TransitionError(PermissionDenied):
    """A status move that is not allowed, or not allowed to this user."""


def check_transition(*, user, from_status: str, to_status: str) -> None:
    """Raise TransitionError unless `user` may move an article so."""
    if from_status == to_status:
        return
    needed = MOVES.get((from_status, to_status))
    if needed is None:
        raise TransitionError(
            _("An article cannot go from %(from)s to %(to)s.")
            % {"from": S(from_status).label, "to": S(to_status).label}
        )
    if user is not None and not user.has_perm(needed):
        if needed == PUBLISH:
            raise TransitionError(
                _("Only editors may publish, unpublish or archive an article.")
            )
        raise TransitionError(_("You may not change this article's status."))


@transaction.atomic
def article_transition(
    *, article: Article, to: str, by, note: str = ""
) -> ArticleTransition | None:
    """Move `article` to status `to`, record the move, and make cached pages
    stale. `by=None` is the system (the scheduler), which may do any allowed
    move. Returns None when the article already has that status."""
    from_status = Article.objects.select_for_update().get(pk=article.pk).status
    if from_status == to:
        return None
    check_transition(user=by, from_status=from_status, to_status=to)
    article.status = to
    fields = ["status", "updated_at"]
    if to == S.PUBLISHED and article.published_at is None:
        article.published_at = max(article.publish_at or timezone.now(), timezone.now())
        fields.append("published_at")
    article.updated_at = timezone.now()
    Article.objects.filter(pk=article.pk).update(
        **{f: getattr(article, f) for f in fields}
    )
    transaction.on_commit(invalidate_pages)
    return ArticleTransition.objects.create(
        article=article,
        from_status=from_status,
        to_status=to,
        by=by,
        note=note,
    )


def revision_create(*, article: Article, by, note: str = "") -> ArticleRevision:
    """Keep the article as it now stands (text and topics) as a revision."""
    last = article.revisions.aggregate(n=Max("number"))["n"] or 0
    return ArticleRevision.objects.create(
        article=article,
        number=last + 1,
        title=article.title,
        standfirst=article.standfirst,
        body=article.body,
        topics=sorted(article.topics.values_list("slug", flat=True)),
        created_by=by,
        note=note,
    )


@transaction.atomic
def revision_restore(*, revision: ArticleRevision, by) -> ArticleRevision:
    """Bring back an earlier revision's text and topics as a new revision;
    mentions follow through relinking, staff decisions kept."""
    from articles.models import Topic
    from people.services import link_article

    article = Article.objects.select_for_update().get(pk=revision.article_id)
    article.title = revision.title
    article.standfirst = revision.standfirst
    article.body = revision.body
    article.version += 1
    article.updated_by = by
    article.save()
    article.topics.set(Topic.objects.filter(slug__in=revision.topics))
    link_article(article=article)
    return revision_create(
        article=article, by=by, note=_("restored revision %d") % revision.number
    )


@transaction.atomic
def publish_due(*, now=None) -> list[Article]:
    """Articles whose publication time has come: record that they went live
    (first publication time, a transition by the system) and make cached
    pages stale. Readers never see them early either way: the public
    queryset itself checks the time."""
    now = now or timezone.now()
    due = list(
        Article.objects.select_for_update()
        .filter(status=S.PUBLISHED, publish_at__lte=now, published_at__isnull=True)
        .order_by("publish_at")
    )
    for article in due:
        article.published_at = article.publish_at
        Article.objects.filter(pk=article.pk).update(published_at=article.publish_at)
        ArticleTransition.objects.create(
            article=article,
            from_status=S.PUBLISHED,
            to_status=S.PUBLISHED,
            note="scheduled publication",
            at=now,
        )
    if due:
        transaction.on_commit(invalidate_pages)
    return due
