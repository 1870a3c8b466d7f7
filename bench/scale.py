"""Scale figures on PostgreSQL, printed as JSON.

    DATABASE_URL=postgres://root@127.0.0.1:5432/newsroom_scale \\
        python bench/scale.py [--articles 100000] [--people 20000]

DATABASE_URL must name an empty PostgreSQL database. Generates the archive,
then measures, in process and with the page cache off: search p50/p95, a
filtered list, person pages, sitemaps, the admin article list, import and relink
throughput (with the NER model), and the database size.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    "greve",
    "budget hopital",
    "port",
    "ministre accord",
    "ecole energie",
    "tramway",
    "salaires dockers",
    "election region",
    "sante",
    "usine",
]


def timed(fn, repeat: int) -> dict:
    """p50/p95 of `repeat` warm runs; the first, cold run (query plans,
    counts cached per content generation) is reported on its own."""
    start = time.perf_counter()
    fn()
    first = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    q = statistics.quantiles(samples, n=20) if len(samples) >= 20 else samples
    return {
        "n": len(samples),
        "first_ms": round(first, 1),
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(q[18] if len(samples) >= 20 else max(samples), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--import-articles", type=int, default=300)
    parser.add_argument("--relink-articles", type=int, default=1000)
    parser.add_argument(
        "--reuse", action="store_true", help="measure an archive generated before"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("set DATABASE_URL to an empty PostgreSQL database")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="scale-bench-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        PAGE_CACHE_SECONDS="0",
        LOG_LEVEL="WARNING",
        DJANGO_STATIC_ROOT=tempfile.mkdtemp(prefix="newsroom-static-"),
    )
    started = time.perf_counter()
    urls = archive(args)
    figures = {
        "archive": {
            "articles": args.articles,
            "people": args.people,
            "generation_seconds": round(time.perf_counter() - started, 1),
        }
    }
    from django.core.management import call_command
    from django.test import Client

    call_command("collectstatic", "--noinput", verbosity=0)
    client = Client()
    figures["search"] = search_figures(client)
    figures.update(page_figures(client, urls))
    figures.update(admin_figures(client))
    figures["import"] = import_figures(args.import_articles)
    figures["relink"] = relink_figures(args.relink_articles)
    figures["database_size_mb"] = database_size_mb()
    json.dump(figures, sys.stdout, indent=2)
    print()


def archive(args) -> dict:
    """The archive's URLs: generated now, or read from one made before."""
    from bench.archive import bench_urls, generate

    if not args.reuse:
        return generate(args.articles, args.people)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return bench_urls(args.articles)


def page(client, url):
    def run():
        # PAGE_CACHE_SECONDS=0: pages are never served from the cache;
        # list counts stay cached per content generation, as in production.
        response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code)

    return run


def search_figures(client) -> dict:
    for query in QUERIES:
        page(client, f"/search/?q={query}")()  # first run: planner, counts
    search = []
    for _ in range(3):
        for query in QUERIES:
            start = time.perf_counter()
            assert client.get("/search/", {"q": query}, secure=True).status_code == 200
            search.append((time.perf_counter() - start) * 1000)
    search.sort()
    p95 = statistics.quantiles(search, n=20)[18]
    return {
        "n": len(search),
        "p50_ms": round(statistics.median(search), 1),
        "p95_ms": round(p95, 1),
        "target_p95_under_50ms": p95 < 50,
    }


def page_figures(client, urls: dict) -> dict:
    return {
        "filtered_list": timed(page(client, urls["filtered"]), 20),
        "home": timed(page(client, "/"), 20),
        "person_page": timed(page(client, urls["person"]), 20),
        "article_page": timed(page(client, urls["articles"][0]), 20),
        # What crawlers read: Django's i18n sitemaps used to load every row.
        "sitemap_index": timed(page(client, "/sitemap.xml"), 10),
        "sitemap_articles_page": timed(page(client, "/sitemap-articles.xml?p=3"), 5),
    }


def admin_figures(client) -> dict:
    from django.contrib.auth.models import User

    admin = User.objects.filter(username="bench-admin").first()
    admin = admin or User.objects.create_superuser("bench-admin", password="x")
    client.force_login(admin)
    figures = {
        "admin_article_list": timed(page(client, "/admin/articles/article/"), 10),
        "admin_article_search": timed(
            page(client, "/admin/articles/article/?q=greve"), 10
        ),
    }
    figures["admin_article_list"]["target_under_300ms"] = (
        figures["admin_article_list"]["p95_ms"] < 300
    )
    client.logout()
    return figures


def import_figures(n: int) -> dict:
    """Import throughput: plain-text files through the real command path
    (parse, language, save, linking with the NER model, revision)."""
    from articles.ingest.runner import run_import

    folder = Path(tempfile.mkdtemp())
    run = time.time_ns()  # new texts on every run, so they are really imported
    for i in range(n):
        (folder / f"{i}.txt").write_text(
            f"date 2025-02-{i % 28 + 1:02d} Dépêche {run} numéro {i}\n\n"
            f"Le ministre Jean Dupont-{i} a rencontré mardi la maire Claire Moreau. "
            "« Nous avons trouvé un accord », a déclaré M. Dupont. " * 3,
            encoding="utf-8",
        )
    start = time.perf_counter()
    report = run_import([folder])
    seconds = time.perf_counter() - start
    return {
        "articles": report.created,
        "articles_per_second": round(report.created / seconds, 1),
    }


def relink_figures(n: int) -> dict:
    from articles.models import Article
    from people.linker import link_articles

    sample = list(Article.objects.order_by("pk")[:n])
    start = time.perf_counter()
    link_articles(sample)
    seconds = time.perf_counter() - start
    return {
        "articles": len(sample),
        "articles_per_second": round(len(sample) / seconds, 1),
    }


def database_size_mb() -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
    return round(size / 2**20, 1)


if __name__ == "__main__":
    main()
