"""Sustained load, printed as JSON: 64 concurrent connections for 60 s.

    python bench/load.py [--seconds 60] [--connections 64] [--articles 10000]

Generates an archive (SQLite in a temporary folder, or DATABASE_URL: an
empty database; REDIS_URL for a shared page cache), serves it with gunicorn
on 127.0.0.1 in its production configuration (page cache on), and sends a
mix of reader traffic: article pages, home, a filtered list, search, person
pages and the people index. Only 127.0.0.1 is ever contacted; the load stops
by itself after --seconds.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.archive import prepare  # noqa: E402
from bench.http_load import (  # noqa: E402
    free_port,
    load,
    serve,
    warm,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=2_000)
    args = parser.parse_args()

    env, urls = prepare("load", args.articles, args.people)
    mix = (
        urls["articles"] * 1
        + ["/"] * 20
        + [urls["filtered"]] * 10
        + [urls["search"]] * 10
        + [urls["person"]] * 10
        + ["/people/"] * 5
    )
    port = free_port()
    server = serve(env, port)
    try:
        warm(sorted(set(mix)), port, rounds=1)
        figures = load(
            mix, port, args.seconds, concurrency=args.connections, processes=4
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    report = {
        "database": env["DATABASE_URL"].split(":")[0],
        "cache": "redis" if env.get("REDIS_URL") else "local memory per worker",
        "connections": args.connections,
        "seconds": args.seconds,
        "distinct_urls": len(set(mix)),
        **figures,
        "target_zero_errors": figures["errors"] == 0,
    }
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
