"""Builders for test rows: plain functions, sensible defaults."""

import datetime
import itertools
from pathlib import Path

from django.contrib.auth.models import Group, User

from articles.models import Article, Source, Topic
from people.models import Alias, Person

FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE_ARTICLE = FIXTURES / "reference-article-fr.txt"
REFERENCE_PEOPLE = ["Yoav Gallant", "Antony Blinken", "Mahmoud Abbas", "Yaïr Lapid"]

_seq = itertools.count(1)


def make_person(name: str | None = None, *, aliases=(), **kwargs) -> Person:
    person = Person.objects.create(name=name or f"Person {next(_seq)}", **kwargs)
    for alias in aliases:
        Alias.objects.create(person=person, name=alias)
    return person


def make_reference_people() -> dict[str, Person]:
    return {name: make_person(name) for name in REFERENCE_PEOPLE}


def make_source(name: str = "Agence Test", **kwargs) -> Source:
    return Source.objects.create(name=name, **kwargs)


def make_topic(name: str = "Politique", **kwargs) -> Topic:
    return Topic.objects.create(name=name, **kwargs)


def make_article(
    title: str | None = None,
    body: str = "Un paragraphe.",
    *,
    status: str = Article.Status.PUBLISHED,
    date: datetime.date | None = None,
    link: bool = False,
    **kwargs,
) -> Article:
    article = Article.objects.create(
        title=title or f"Article {next(_seq)}",
        body=body,
        status=status,
        date=date or datetime.date(2024, 1, 15),
        **kwargs,
    )
    if link:
        from people.linker import link_article

        link_article(article=article)
    return article


def run_import(*paths, **options) -> str:
    """Run import_articles; its output, and 'FAILED: …' if it failed."""
    from io import StringIO

    from django.core.management import CommandError, call_command

    out, err = StringIO(), StringIO()
    try:
        call_command(
            "import_articles", *map(str, paths), stdout=out, stderr=err, **options
        )
    except CommandError as exc:
        return f"{out.getvalue()}{err.getvalue()}FAILED: {exc}"
    return out.getvalue() + err.getvalue()


def make_user(username: str, *, groups=(), superuser: bool = False) -> User:
    user = User.objects.create_user(
        username=username,
        password="pw",
        is_staff=True,
        is_superuser=superuser,
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def article_post(article: Article, **overrides):
    """The admin change form of `article` as a browser posts it, unchanged
    but for `overrides` (form fields), its corrections and authors inlines
    empty (authors already set are kept)."""
    topics = [t.pk for t in article.topics.all()] if article.pk else []
    data = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "status": article.status,
        "publish_at_0": "",
        "publish_at_1": "",
        "date": article.date.isoformat(),
        "date_precision": article.date_precision,
        "language": article.language,
        "byline": article.byline,
        "source": "",
        "source_url": "",
        "topics": topics,
        "edit_version": str(article.version),
        "edit_topics": ",".join(str(pk) for pk in topics),
        "lead_photo": article.lead_photo_id or "",
        **_inline("corrections", []),
        **_inline("bylines", []),
    }
    data.update(overrides)
    return data


def _inline(prefix: str, rows: list) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(len(rows)),
    }
