"""Background work: relink the articles a directory change may affect."""

from django_tasks import task


@task()
def relink_for_names(names: list[str]) -> int:
    """Relink every article that may contain one of `names` (or its surname).

    Runs after commit: at once with the immediate backend (the embedded
    default), in `manage.py db_worker` with the database backend.
    """
    from people.services import articles_naming, link_articles

    articles = list(articles_naming(names))
    link_articles(articles)
    return len(articles)


@task()
def relink_articles(ids: list[int]) -> int:
    """Relink these articles (after staff decisions: quotes and short forms
    follow the names they stand on)."""
    from articles.models import Article
    from people.services import link_articles

    articles = list(Article.objects.filter(pk__in=ids))
    link_articles(articles)
    return len(articles)
