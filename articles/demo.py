"""What the demo's plain-text articles cannot carry, applied after they are
imported (`manage.py load_demo`): sources, authors, topics, photos drawn
here with Pillow (no download), confirmed roles, Wikidata ids, a correction
and a scheduled article. Every step finds what a previous run made: the
demo can be loaded again."""

import datetime
import io
import json
import random
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from articles.authors import set_authors
from articles.models import Article, Author, Correction, Source, Topic
from articles.services import article_transition
from newsroom.slugs import unique_slug
from people.linker import link_article
from people.models import Person, Role
from photos.services import photo_create


def drawn_photo(seed: int, portrait: bool = False) -> bytes:
    """A made-up picture (sky, sun, skyline, ground), the same for a seed."""
    rng = random.Random(seed)
    width, height = (900, 1200) if portrait else (1600, 1000)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top = [rng.randint(40, 160) for _ in range(3)]
    for y in range(height):
        shade = y / height
        draw.line(
            [(0, y), (width, y)], fill=tuple(int(c + (230 - c) * shade) for c in top)
        )
    sun = rng.randint(width // 5, 4 * width // 5), rng.randint(height // 8, height // 3)
    draw.ellipse(
        [sun[0] - 70, sun[1] - 70, sun[0] + 70, sun[1] + 70], fill=(250, 210, 90)
    )
    x = 0
    while x < width:
        w, h = rng.randint(60, 200), rng.randint(height // 6, height // 2)
        colour = tuple(rng.randint(30, 110) for _ in range(3))
        draw.rectangle([x, height * 3 // 4 - h, x + w, height * 3 // 4], fill=colour)
        x += w + rng.randint(0, 30)
    draw.rectangle([0, height * 3 // 4, width, height], fill=(60, 90, 70))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def load_extras(path: Path, out) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    sources = {s["name"]: _source(s) for s in data["sources"]}
    topics = {name: _topic(name) for name in data["topics"]}
    photos = {key: _photo(key, spec) for key, spec in data["photos"].items()}
    authors = {a["name"]: _author(a, sources, photos) for a in data["authors"]}
    named = {"sources": sources, "topics": topics, "authors": authors}
    for name, key in data["portraits"].items():
        Person.objects.filter(name=name).update(portrait=photos[key])
    for file_name, spec in data["articles"].items():
        article = Article.objects.filter(origin__endswith=f"/{file_name}").first()
        if article is not None:
            _dress(article, spec, named, photos)
    _people(data)
    _corrections(data["corrections"])
    _scheduled(data["scheduled"], named)
    out.write(
        f"Demo newsroom: {len(sources)} sources, {len(authors)} authors, "
        f"{len(topics)} topics, {len(photos)} photos."
    )


def _source(spec: dict) -> Source:
    source = Source.objects.filter(name=spec["name"]).first() or Source(
        name=spec["name"], slug=unique_slug(Source, spec["name"])
    )
    source.kind, source.country = spec["kind"], spec["country"]
    source.homepage_url = spec["homepage_url"]
    source.full_clean()
    source.save()
    return source


def _topic(name: str) -> Topic:
    topic = Topic.objects.filter(name=name).first()
    if topic is None:
        topic = Topic(name=name, slug=unique_slug(Topic, name))
        topic.full_clean()  # the model's rules, as every other way in
        topic.save()
    return topic


def _photo(key: str, spec: dict):
    fields = {"alt_text": spec["alt"], "caption": spec["caption"]}
    fields["credit"] = spec["credit"]
    data = drawn_photo(spec["seed"], portrait=spec.get("portrait", False))
    photo, _created = photo_create(data, name=f"{key}.jpg", fields=fields)
    return photo


def _author(spec: dict, sources: dict, photos: dict) -> Author:
    author = Author.objects.filter(name=spec["name"]).first() or Author(
        name=spec["name"], slug=unique_slug(Author, spec["name"])
    )
    author.bio, author.source = spec["bio"], sources[spec["source"]]
    author.portrait = photos.get(spec.get("photo"))
    author.full_clean()
    author.save()
    return author


@transaction.atomic
def _dress(article: Article, spec: dict, named: dict, photos: dict) -> None:
    article.source = named["sources"][spec["source"]]
    article.lead_photo = photos.get(spec.get("photo"))
    article.save(update_fields=["source", "lead_photo", "updated_at"])
    article.topics.add(*(named["topics"][t] for t in spec["topics"]))
    set_authors(article, [named["authors"][a] for a in spec.get("authors", [])])


def _people(data: dict) -> None:
    for role in data["roles"]:
        person = Person.objects.filter(name=role.pop("person")).first()
        if person is None:
            continue
        dates = {k: datetime.date.fromisoformat(role[k]) for k in role if "date" in k}
        Role.objects.update_or_create(
            person=person,
            title=role["title"],
            defaults={**dates, "organisation": role.get("organisation", "")}
            | {"status": Role.Status.CONFIRMED},
        )
    for name, qid in data["wikidata"].items():
        if not name.startswith("_"):
            Person.objects.filter(name=name).update(wikidata_id=qid)


def _corrections(corrections: list[dict]) -> None:
    for spec in corrections:
        article = Article.objects.filter(origin__endswith=f"/{spec['article']}").first()
        if article is not None:
            Correction.objects.get_or_create(
                article=article,
                text=spec["text"],
                defaults={
                    "kind": spec["kind"],
                    "date": datetime.date.fromisoformat(spec["date"]),
                },
            )


@transaction.atomic
def _scheduled(spec: dict, named: dict) -> None:
    """An article published for later: readers see it only then."""
    article = Article.objects.filter(slug=spec["slug"]).first()
    if article is None:
        article = Article.objects.create(
            slug=spec["slug"],
            title=spec["title"],
            standfirst=spec["standfirst"],
            body=spec["body"],
            date=timezone.localdate() + datetime.timedelta(days=spec["days_ahead"]),
            source=named["sources"][spec["source"]],
        )
        article.topics.add(*(named["topics"][t] for t in spec["topics"]))
        set_authors(article, [named["authors"][a] for a in spec["authors"]])
        link_article(article=article)
    if article.status != Article.Status.PUBLISHED:
        article.publish_at = timezone.now() + datetime.timedelta(
            days=spec["days_ahead"]
        )
        article.save(update_fields=["publish_at"])
        article_transition(article=article, to=Article.Status.PUBLISHED, by=None)
