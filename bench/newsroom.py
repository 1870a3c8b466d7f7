"""A working newsroom under load, printed as JSON.

    python bench/newsroom.py [--articles 100000] [--people 20000]
                             [--seconds 60] [--connections 64]

PostgreSQL and Redis, as in production: a database of its own
(`newsroom_bench`, created afresh on BENCH_POSTGRES, default
postgres://root@127.0.0.1:5432) and a Redis database of its own
(BENCH_REDIS, default redis://127.0.0.1:6379/14, emptied first). The
archive is generated (100,000 articles, 20,000 people), served by gunicorn
on 127.0.0.1, and read by --connections keep-alive clients with a realistic
mix: articles by a Zipf-like popularity (70%), home and lists (15%), person
pages (10%), search (5%).

Two phases in the same run, on the same server: readers alone, then readers
while a writer works as a newsroom does: publishes an article every 10 s,
makes a staff decision every 2 s and imports 20 wire articles a minute. Each
phase prints req/s, p50/p99, the share answered from the page cache and
errors; the report gives the ratio of the two throughputs.

The archive, generated in bulk, is vacuumed and analysed as autovacuum
leaves a running site's database, then prepared as the writes that make
a real one prepare and render each article's page and those of the people
it names (`manage.py prepare_pages --people`, timed; --no-prepare leaves
that to each page's first reader, as before). The server runs with the
site's own gunicorn settings (newsroom/gunicorn_conf.py: one process per
core, one request at a time).

Before the phases, the first --warm-requests of the same traffic, untimed: the
cache of a site that has been serving for a while (counted in requests, not
seconds: how far a time-boxed warm-up got varied with the machine's speed,
and the hit rate with it). The readers' requests are one stream of
independent draws that each phase goes on reading (never a list that comes
round again): the archive's long tail keeps bringing pages nobody asked for
yet, as it does on a real site.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.archive import bench_env  # noqa: E402
from bench.http_load import free_port, load, serve  # noqa: E402

POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://root@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")
SEARCHES = ["greve", "hopital", "port", "budget", "ministre", "elections", "sante"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--warm-requests", type=int, default=60_000)
    parser.add_argument(
        "--no-prepare",
        action="store_true",
        help="leave every article page's parts to its first reader",
    )
    args = parser.parse_args()

    env = fresh_stores()
    started = time.perf_counter()
    generate(env, args)
    generated = round(time.perf_counter() - started, 1)
    prepared = None if args.no_prepare else prepare(env)
    stream = Stream(url_stream(env, args))
    port = free_port()
    # As the README deploys it: one process per core, one request at a time.
    server = serve(env, port, workers=None, threads=None)
    try:
        # Untimed: the site has been serving readers for a while. Each phase
        # goes on reading the stream where the last one stopped: new draws,
        # so the long tail of the archive is still met for the first time.
        warm = warm_up(stream, port, args.warm_requests, args.connections)
        readers = read(stream, warm["next"], port, args.seconds, args.connections)
        writer = start_writer(env, args.seconds)
        with_writer = read(
            stream, readers["next"], port, args.seconds, args.connections
        )
        wrote = json.loads(writer.communicate(timeout=120)[0].splitlines()[-1])
    finally:
        server.terminate()
        server.wait(timeout=10)
        stream.close()
    report(args, (generated, prepared), warm, readers, with_writer, wrote)


class Stream(list):
    """The readers' requests, and the file wrk reads them from: written
    once, not again for every run (the warm-up alone makes several)."""

    _path = None

    def path(self) -> str:
        if self._path is None:
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
                f.write("\n".join(self))
            self._path = f.name
        return self._path

    def close(self) -> None:
        if self._path is not None:
            os.unlink(self._path)
            self._path = None


def read(stream: Stream, offset: int, port: int, seconds: float, connections: int):
    """The readers, from request `offset` of the stream on: wrk (two
    threads, little CPU taken from the server on a small machine) when
    installed, else the Python clients of the other benches. `next`: where
    the next phase starts."""
    if not shutil.which("wrk"):
        figures = load(stream[offset:], port, seconds, connections, processes=4)
        return {"client": "python", "next": offset + figures["requests"], **figures}
    done = subprocess.run(
        [
            "wrk",
            *("-t2", f"-c{connections}", f"-d{int(seconds)}s", "--timeout", "10s"),
            *("-s", str(ROOT / "bench" / "mix.lua")),
            f"http://127.0.0.1:{port}",
        ],
        env={
            **os.environ,
            "BENCH_PATHS": stream.path(),
            "BENCH_OFFSET": str(offset),
            "BENCH_THREADS": "2",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    raw = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "client": "wrk",
        "next": offset + raw["sent"],
        "requests": raw["requests"],
        "errors": raw["not_200"] + raw["socket_errors"],
        "rps": round(raw["requests"] / raw["seconds"], 1),
        "p50_ms": raw["p50_ms"],
        "p99_ms": raw["p99_ms"],
        "hit_rate": round(raw["hits"] / max(raw["requests"], 1), 3),
    }


def warm_up(stream: Stream, port: int, requests: int, connections: int) -> dict:
    """Read the stream, in runs of 20 s, until `requests` have been
    answered; where the stream goes on, and how many there were."""
    at, answered = 0, 0
    while answered < requests:
        run = read(stream, at, port, 20, connections)
        at, answered = run["next"], answered + run["requests"]
    return {"next": at, "requests": answered}


def fresh_stores() -> dict:
    """A new database and an empty Redis database: the bench's environment."""
    import psycopg
    import redis

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS newsroom_bench")
        connection.execute("CREATE DATABASE newsroom_bench")
    redis.Redis.from_url(REDIS).flushdb()
    os.environ.update(DATABASE_URL=f"{POSTGRES}/newsroom_bench", REDIS_URL=REDIS)
    env = bench_env("newsroom")
    # The address readers use: article pages are rendered ahead for it
    # (newsroom.prerender), by the writes and by `prepare_pages`.
    env["SITE_URL"] = "http://127.0.0.1"
    os.environ.update(env)
    return env


def generate(env: dict, args) -> None:
    from bench.archive import generate as build

    build(args.articles, args.people)
    vacuum()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def vacuum() -> None:
    """The archive as a running site's database has it: vacuumed and
    analysed, as autovacuum does after bulk writes (it is off on these
    machines' shared server). Without it PostgreSQL counted the published
    articles by reading the whole table (0.17 s) instead of an index (18 ms),
    and every list page's count was ten times slower than a site's."""
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def prepare(env: dict) -> float:
    """What every write does, and `prepare_pages` for an archive older than
    that: the article pages' parts computed, and the pages of articles and
    people rendered into the page cache, ahead of their readers. The
    archive here is generated in bulk, without the writes that would have
    prepared it. French pages only: the readers read those (a site prepares
    every language). Two processes, one per core; seconds taken."""
    started = time.perf_counter()
    shards = [
        subprocess.Popen(
            [sys.executable, "manage.py", "prepare_pages", "--language", "fr"]
            + ["--people", "--shard", f"{k}/2"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for k in range(2)
    ]
    if any(shard.wait() != 0 for shard in shards):
        raise RuntimeError("prepare_pages failed")
    return round(time.perf_counter() - started, 1)


def zipf(rng: random.Random, items: list, k: int, s: float = 1.1) -> list:
    weights = [1 / (rank**s) for rank in range(1, len(items) + 1)]
    return rng.choices(items, weights=weights, k=k)


def url_stream(env: dict, args, size: int = 400_000) -> list[str]:
    """The readers' requests in the order they come, drawn independently:
    articles by popularity (70%), home and lists (15%), person pages (10%),
    search (5%). Long enough that no phase comes back to its start."""
    import django

    django.setup()
    from django.db.models import Count

    from people.models import Person

    rng = random.Random(7)
    articles = [f"/articles/article-{i}/" for i in range(args.articles)]
    rng.shuffle(articles)  # popularity is not the order of creation
    named = list(
        Person.objects.public()
        .annotate(n=Count("mentions"))
        .order_by("-n")
        .values_list("slug", flat=True)[:5000]
    )
    lists = ["/", "/en/", "/?page=2", "/people/", "/topics/", "/sources/"]
    lists += [f"/topics/theme-{n}/" for n in range(20)]
    stream = zipf(rng, articles, int(size * 0.70))
    stream += rng.choices(lists, k=int(size * 0.15))
    stream += [f"/people/{slug}/" for slug in zipf(rng, named, int(size * 0.10))]
    stream += [f"/search/?q={rng.choice(SEARCHES)}" for _ in range(int(size * 0.05))]
    rng.shuffle(stream)
    return stream


def start_writer(env: dict, seconds: float) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "newsroom_writer.py"), str(seconds)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def report(args, seconds, warm, readers, with_writer, wrote) -> None:
    ratio = round(with_writer["rps"] / readers["rps"], 3)
    figures = {
        "database": "postgresql",
        "cache": "redis",
        "archive": {"articles": args.articles, "people": args.people},
        "generation_seconds": seconds[0],
        "prepare_pages_seconds": seconds[1],
        "connections": args.connections,
        "seconds_per_phase": args.seconds,
        "warm_up_requests": warm["requests"],
        "readers_only": readers,
        "with_writer": with_writer,
        "writer": wrote,
        "throughput_with_writer_ratio": ratio,
        "targets": {
            "zero_errors": readers["errors"] == 0 and with_writer["errors"] == 0,
            "p99<=150ms": max(readers["p99_ms"], with_writer["p99_ms"]) <= 150,
            "hit_rate>=0.85": min(readers["hit_rate"], with_writer["hit_rate"]) >= 0.85,
            "with_writer>=50%": ratio >= 0.5,
        },
    }
    json.dump(figures, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
