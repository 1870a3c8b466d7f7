"""Background work: relink the articles a directory change or a staff
decision may affect, and the helpers that queue it once the change commits.

Tasks run after commit: at once with the immediate backend (the embedded
default), in `manage.py db_worker` with the database backend.
"""

import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import transaction
from django_tasks import task

from articles.models import Article
from people.directory import articles_naming
from people.linker import link_articles


@task()
def relink_for_names(names: list[str]) -> int:
    """Relink every article that may contain one of `names` (or its surname)."""
    articles = list(articles_naming(names))
    link_articles(articles)
    return len(articles)


@task()
def relink_articles(ids: list[int]) -> int:
    """Relink these articles (after staff decisions: quotes and short forms
    follow the names they stand on)."""
    articles = list(Article.objects.filter(pk__in=ids))
    link_articles(articles)
    return len(articles)


_collecting = threading.local()


@contextmanager
def relinks_collected():
    """Inside the block, names to relink for are gathered in the set it
    yields instead of each queuing a relink (a bulk import relinks once,
    at its end)."""
    names: set[str] = set()
    _collecting.names = names
    try:
        yield names
    finally:
        _collecting.names = None


@task()
def relink_everything() -> int:
    """Relink every article (after a directory import too large to find
    the articles each name may appear in)."""
    return link_articles(Article.objects.order_by("pk").iterator(chunk_size=500)).linked


def relink_later(names: Iterable[str]) -> None:
    """Once committed, relink the articles that may name one of `names`."""
    names = sorted({n for n in names if n})
    collecting = getattr(_collecting, "names", None)
    if collecting is not None:
        collecting.update(names)
    elif names:
        transaction.on_commit(lambda: relink_for_names.enqueue(names=names))


def relink_after_decisions(article_ids: Iterable[int]) -> None:
    """Once committed, relink the articles whose mentions staff decided on:
    the quotations attributed to a name, and the short forms resolved from
    it ("Koné" after "Aïssata Koné"), follow the decision."""
    ids = sorted(set(article_ids))
    if ids:
        transaction.on_commit(lambda: relink_articles.enqueue(ids=ids))
