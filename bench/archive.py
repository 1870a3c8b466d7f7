"""A synthetic archive for the page benches, and the production-like
environment they serve it in."""

import datetime
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FIRST = "Claire Marc Sophie Karim Hélène Paul Nadia Omar Léa Hugo Inès Yann".split()
LAST = (
    "Moreau Benali Ténier Dufresne Koné Lefort Garnier Rousselot Vasseur "
    "Fournier Marchand Haddad Ménard Lestrange Page Blanc Okafor Hollis Raman"
).split()
WORDS = (
    "port grève budget hôpital tramway région élection loyers usine dockers "
    "ministre accord conseil salaires travaux santé énergie école"
).split()


def generate(n_articles: int, n_people: int, seed: int = 3) -> dict:
    """An archive built directly (no linking run): mentions and quotes are
    written with their offsets, as linking would. The URLs to load."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    people = _people(rng, n_people)
    topics, sources = _topics_and_sources()
    articles, plans = _articles(rng, n_articles, people, sources)
    _mentions_quotes_tags(rng, articles, plans, topics)
    _index_for_search()
    return bench_urls(n_articles, seed)


def _people(rng: random.Random, n_people: int) -> list:
    from people.linking.normalise import fold_name
    from people.models import Person

    return Person.objects.bulk_create(
        Person(
            name=name,
            slug=f"person-{i}",
            sort_name=f"person {i:05d}",
            sort_key=f"person {i:05d}",
            # As Person.save() would store it (bulk_create does not call it);
            # a made-up "person N" gave every row the same trigrams.
            search_name=fold_name(name),
        )
        for i, name in enumerate(
            f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}" for i in range(n_people)
        )
    )


def _topics_and_sources() -> tuple[list, list]:
    from articles.models import Source, Topic

    topics = Topic.objects.bulk_create(
        Topic(name=f"Thème {i}", slug=f"theme-{i}") for i in range(20)
    )
    sources = Source.objects.bulk_create(
        Source(name=f"Source {i}", slug=f"source-{i}") for i in range(10)
    )
    return topics, sources


def _body(rng: random.Random, cast: list) -> tuple[str, list, list]:
    """A body where each of `cast` says something: the text, the (person,
    start, end) of each name and of each quotation."""
    sentences, spans, quotes, pos = [], [], [], 0
    for person in cast:
        words = " ".join(rng.choice(WORDS) for _ in range(12)).capitalize()
        said = f"« {words} », a déclaré "
        spans.append((person, pos + len(said), pos + len(said) + len(person.name)))
        quotes.append((person, pos + 2, pos + 2 + len(words)))
        filler = " ".join(rng.choice(WORDS) for _ in range(40))
        sentence = f"{said}{person.name}. {filler}."
        sentences.append(sentence)
        pos += len(sentence) + 2
    return "\n\n".join(sentences), spans, quotes


def _articles(rng: random.Random, n_articles: int, people, sources) -> tuple:
    from articles.models import Article
    from articles.search_text import fold_for_search

    start = datetime.date(2015, 1, 1)
    articles, plans = [], []
    for i in range(n_articles):
        body, spans, quotes = _body(rng, rng.sample(people, 3))
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
    return Article.objects.bulk_create(articles, batch_size=1000), plans


def _mentions_quotes_tags(rng: random.Random, articles, plans, topics) -> None:
    from articles.models import Article
    from people.models import Mention, Quote

    mentions, quotes, tags = [], [], []
    tag = Article.topics.through
    for article, (spans, said) in zip(articles, plans, strict=True):
        mentions += [
            Mention(
                article=article,
                person=person,
                start=s,
                end=e,
                text=person.name,
                status="auto",
                method="directory",
            )
            for person, s, e in spans
        ]
        quotes += [
            Quote(
                article=article,
                speaker=person,
                start=s,
                end=e,
                text=article.body[s:e],
                rule="verb-after",
            )
            for person, s, e in said
        ]
        tags.append(tag(article=article, topic=rng.choice(topics)))
    Mention.objects.bulk_create(mentions, batch_size=2000)
    Quote.objects.bulk_create(quotes, batch_size=2000)
    tag.objects.bulk_create(tags, batch_size=2000)


def _index_for_search() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE articles_article SET search_vector ="
                " setweight(to_tsvector('french_unaccent', title), 'A') ||"
                " setweight(to_tsvector('french_unaccent', body), 'C')"
            )
            cursor.execute("ANALYZE")


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


def bench_env(name: str) -> dict:
    """The environment of a production-configured site for the benches:
    DATABASE_URL and REDIS_URL from the caller, else SQLite in a temporary
    folder; without Redis, a file cache in a folder of this run's own (the
    default folder is shared by every run on the machine, and a cache kept
    from another run's database would be served as this one's)."""
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
        CACHE_DIR=tempfile.mkdtemp(prefix="newsroom-cache-"),
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


def run_child(script: str, *args: str, env: dict) -> dict:
    """Run `script --child ARGS` on a fresh SQLite database of its own and
    return the JSON figures it prints last: each case's peak memory is its
    own process's."""
    database = f"sqlite:///{tempfile.mkdtemp()}/child.sqlite3"
    output = subprocess.run(
        [sys.executable, script, "--child", *args],
        cwd=ROOT,
        env={**env, "DATABASE_URL": database},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])
