"""Background work for articles."""

from django_tasks import task


@task()
def publish_scheduled() -> int:
    """The scheduler's tick, for a task queue that runs it every minute."""
    from articles.services import publish_due

    return len(publish_due())


@task()
def prepare_pages(ids: list[int]) -> int:
    """Compute what the pages of these articles show (the published ones),
    so that their first reader does not."""
    from articles.article_page import prepare
    from articles.models import Article

    return prepare(Article.objects.published().for_page().filter(pk__in=ids))


def prepare_touched(tags) -> None:
    """A committed change touched these tags: prepare the pages of the
    articles among them again (a person's change, which may touch thousands,
    is left to each page's next reader)."""
    from newsroom import page_deps

    if ids := page_deps.article_ids(tags):
        prepare_pages.enqueue(ids)
