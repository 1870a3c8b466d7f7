"""Compute what the pages of published articles show (linked body, people,
quotations, related articles...) where it is not current, newest first.

Every write prepares the pages of the articles it touches, and renders
them into the page cache where SITE_URL is set (newsroom.prerender); run
this once for an archive that predates that (or after the page cache was
emptied) so that no reader pays for the first computation or render.
Safe to run again: what is current is left as it is. `--shard K/N` takes
the articles whose id is K modulo N, for N processes side by side;
`--language fr` (repeatable) only that interface language's pages
(default: every language of the site); `--people` also renders the pages
of the public people.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.article_page import prepare
from articles.models import Article
from articles.preparing import parts
from newsroom import prerender


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--chunk", type=int, default=200)
        parser.add_argument("--shard", default="0/1", help="K/N")
        parser.add_argument(
            "--people",
            action="store_true",
            help="also render the pages of the public people (needs SITE_URL)",
        )
        parser.add_argument(
            "--language",
            action="append",
            choices=[code for code, _name in settings.LANGUAGES],
        )

    def handle(self, *args, chunk: int, shard: str, language, people, **options):
        try:
            k, n = (int(part) for part in shard.split("/"))
        except ValueError:
            raise CommandError(f"--shard: K/N expected, not {shard!r}") from None
        if not 0 <= k < n or chunk < 1:
            raise CommandError("--shard: 0 <= K < N; --chunk: at least 1")
        ids = _shard(Article.objects.published().order_by("-pk"), k, n)
        computed = rendered = 0
        for part in parts(ids, chunk):
            articles = list(
                Article.objects.for_page().filter(pk__in=part).order_by("-pk")
            )
            computed += prepare(articles, language)
            rendered += prerender.render_objects(articles, language)
        self.stdout.write(
            f"{len(ids)} article(s) read, {computed} part(s) computed, "
            f"{rendered} page(s) rendered"
        )
        if people:
            self._people(k, n, chunk, language)

    def _people(self, k: int, n: int, chunk: int, language) -> None:
        """The pages of the public people, their parts computed by the render."""
        from people.models import Person

        ids = _shard(Person.objects.public().order_by("pk"), k, n)
        rendered = 0
        for part in parts(ids, chunk):
            persons = Person.objects.filter(pk__in=part)
            rendered += prerender.render_objects(persons, language)
        self.stdout.write(f"{len(ids)} person(s) read, {rendered} page(s) rendered")


def _shard(queryset, k: int, n: int) -> list[int]:
    """The ids of `queryset`, in its order, that fall to shard K of N."""
    return [pk for pk in queryset.values_list("pk", flat=True) if pk % n == k]
