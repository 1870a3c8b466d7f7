"""Background work for articles."""

from django_tasks import task


@task()
def publish_scheduled() -> int:
    """The scheduler's tick, for a task queue that runs it every minute."""
    from articles.services import publish_due

    return len(publish_due())
