"""Linking figures, printed as JSON: quality on the gold set, then speed.

    python bench/linking.py                 # everything (a few minutes)
    python bench/linking.py --quality-only  # the gold set alone (seconds)

Quality: the gold set in bench/gold/ and the holdout in bench/holdout/
(format: bench/gold.py), scored by bench/scoring.py with the same pipeline
as the site (NER on French).

Speed: a synthetic directory of --people names, look-up alone on a few MB of
text, the whole pipeline with NER per core, and a relink of --articles
articles in batches; each look-up figure also as a ratio to a baseline
(lower-casing and tokenising the same text) measured in the same run.
"""

import argparse
import gc
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.gold import DEV, GOLD, HOLDOUT, parse_gold  # noqa: E402
from bench.scoring import quality  # noqa: E402
from people.linking import ner, syntax  # noqa: E402
from people.linking.gazetteer import DirectoryEntry, Gazetteer  # noqa: E402
from people.linking.normalise import fold  # noqa: E402
from people.linking.pipeline import find_people  # noqa: E402
from people.linking.quotes import attribute  # noqa: E402

# --- speed -----------------------------------------------------------------

FIRST = (
    "Jean Marie Pierre Anne Luc Sophie Karim Aïssata Yoav Hélène Olaf Ursula Pedro "
    "Recep Mahmoud Yaïr Nadia Omar Leila Tomasz Zofia Björn Åsa Chiara Giovanni "
    "Dmitri Olga Hiroshi Mei Kwame Ama Diego Lucía Sean Siobhan Arjun Priya"
).split()
SYLLABLES = (
    "bar ver mon tal lin dor ges sa ki ro nu ze lo mar fen dra cou vel pi ta".split()
)
PARTICLES = ["", "", "", "", "de ", "van ", "al-", "Le ", "von "]


def synthetic_directory(n: int, seed: int = 7) -> list[DirectoryEntry]:
    rng = random.Random(seed)
    entries = []
    for pid in range(1, n + 1):
        surname = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        surname = surname.capitalize()
        if rng.random() < 0.3:
            surname = surname.replace("o", "ö", 1).replace("e", "é", 1)
        name = f"{rng.choice(FIRST)} {rng.choice(PARTICLES)}{surname}"
        entries.append(DirectoryEntry(pid, name))
        if rng.random() < 0.2:
            entries.append(DirectoryEntry(pid, f"{rng.choice(FIRST)} {surname}"))
    return entries


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * 4096 / 2**20


def corpus(entries: list[DirectoryEntry], n: int, seed: int = 11) -> list[str]:
    """Articles made of the demo and gold texts with directory names spliced in."""
    rng = random.Random(seed)
    texts = [parse_gold(p).text for p in sorted(GOLD.glob("*.txt"))]
    for path in sorted((ROOT / "articles/fixtures/demo/articles").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8").split("\n", 2)[2])
    articles = []
    for _ in range(n):
        text = rng.choice(texts)
        a, b = rng.choice(entries).name, rng.choice(entries).name
        articles.append(f"{a} a rencontré {b}. {text} {b.split()[-1]} a conclu.")
    return articles


def best_of(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def speed(n_people: int, n_articles: int, pipeline_articles: int) -> dict:
    """Look-up, the whole pipeline and an in-memory relink, with a
    directory of `n_people` synthetic names."""
    entries = synthetic_directory(n_people)
    before = rss_mb()
    start = time.perf_counter()
    gazetteer = Gazetteer(entries)
    build = time.perf_counter() - start
    directory_mb = rss_mb() - before
    articles = corpus(entries, n_articles)
    return {
        "directory": {
            "people": n_people,
            "names": len(entries),
            "build_seconds": round(build, 3),
            "memory_mb": round(directory_mb, 1),
            "process_rss_mb": round(rss_mb(), 1),
        },
        "lookup": lookup_speed(gazetteer, "\n\n".join(articles[:3000])),
        "pipeline_with_ner": pipeline_speed(gazetteer, articles[:pipeline_articles]),
        "relink": relink_speed(gazetteer, articles),
    }


def lookup_speed(gazetteer: Gazetteer, text: str) -> dict:
    """The directory look-up alone, against lower-casing and tokenising."""
    baseline = best_of(lambda: re.findall(r"\w+", text.lower()))

    def lookup():
        folded = fold(text)
        gazetteer.find(folded)
        gazetteer.find_short(folded)

    lookup_s = best_of(lookup)
    return {
        "chars": len(text),
        "chars_per_second": round(len(text) / lookup_s),
        "baseline_tokenise_chars_per_second": round(len(text) / baseline),
        "ratio_to_baseline": round(baseline / lookup_s, 3),
    }


def _link_all(gazetteer: Gazetteer, texts: list[str]) -> None:
    """NER in batches of 64, linking and quotes, as a relink does."""
    for i in range(0, len(texts), 64):
        batch = texts[i : i + 64]
        for body, found in zip(batch, ner.entities(batch, batch_size=64), strict=True):
            spans = find_people(body, gazetteer, entities=found).spans
            attribute(body, spans, parse=True)


def pipeline_speed(gazetteer: Gazetteer, sample: list[str]) -> dict:
    """The whole pipeline on one core (best of three), and spaCy's NER alone
    on the same texts in the same run: the baseline it is a share of."""
    ner.load_model()
    _link_all(gazetteer, sample[:50])  # warm caches (the model's, the regexes')
    seconds = best_of(lambda: _link_all(gazetteer, sample), repeat=3)
    ner_seconds = best_of(
        lambda: [
            ner.entities(sample[i : i + 64], batch_size=64)
            for i in range(0, len(sample), 64)
        ],
        repeat=3,
    )
    chars = sum(map(len, sample))
    return {
        "articles": len(sample),
        "chars": chars,
        "sentences_parsed_per_pass": _parses(gazetteer, sample),
        "chars_per_second_one_core": round(chars / seconds),
        "ner_alone_chars_per_second": round(chars / ner_seconds),
        "ratio_to_ner_alone": round(ner_seconds / seconds, 3),
    }


def _parses(gazetteer: Gazetteer, sample: list[str]) -> int:
    """How many sentences one pass gives the dependency parse (the partial
    quotations the rules leave): what the speed above includes of it."""
    real, calls = syntax.subjects, []

    def counted(*args):
        calls.append(1)
        return real(*args)

    syntax.subjects = counted
    try:
        _link_all(gazetteer, sample)
    finally:
        syntax.subjects = real
    return len(calls)


def relink_speed(gazetteer: Gazetteer, articles: list[str]) -> dict:
    seconds = best_of(lambda: _link_all(gazetteer, articles), repeat=1)
    return {
        "articles": len(articles),
        "seconds": round(seconds, 1),
        "articles_per_second": round(len(articles) / seconds, 1),
        "note": "in memory: NER in batches of 64, linking, quotes; no DB writes",
    }


def relink_database(n_people: int, n_articles: int) -> dict:
    """Relink through people.linker.link_articles, with the database
    writes a real relink does (a temporary SQLite file)."""
    import os
    import tempfile

    tmp = tempfile.mkdtemp()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
    )
    import django

    django.setup()
    from django.core.management import call_command

    from articles.models import Article
    from people.directory import get_gazetteer
    from people.linker import link_articles

    call_command("migrate", verbosity=0)
    _fill_database(n_people, n_articles)
    get_gazetteer()
    start = time.perf_counter()
    result = link_articles(Article.objects.order_by("pk").iterator(chunk_size=500))
    seconds = time.perf_counter() - start
    return {
        "articles": n_articles,
        "people": n_people,
        "seconds": round(seconds, 1),
        "articles_per_second": round(n_articles / seconds, 1),
        "mentions_linked": result.linked,
        "note": "SQLite file; NER in batches of 32, mentions, quotes, roles written",
    }


def _fill_database(n_people: int, n_articles: int) -> None:
    """Synthetic people and articles naming them, written in bulk."""
    import datetime
    import hashlib

    from articles.models import Article
    from people.models import Person

    entries = synthetic_directory(n_people)
    first_names = {}
    for entry in entries:
        first_names.setdefault(entry.person_id, entry.name)
    Person.objects.bulk_create(
        (
            Person(name=name, slug=f"p{pid}", sort_name=name)
            for pid, name in first_names.items()
        ),
        batch_size=5000,
    )
    Article.objects.bulk_create(
        Article(
            title=f"Article {i}",
            slug=f"a{i}",
            body=body,
            date=datetime.date(2024, 1, 1),
            content_hash=hashlib.sha256(body.encode()).hexdigest(),
            language="fr",
        )
        for i, body in enumerate(corpus(entries, n_articles))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quality-only", action="store_true")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--pipeline-articles", type=int, default=500)
    parser.add_argument("--db-articles", type=int, default=2000)
    args = parser.parse_args()
    report = {
        "quality": quality(),
        "quality_dev": quality(DEV),
        "quality_holdout": quality(HOLDOUT),
    }
    if not args.quality_only:
        report["speed"] = speed(args.people, args.articles, args.pipeline_articles)
        report["speed"]["relink_with_database"] = relink_database(
            args.people, args.db_articles
        )
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    print()


if __name__ == "__main__":
    main()
