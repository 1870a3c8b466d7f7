"""Page speed under load, printed as JSON.

    python bench/pages.py [--articles 10000] [--people 2000] [--seconds 5]

Generates an archive (SQLite in a temporary folder, or DATABASE_URL if set:
an empty database; REDIS_URL, if set, is the shared page cache),
serves it with gunicorn on 127.0.0.1, and loads each page with 16 concurrent
keep-alive connections: article page, home, a filtered list, a search and a
person page, plus a bare Django view (full middleware, no database) as the
baseline measured in the same run. Each page is measured with the page cache
off and then on (after one warm-up pass).

Two floors, measured with the cache off, show what any page costs before it
does its own work: the bare view plus one trivial SQL round trip
(`floor_one_query`), and the bare view plus the site layout rendered by the
template engine (`floor_layout`).
"""

import argparse
import datetime
import hashlib
import http.client
import json
import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = "Claire Marc Sophie Karim Hélène Paul Nadia Omar Léa Hugo Inès Yann".split()
LAST = (
    "Moreau Benali Ténier Dufresne Koné Lefort Garnier Rousselot Vasseur "
    "Fournier Marchand Haddad Ménard Lestrange Page Blanc Okafor Hollis Raman"
).split()
WORDS = (
    "port grève budget hôpital tramway région élection loyers usine dockers "
    "ministre accord conseil salaires travaux santé énergie école"
).split()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def generate(n_articles: int, n_people: int, seed: int = 3) -> dict:
    """An archive built directly (no linking run): mentions and quotes are
    written with their offsets, as linking would."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article, Source, Topic, fold_for_search
    from people.linking.normalise import fold_name
    from people.models import Mention, Person, Quote

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    people = Person.objects.bulk_create(
        Person(
            name=name,
            slug=f"person-{i}",
            sort_name=f"person {i:05d}",
            # As Person.save() would store it (bulk_create does not call it);
            # a made-up "person N" gave every row the same trigrams.
            search_name=fold_name(name),
        )
        for i, name in enumerate(
            f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}" for i in range(n_people)
        )
    )
    topics = Topic.objects.bulk_create(
        Topic(name=f"Thème {i}", slug=f"theme-{i}") for i in range(20)
    )
    sources = Source.objects.bulk_create(
        Source(name=f"Source {i}", slug=f"source-{i}") for i in range(10)
    )
    start = datetime.date(2015, 1, 1)
    articles, plans = [], []
    for i in range(n_articles):
        cast = rng.sample(people, 3)
        sentences, spans, quotes, pos = [], [], [], 0
        for person in cast:
            words = " ".join(rng.choice(WORDS) for _ in range(12))
            said = f"« {words.capitalize()} », a déclaré "
            spans.append((person, pos + len(said), pos + len(said) + len(person.name)))
            quotes.append((person, pos + 2, pos + 2 + len(words.capitalize())))
            sentence = (
                f"{said}{person.name}. "
                + " ".join(rng.choice(WORDS) for _ in range(40))
                + "."
            )
            sentences.append(sentence)
            pos += len(sentence) + 2
        body = "\n\n".join(sentences)
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {i}"
        articles.append(
            Article(
                title=title,
                slug=f"article-{i}",
                body=body,
                date=start + datetime.timedelta(days=i % 3650),
                status="published",
                language="fr",
                source=rng.choice(sources),
                content_hash=hashlib.sha256(body.encode()).hexdigest(),
                search_text=fold_for_search(title, "", body),
            )
        )
        plans.append((spans, quotes))
    articles = Article.objects.bulk_create(articles, batch_size=1000)
    mentions, quote_rows, tags = [], [], []
    Tag = Article.topics.through
    for article, (spans, quotes) in zip(articles, plans, strict=True):
        for person, s, e in spans:
            mentions.append(
                Mention(
                    article=article,
                    person=person,
                    start=s,
                    end=e,
                    text=person.name,
                    status="auto",
                    method="directory",
                )
            )
        for person, s, e in quotes:
            quote_rows.append(
                Quote(
                    article=article,
                    speaker=person,
                    start=s,
                    end=e,
                    text=article.body[s:e],
                    rule="verb-after",
                )
            )
        tags.append(Tag(article=article, topic=rng.choice(topics)))
    Mention.objects.bulk_create(mentions, batch_size=2000)
    Quote.objects.bulk_create(quote_rows, batch_size=2000)
    Tag.objects.bulk_create(tags, batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE articles_article SET search_vector ="
                " setweight(to_tsvector('french_unaccent', title), 'A') ||"
                " setweight(to_tsvector('french_unaccent', body), 'C')"
            )
            cursor.execute("ANALYZE")
    return bench_urls(n_articles, seed)


def bench_urls(n_articles: int, seed: int = 3) -> dict:
    """URLs to load: a sample of articles, the busiest person, a filter."""
    from django.db.models import Count

    from people.models import Mention

    rng = random.Random(seed)
    busiest = (
        Mention.objects.filter(person__isnull=False)
        .values("person__slug")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()["person__slug"]
    )
    return {
        "articles": [
            f"/articles/article-{i}/" for i in rng.sample(range(n_articles), 200)
        ],
        "person": f"/people/{busiest}/",
        "filtered": f"/?person={busiest}&topic=theme-3",
        "search": "/search/?q=greve+hopital",
    }


def client(url_list, port, seconds, queue, connections):
    """One process of the load: `connections` threads, keep-alive."""
    import threading

    latencies, errors = [], 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def run(offset):
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        i = offset
        mine, bad = [], 0
        while time.perf_counter() < stop:
            url = url_list[i % len(url_list)]
            i += 1
            t0 = time.perf_counter()
            try:
                conn.request("GET", url, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - t0)
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=run, args=(n * 7,)) for n in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    queue.put((latencies, errors))


def load(url_list, port, seconds, concurrency=16, processes=2) -> dict:
    queue = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(
            target=client,
            args=(
                url_list[p:] + url_list[:p],
                port,
                seconds,
                queue,
                concurrency // processes,
            ),
        )
        for p in range(processes)
    ]
    for p in procs:
        p.start()
    latencies, errors = [], 0
    for _ in procs:
        lat, err = queue.get()
        latencies += lat
        errors += err
    for p in procs:
        p.join()
    latencies.sort()
    if len(latencies) < 2:
        raise RuntimeError(f"only {len(latencies)} request(s) completed")
    # Inclusive: with few samples (a slow page, a short run) p99 is near the
    # slowest request, never a made-up zero.
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / seconds, 1),
        "p50_ms": round(q[49] * 1000, 1),
        "p99_ms": round(q[98] * 1000, 1),
    }


def warm(url_list, port: int, rounds: int = 3) -> None:
    """Request every URL a few times, so each worker's cache has it (one
    round is enough with a shared Redis cache)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _ in range(rounds):
        for url in url_list:
            conn.request("GET", url, headers={"Host": "127.0.0.1"})
            conn.getresponse().read()
    conn.close()


def serve(env: dict, port: int, workers: int = 2, threads: int = 8) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "newsroom.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def bench_env(name: str) -> dict:
    """The environment of a production-configured site for the benches:
    DATABASE_URL and REDIS_URL from the caller, else SQLite in a temporary
    folder and local-memory caches."""
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/{name}.sqlite3")
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-secret-key-" + "k" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        NEWSROOM_NER="0",
        LOG_LEVEL="WARNING",
        # Never leave collected files in the work tree (they hid a missing
        # collectstatic once).
        DJANGO_STATIC_ROOT=tempfile.mkdtemp(prefix="newsroom-static-"),
    )
    return env


def prepare(name: str, n_articles: int, n_people: int) -> tuple[dict, dict]:
    """The benches' common start: environment, archive, static files."""
    env = bench_env(name)
    os.environ.update(env)
    urls = generate(n_articles, n_people)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return env, urls


def in_process(pages: dict, rounds: int = 100) -> dict:
    """Where an uncached request's time goes, measured in this process
    (one thread, no HTTP): milliseconds per request in all, in SQL (time in
    the database driver, queries included) and in template rendering
    (which includes any query a template evaluates)."""
    import io

    from django.core.handlers.wsgi import WSGIHandler
    from django.db.backends import utils
    from django.template.response import SimpleTemplateResponse
    from django.test.utils import override_settings

    spent = {"sql": 0.0, "queries": 0, "render": 0.0}
    execute, render = utils.CursorWrapper._execute, SimpleTemplateResponse.render

    def timed_execute(self, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return execute(self, *args, **kwargs)
        finally:
            spent["sql"] += time.perf_counter() - t0
            spent["queries"] += 1

    def timed_render(self):
        t0 = time.perf_counter()
        try:
            return render(self)
        finally:
            spent["render"] += time.perf_counter() - t0

    handler = WSGIHandler()

    def get(url: str) -> None:
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        status = []
        b"".join(handler(environ, lambda s, h: status.append(s)))
        if not status[0].startswith("200"):
            raise RuntimeError(f"{url}: {status[0]}")

    figures = {}
    utils.CursorWrapper._execute = timed_execute
    SimpleTemplateResponse.render = timed_render
    try:
        with override_settings(PAGE_CACHE_SECONDS=0):
            for name, url_list in pages.items():
                for url in url_list[:20]:
                    get(url)  # warm: connection, templates, counts
                spent.update(sql=0.0, queries=0, render=0.0)
                t0 = time.perf_counter()
                for i in range(rounds):
                    get(url_list[i % len(url_list)])
                total = time.perf_counter() - t0
                figures[name] = {
                    "ms": round(total / rounds * 1000, 2),
                    "sql_ms": round(spent["sql"] / rounds * 1000, 2),
                    "queries": round(spent["queries"] / rounds, 1),
                    "render_ms": round(spent["render"] / rounds * 1000, 2),
                }
    finally:
        utils.CursorWrapper._execute = execute
        SimpleTemplateResponse.render = render
    bare = figures["bare_view"]["ms"]
    for entry in figures.values():
        entry["ratio_to_bare"] = round(bare / entry["ms"], 3)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=8, help="threads per worker")
    args = parser.parse_args()

    env, urls = prepare("pages", args.articles, args.people)
    pages = {
        "bare_view": ["/bench/bare/"],
        "floor_one_query": ["/bench/one-query/"],
        "floor_layout": ["/bench/layout/"],
        "article": urls["articles"],
        "home": ["/"],
        "filtered_list": [urls["filtered"]],
        "search": [urls["search"]],
        "person": [urls["person"]],
    }
    report = {
        "archive": {"articles": args.articles, "people": args.people},
        "database": env["DATABASE_URL"].split(":")[0],
        "cache": "redis" if env.get("REDIS_URL") else "local memory per worker",
        "concurrency": 16,
        "gunicorn": f"{args.workers} workers x {args.threads} threads",
        "seconds_per_page": args.seconds,
    }
    for mode, cache_seconds in (("uncached", "0"), ("cached", "300")):
        port = free_port()
        server = serve(
            {**env, "PAGE_CACHE_SECONDS": cache_seconds},
            port,
            workers=args.workers,
            threads=args.threads,
        )
        try:
            # The port opens before every worker has imported Django: load
            # all of them for a while, untimed, before measuring anything.
            time.sleep(2)
            load(["/bench/bare/"], port, 3)
            results = {}
            for name, url_list in pages.items():
                if name.startswith("floor_") and mode == "cached":
                    continue  # never cached: measured once
                # Warm every URL in both modes: the baseline included, or a
                # cold bare view understates it (seen: 1,900 vs 4,200 req/s).
                warm(url_list, port)
                results[name] = load(url_list, port, args.seconds)
            bare = results["bare_view"]["rps"]
            for figures in results.values():
                figures["ratio_to_bare"] = round(figures["rps"] / bare, 3)
            report[mode] = results
        finally:
            server.terminate()
            server.wait(timeout=10)
    # Where the uncached time goes (after the load runs, so they are not
    # disturbed by it).
    report["uncached_in_process"] = in_process(pages)
    report["targets"] = {
        "article_uncached_ratio>=0.25": report["uncached"]["article"]["ratio_to_bare"]
        >= 0.25,
        "article_cached_ratio>=0.70": report["cached"]["article"]["ratio_to_bare"]
        >= 0.70,
        "every_p99<=100ms": all(
            r["p99_ms"] <= 100
            for m in ("uncached", "cached")
            for r in report[m].values()
        ),
    }
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
