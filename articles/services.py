"""Editorial writes that span models: saving an edit, status moves and
revisions.

The allowed status moves live here and only here: the admin form, its bulk
actions and the scheduling command all go through `article_transition`;
an edit goes through `article_save`, which checks that nobody saved the
article meanwhile.
"""

import datetime
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, ArticleRevision, ArticleTransition, Topic
from newsroom.invalidation import touch_articles_shown
from people.linker import link_article

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


class StaleVersion(Exception):
    """Someone saved the article after the version this edit started from."""

    def __init__(self, article: Article) -> None:
        latest = article.revisions.order_by("-number").first()
        self.revision = latest.number if latest else None
        super().__init__(f"{article} was saved meanwhile")


def check_version(*, article: Article, expected_version: int | None) -> None:
    """Raise StaleVersion unless the stored article is still at
    `expected_version` (None: nothing to check, a new article)."""
    if expected_version is None or article.pk is None:
        return
    current = (
        Article.objects.filter(pk=article.pk).values_list("version", flat=True).first()
    )
    if current is not None and current != expected_version:
        raise StaleVersion(article)


# What a revision keeps; a change of one of these makes a new revision.
REVISED = frozenset({"title", "standfirst", "body", "topics"})
# What linking reads; "mentions" stands for a staff decision made along
# with the edit that readers will see.
RELINKED = frozenset({"title", "standfirst", "body", "mentions"})


@transaction.atomic
def article_save(
    *,
    article: Article,
    by,
    expected_version: int | None,
    changed_fields: Iterable[str],
    save_related: Callable[[], None] | None = None,
) -> Article:
    """Save an edit of `article` (new or existing) as one unit of work.

    For an existing article the row is locked and must still be at
    `expected_version` (optimistic locking: StaleVersion otherwise, nothing
    saved). The version is bumped and the fields saved with the stored
    status; `save_related` then saves what the edit carries besides the row
    (topics, inline rows). A status change goes through
    `article_transition` (checked and recorded); a change of the text or
    topics keeps a revision, and one of the text, or a decision readers
    will see, relinks the article.
    """
    created = article.pk is None
    wanted = article.status
    if created:
        article.status = Article.Status.DRAFT
    else:
        stored = Article.objects.select_for_update().get(pk=article.pk)
        check_version(article=article, expected_version=expected_version)
        article.status = stored.status
    article.version += 1
    article.save()
    if save_related is not None:
        save_related()
    if wanted != article.status:
        article_transition(article=article, to=wanted, by=by)
    changed = set(changed_fields)
    if created or changed & REVISED:
        revision_create(article=article, by=by)
    if created or changed & RELINKED:
        link_article(article=article)
    return article


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
    touch_articles_shown([article.pk], withdrawn=from_status == S.PUBLISHED)
    return ArticleTransition.objects.create(
        article=article,
        from_status=from_status,
        to_status=to,
        by=by,
        note=note,
    )


@transaction.atomic
def articles_tag(*, articles: Iterable[Article], topic: Topic, by) -> None:
    """Add `topic` to each article, each keeping a revision that says so."""
    for article in articles:
        article.topics.add(topic)
        revision_create(article=article, by=by, note=f"+{topic.slug}")


def topics_merged(*, article: Article, loaded: set[int], submitted: set[int]):
    """The topics an edit leaves: those stored now, plus what the edit added
    to the ones it loaded, minus what it removed from them. A tag staff set
    (or took off) while the edit was open is kept as they left it."""
    stored = set(article.topics.values_list("pk", flat=True))
    wanted = (stored | (submitted - loaded)) - (loaded - submitted)
    return Topic.objects.filter(pk__in=wanted)


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
        touch_articles_shown(a.pk for a in due)
    return due


def preview_link_create(*, article: Article, by, hours: float | None = None):
    """A link that opens `article` without logging in, for PREVIEW_LINK_HOURS
    (or `hours`), until revoked."""
    from articles.models import PreviewLink

    hours = settings.PREVIEW_LINK_HOURS if hours is None else hours
    return PreviewLink.objects.create(
        article=article,
        created_by=by,
        expires_at=timezone.now() + datetime.timedelta(hours=hours),
    )


def preview_links_revoke(*, links) -> int:
    """Revoke these links at once; how many were still open."""
    return links.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
