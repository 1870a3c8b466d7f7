"""Run name linking again on some or all articles.

Staff decisions (confirmed and rejected mentions) are kept: see
people.linker.link_article. Each article is relinked in its own
transaction.
"""

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from people.directory import get_gazetteer
from people.linker import link_article


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="ARTICLE_SLUG")
        parser.add_argument("--all", action="store_true", help="every article")

    def handle(self, *args, **options):
        if options["all"] == bool(options["slugs"]):
            raise CommandError("give article slugs or --all (not both)")
        articles = Article.objects.order_by("pk")
        if options["slugs"]:
            articles = articles.filter(slug__in=options["slugs"])
            found = set(articles.values_list("slug", flat=True))
            if missing := [s for s in options["slugs"] if s not in found]:
                raise CommandError(f"unknown article(s): {', '.join(missing)}")
        gazetteer = get_gazetteer()
        totals = {"articles": 0, "linked": 0, "pending": 0, "kept": 0, "quotes": 0}
        for article in articles.iterator(chunk_size=200):
            result = link_article(article=article, gazetteer=gazetteer)
            totals["articles"] += 1
            totals["linked"] += result.linked
            totals["pending"] += result.pending
            totals["kept"] += result.kept_decisions
            totals["quotes"] += result.quotes
        self.stdout.write(
            "{articles} articles: {linked} linked, {pending} pending, "
            "{kept} staff decisions kept, {quotes} quotes".format(**totals)
        )
