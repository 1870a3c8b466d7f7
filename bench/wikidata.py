"""Streaming a Wikidata dump into the directory, printed as JSON.

    python bench/wikidata.py [--entities 200000] [--share 0.02]

Writes a gzipped dump of --entities entities in Wikidata's shape (humans
with labels, aliases, descriptions, citizenship and positions held;
offices; other items), then loads the holders of one position (about
--share of the humans) with `import_people --wikidata`, in a child process
on a fresh SQLite database. The same is done with a file a tenth the size
in the same run: memory that does not grow with the file shows as a peak
RSS ratio near 1.
"""

import argparse
import gzip
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.archive import run_child  # noqa: E402
from tests.people.wikidata_builders import held, human, office  # noqa: E402

CHOSEN, OTHER = "Q9200001", "Q9200002"
FIRST = "Claire Marc Sophie Karim Hélène Paul Nadia Omar Léa Hugo Inès Yann".split()
LAST = "Moreau Benali Ténier Dufresne Koné Lefort Garnier Rousselot Vasseur".split()


def write(path: Path, n: int, share: float, seed: int = 5) -> None:
    rng = random.Random(seed)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
        out.write("[\n")
        for i in range(n):
            out.write(json.dumps(entity(rng, i, share), ensure_ascii=False) + ",\n")
        for qid, label in ((CHOSEN, "ministre de l'Essai"), (OTHER, "maire")):
            out.write(json.dumps(office(qid, fr=label, en=label, cls="Q83307")) + ",\n")
        out.write("]\n")


def entity(rng: random.Random, i: int, share: float) -> dict:
    qid = f"Q{10_000_000 + i}"
    if i % 4 == 3:  # an item that is not a person
        return {"type": "item", "id": qid, "labels": {}, "claims": {}}
    position = CHOSEN if rng.random() < share else OTHER
    start = f"{rng.randint(1990, 2020)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    return human(
        qid,
        fr=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
        en=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
        description={"fr": "personnalité politique", "en": "politician"},
        aliases={"fr": [f"Alias {i}"]},
        positions=[held(position, start)],
    )


def child(path: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from people.wikidata_import import Selection, import_wikidata

    start = time.perf_counter()
    report = import_wikidata(path, selection=Selection(positions=frozenset({CHOSEN})))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "entities_read": report.read,
        "people_created": report.created,
        "failed": report.failed,
        "seconds": round(seconds, 1),
        "entities_per_second": round(report.read / seconds),
        "peak_rss_mb": round(peak, 1),
    }
    print(json.dumps(figures))


def measure(path: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "1",
        "NEWSROOM_NER": "0",
        "LOG_LEVEL": "ERROR",
        "CACHE_DIR": tempfile.mkdtemp(),
    }
    return run_child(__file__, str(path), env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=200_000)
    parser.add_argument("--share", type=float, default=0.02)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    small, large = folder / "small.json.gz", folder / "large.json.gz"
    write(small, args.entities // 10, args.share)
    write(large, args.entities, args.share)
    report = {
        "file_mb": round(large.stat().st_size / 2**20, 1),
        "small": measure(small),
        "large": measure(large),
    }
    report["peak_rss_ratio_large_to_small"] = round(
        report["large"]["peak_rss_mb"] / report["small"]["peak_rss_mb"], 2
    )
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    else:
        main()
