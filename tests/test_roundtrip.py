"""The whole archive survives an export and an import into an empty
database: articles, people, mentions with their decisions, quotes, roles,
revisions, corrections, status history."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article, ArticleRevision, ArticleTransition, Correction
from articles.services import article_transition, revision_create
from people.models import Alias, Mention, Person, Quote, Role
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db

MODELS = [
    Article,
    ArticleRevision,
    ArticleTransition,
    Correction,
    Person,
    Alias,
    Mention,
    Quote,
    Role,
]


def snapshot() -> dict:
    return {
        model.__name__: sorted(
            tuple(str(v) for v in row)
            for row in model.objects.values_list(
                *[
                    f.attname
                    for f in model._meta.concrete_fields
                    if f.name != "search_vector"
                ]
            )
        )
        for model in MODELS
    }


def test_dump_and_load_of_the_whole_archive_is_lossless(editor, tmp_path):
    person = make_person("Aïssata Koné", aliases=["Aissata Kone"], wikidata_id="Q1")
    article = make_article(
        body="Aïssata Koné parle. « Non », a déclaré Koné.",
        status="draft",
        link=True,
    )
    Role.objects.create(person=person, title="secrétaire générale", status="confirmed")
    mention = article.mentions.order_by("start").last()
    mention.decide(status=Mention.Status.REJECTED, by=editor)
    mention.save()
    revision_create(article=article, by=editor)
    article_transition(article=article, to="published", by=editor)
    Correction.objects.create(article=article, text="Précision.", created_by=editor)
    before = snapshot()
    assert all(before.values()), before

    # XML keeps microseconds; the JSON serializer cuts timestamps to
    # milliseconds, which is not lossless.
    out = tmp_path / "archive.xml"
    call_command(
        "dumpdata",
        "auth.user",
        "articles",
        "people",
        "--natural-foreign",
        "--format",
        "xml",
        "--output",
        str(out),
        verbosity=0,
    )
    for model in reversed(MODELS):
        model.objects.all().delete()
    from django.contrib.auth.models import User

    User.objects.all().delete()
    assert not any(snapshot().values())
    call_command("loaddata", str(out), verbosity=0, stdout=io.StringIO())
    assert snapshot() == before
