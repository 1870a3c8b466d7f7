"""Article pages prepared ahead of their readers: the task that computes
what a page shows besides its own row, queued when a change to an article
commits, and gathered into chunks inside an import or a relink."""

import threading
from contextlib import contextmanager

from django_tasks import task


@task()
def prepare_pages(ids: list[int]) -> int:
    """Compute what the pages of these articles show (the published ones),
    and render them, so that their first reader does neither."""
    from articles.article_page import prepare
    from articles.models import Article
    from newsroom import prerender

    articles = list(Article.objects.published().for_page().filter(pk__in=ids))
    computed = prepare(articles)
    prerender.render_objects(articles)
    return computed


def prepare_touched(tags) -> None:
    """A committed change touched these tags: prepare the pages of the
    articles among them again (a person's change, which may touch thousands,
    is left to each page's next reader)."""
    from newsroom import page_deps

    ids = page_deps.article_ids(tags)
    gathered = getattr(_gathering, "ids", None)
    if gathered is not None:
        gathered.update(ids)
    elif ids:
        prepare_pages.enqueue(ids)


_gathering = threading.local()
CHUNK = 200


# More articles than this in one import or relink (a directory change, an
# archive loaded): left to their readers, as a person's change is, or to
# `manage.py prepare_pages`.
MOST = 1000


def in_bulk_write() -> bool:
    """Whether an import or a relink is under way in this thread."""
    return getattr(_gathering, "ids", None) is not None


@contextmanager
def pages_prepared_at_end():
    """Inside the block (an import, a relink), the articles whose pages
    changes commit are gathered and prepared at its end, in chunks that
    share their queries, instead of one after each commit: half the work
    per article, and none of it inside the loop."""
    if in_bulk_write():
        yield  # an outer block prepares them
        return
    ids: set[int] = set()
    _gathering.ids = ids
    try:
        yield
    finally:
        _gathering.ids = None
        for part in parts(sorted(ids) if len(ids) <= MOST else [], CHUNK):
            prepare_pages.enqueue(part)


def parts(ids: list[int], size: int) -> list[list[int]]:
    """`ids` in consecutive parts of at most `size`."""
    return [ids[start : start + size] for start in range(0, len(ids), size)]
