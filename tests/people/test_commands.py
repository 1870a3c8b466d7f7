from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from people.models import Mention, Person
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db

CSV = """name,aliases,description,slug,wikidata
Yoav Gallant,Yoav Galant,Ministre de la Défense,,Q1
Antony Blinken,Tony Blinken|Anthony Blinken,Secrétaire d'État,blinken,
"""


def import_people(tmp_path, text: str) -> str:
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command("import_people", str(path), stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue() + err.getvalue() + f"FAILED: {exc}"
    return out.getvalue() + err.getvalue()


def test_import_people_creates_people_with_aliases(tmp_path):
    assert "2 created, 0 updated, 0 failed" in import_people(tmp_path, CSV)
    blinken = Person.objects.get(slug="blinken")
    assert sorted(blinken.aliases.values_list("name", flat=True)) == [
        "Anthony Blinken",
        "Tony Blinken",
    ]
    gallant = Person.objects.get(slug="yoav-gallant")
    assert (gallant.wikidata_id, gallant.sort_name) == ("Q1", "Gallant, Yoav")


def test_import_people_is_an_upsert_that_keeps_other_aliases(tmp_path):
    import_people(tmp_path, CSV)
    blinken = Person.objects.get(slug="blinken")
    blinken.aliases.create(name="A. Blinken")
    updated = CSV.replace("Secrétaire d'État", "Ancien secrétaire d'État")
    assert "0 created, 2 updated" in import_people(tmp_path, updated)
    blinken.refresh_from_db()
    assert blinken.description == "Ancien secrétaire d'État"
    assert blinken.aliases.count() == 3
    assert Person.objects.count() == 2


def test_import_people_reports_bad_rows_with_their_line(tmp_path):
    text = CSV + ",,no name\nBad Slug,,x,Not A Slug,\n"
    output = import_people(tmp_path, text)
    assert "people.csv:4: name: " in output  # empty
    assert "people.csv:5: slug: " in output  # 'Not A Slug' is none
    assert "2 created, 0 updated, 2 failed" in output
    assert "FAILED" in output


def test_import_people_requires_its_columns(tmp_path):
    output = import_people(tmp_path, "nom,alias\nX,Y\n")
    assert "people.csv:1: missing column(s): aliases, description, name" in output


def test_import_people_reads_an_optional_gender(tmp_path):
    text = (
        "name,aliases,description,gender\n"
        "Marine Le Pen,,Députée,F\n"
        "Jean-Marie Le Pen,,Ancien député,m\n"
        "Marion Le Pen,,,\n"
        "Bad,,,woman\n"
    )
    output = import_people(tmp_path, text)
    assert "people.csv:5: gender: " in output  # 'woman' is not a choice
    assert dict(Person.objects.values_list("name", "gender")) == {
        "Marine Le Pen": "f",
        "Jean-Marie Le Pen": "m",
        "Marion Le Pen": "",
    }


def test_link_mentions_relinks_and_keeps_decisions(editor):
    article = make_article(body="Antony Blinken arrive. Blinken repart.")
    person = make_person("Antony Blinken")
    out = StringIO()
    call_command("link_mentions", article.slug, stdout=out)
    assert "2 linked" in out.getvalue()
    mention = article.mentions.order_by("start").last()
    mention.decide(status=Mention.Status.REJECTED, by=editor)
    mention.save()
    call_command("link_mentions", "--all", stdout=out)
    assert list(article.mentions.order_by("start").values_list("person", "status")) == [
        (person.pk, "auto"),
        (person.pk, "rejected"),
    ]


def test_link_mentions_needs_slugs_or_all():
    with pytest.raises(CommandError, match="give article slugs or --all"):
        call_command("link_mentions")
    with pytest.raises(CommandError, match="unknown article"):
        call_command("link_mentions", "nope")
