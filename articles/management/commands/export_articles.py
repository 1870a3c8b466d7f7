"""Export articles with their mentions and quotes, one JSON object per line.

Offsets index `body` exactly; importing the file reproduces the articles,
staff decisions included.
"""

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Prefetch

from articles.models import Article
from people.models import Mention, Quote


def article_record(article: Article) -> dict:
    return {
        "slug": article.slug,
        "url": settings.SITE_URL + article.get_absolute_url(),
        "title": article.title,
        "standfirst": article.standfirst,
        "date": article.date_iso,
        "language": article.language,
        "source": article.source.name if article.source else None,
        "source_url": article.source_url,
        "byline": article.byline,
        "authors": [b.author.name for b in article.bylines.all()],
        "status": article.status,
        "body": article.body,
        "topics": [t.slug for t in article.topics.all()],
        "mentions": [
            {
                "person": m.person.slug if m.person else None,
                "name": m.person.name if m.person else m.text,
                "start": m.start if m.is_anchored else None,
                "end": m.end if m.is_anchored else None,
                "text": m.text,
                "status": m.status,
                "method": m.method,
            }
            for m in article.mentions.all()
        ],
        "quotes": [
            {
                "person": q.speaker.slug if q.speaker else None,
                "name": q.speaker.name if q.speaker else (q.speaker_name or None),
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "rule": q.rule,
            }
            for q in article.quotes.all()
        ],
    }


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")
        parser.add_argument("--output", help="file to write (default: stdout)")
        parser.add_argument("--status", help="only articles with this status")

    def handle(self, *args, **options):
        articles = (
            Article.objects.select_related("source")
            .prefetch_related(
                "topics",
                "bylines__author",
                Prefetch(
                    "mentions",
                    queryset=Mention.objects.select_related("person").order_by(
                        "start", "pk"
                    ),
                ),
                Prefetch(
                    "quotes",
                    queryset=Quote.objects.select_related("speaker").order_by("start"),
                ),
            )
            .order_by("date", "pk")
        )
        if options["status"]:
            articles = articles.filter(status=options["status"])
        out = (
            open(options["output"], "w", encoding="utf-8")  # noqa: SIM115
            if options["output"]
            else sys.stdout
        )
        count = 0
        try:
            for article in articles.iterator(chunk_size=500):
                out.write(json.dumps(article_record(article), ensure_ascii=False))
                out.write("\n")
                count += 1
        finally:
            if out is not sys.stdout:
                out.close()
        if options["output"]:
            self.stdout.write(f"{count} articles written to {options['output']}")
