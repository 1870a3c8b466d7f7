"""Publish the articles whose scheduled time has come.

Run it every minute (cron, or the `publish_scheduled` background task). It
records when each article went live and refreshes cached pages; readers
could not see the articles earlier anyway, since the public queryset checks
the time.
"""

from django.core.management.base import BaseCommand

from articles.services import publish_due


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        due = publish_due()
        for article in due:
            self.stdout.write(
                f"published: {article.slug} ({article.publish_at:%Y-%m-%d %H:%M})"
            )
        self.stdout.write(f"{len(due)} scheduled article(s) published")
