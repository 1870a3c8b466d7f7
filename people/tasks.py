"""Background work: relink the articles a directory change or a staff
decision may affect, and the helpers that queue it once the change commits.

Tasks run after commit: at once with the immediate backend (the embedded
default), in `manage.py db_worker` with the database backend.
"""

from collections.abc import Iterable

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


def relink_later(names: Iterable[str]) -> None:
    """Once committed, relink the articles that may name one of `names`."""
    names = sorted({n for n in names if n})
    if names:
        transaction.on_commit(lambda: relink_for_names.enqueue(names=names))


def relink_after_decisions(article_ids: Iterable[int]) -> None:
    """Once committed, relink the articles whose mentions staff decided on:
    the quotations attributed to a name, and the short forms resolved from
    it ("Koné" after "Aïssata Koné"), follow the decision."""
    ids = sorted(set(article_ids))
    if ids:
        transaction.on_commit(lambda: relink_articles.enqueue(ids=ids))
