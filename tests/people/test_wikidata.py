"""A directory loaded from Wikidata: people, aliases and dated roles, role
phrases linked to whoever held the role on the article's date, staff edits
kept on re-import."""

import bz2
import datetime
import gzip
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from people.linker import link_article
from people.models import Person, PersonMerge, Role
from people.services import person_merge
from tests.factories import make_article, make_person
from tests.people.wikidata_builders import (
    DEFENCE,
    FIXTURE,
    PRESIDENT,
    entities,
    held,
    human,
    write_dump,
)

pytestmark = pytest.mark.django_db


def load(path=FIXTURE, *args) -> str:
    out, err = StringIO(), StringIO()
    try:
        call_command(
            "import_people", "--wikidata", str(path), *args, stdout=out, stderr=err
        )
    except CommandError as exc:
        return f"{out.getvalue()}{err.getvalue()}FAILED: {exc}"
    return out.getvalue() + err.getvalue()


def linked(body: str, date: datetime.date, language: str = "fr") -> list:
    article = make_article(body=body, date=date, language=language)
    link_article(article=article)
    return [
        (m.text, m.person.name if m.person else None, m.status, m.method)
        for m in article.mentions.order_by("start")
    ]


def test_people_aliases_descriptions_genders_and_dated_roles_load():
    output = load()
    assert "7 created, 0 updated, 0 unchanged, 3 failed" in output
    marchal = Person.objects.get(wikidata_id="Q9000001")
    assert (marchal.name, marchal.gender) == ("Hélène Marchal", "f")
    assert marchal.description == "femme d'État valmorienne"
    # 'Helene Marchal' (en) is her name without accents: linking folds
    # accents, so it is no alias of its own.
    assert set(marchal.aliases.values_list("name", flat=True)) == {"H. Marchal"}
    role = marchal.roles.get()
    assert (role.title, role.start_date, role.end_date, role.status) == (
        "président de la République de Valmorie",
        datetime.date(2012, 5, 15),
        datetime.date(2017, 5, 14),
        "confirmed",
    )
    assert "chef de l'État" in role.also_known_as
    assert "President of Valmorie" in role.also_known_as
    # Offices read after their holders still name their roles.
    assert Role.objects.get(person__wikidata_id="Q9000004").title == (
        "Premier ministre de Valmorie"
    )
    # A deprecated statement is no role; an entity with no French or English
    # label, and hostile ones, are located errors.
    assert not Role.objects.filter(person__wikidata_id="Q9000006").exists()
    assert "heads.json:9: Q9000007: no label in fr, en" in output
    assert "heads.json:10: " in output and "heads.json:11: " in output


@pytest.mark.parametrize(
    ("body", "date", "holder"),
    [
        (
            "« Il faut tenir », a déclaré le chef de l'État.",
            "2015-03-02",
            "Hélène Marchal",
        ),
        (
            "« Il faut tenir », a déclaré le chef de l'État.",
            "2019-03-02",
            "Paul Renaud",
        ),
        ("Selon le Premier ministre, rien ne change.", "2021-06-01", "Claire Dubois"),
        ("Selon le Premier ministre, rien ne change.", "2023-06-01", "Marc Lenoir"),
        ("La ministre des Armées a visité la base.", "2023-02-01", "Claire Dubois"),
    ],
)
def test_role_phrases_link_to_the_holder_at_the_articles_date(body, date, holder):
    load()
    found = linked(body, datetime.date.fromisoformat(date))
    assert [(name, method) for _, name, _, method in found] == [(holder, "role")]


def test_the_english_secretary_of_state_links_in_english():
    load()
    found = linked(
        "The Secretary of State said talks would resume.",
        datetime.date(2022, 3, 1),
        language="en",
    )
    assert [(t, name) for t, name, _, _ in found] == [
        ("Secretary of State", "Anna Keller")
    ]


def test_nobody_holds_a_role_before_or_after_their_term():
    load()
    assert linked("Le chef de l'État a parlé.", datetime.date(2010, 1, 1)) == []
    body = "Selon le Premier ministre, rien ne change."
    assert linked(body, datetime.date(2019, 1, 1)) == []


def test_two_holders_on_the_same_day_leave_the_phrase_pending(tmp_path):
    items = entities() + [
        human(
            "Q9000020", fr="Autre Présidente", positions=[held(PRESIDENT, "2016-01-01")]
        )
    ]
    load(write_dump(tmp_path / "two.json", items))
    found = linked("Le chef de l'État a parlé.", datetime.date(2016, 6, 1))
    assert found == [("chef de l'État", None, "pending", "role")]


def test_staff_edits_survive_a_reimport_and_are_reported(tmp_path):
    load()
    marchal = Person.objects.get(wikidata_id="Q9000001")
    marchal.description = "Présidente de 2012 à 2017"
    marchal.save()
    role = Role.objects.get(
        person__wikidata_id="Q9000003", wikidata_statement__contains=DEFENCE
    )
    role.status = Role.Status.REJECTED
    role.save()
    items = entities()
    items[1]["descriptions"]["fr"]["value"] = "Autre description"
    items[1]["labels"]["fr"]["value"] = "Hélène Marchal-Roy"
    output = load(write_dump(tmp_path / "again.json", items))
    marchal.refresh_from_db()
    assert marchal.description == "Présidente de 2012 à 2017"  # staff's
    assert marchal.name == "Hélène Marchal-Roy"  # Wikidata's: staff left it
    assert "kept: Q9000001: description: kept 'Présidente de 2012 à 2017'" in output
    role.refresh_from_db()
    assert role.status == Role.Status.REJECTED


def test_a_reimport_changes_nothing():
    load()
    before = sorted(
        Role.objects.values_list("wikidata_statement", "title", "start_date")
    )
    output = load()
    assert "0 created, 0 updated, 7 unchanged" in output
    after = sorted(
        Role.objects.values_list("wikidata_statement", "title", "start_date")
    )
    assert before == after and Person.objects.count() == 7


def test_people_staff_merged_stay_merged(editor):
    load()
    keep = make_person("Hélène Marchal (présidente)")
    merged = Person.objects.get(wikidata_id="Q9000001")
    person_merge(keep=keep, merged=merged, by=editor)
    assert PersonMerge.objects.get().merged_wikidata_id == "Q9000001"
    output = load()
    keep.refresh_from_db()
    assert Person.objects.filter(wikidata_id="Q9000001").get() == keep
    assert keep.name == "Hélène Marchal (présidente)"  # staff's, reported
    assert "Q9000001: name: kept 'Hélène Marchal (présidente)'" in output


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (["--position", DEFENCE], {"Claire Dubois", "Ancien Mort"}),
        (["--country", "Q9000143"], {"Anna Keller"}),
        (["--ids", "Q9000002,Q9000004"], {"Paul Renaud", "Marc Lenoir"}),
    ],
)
def test_filters_choose_whom_to_load(args, loaded):
    load(FIXTURE, *args)
    assert set(Person.objects.values_list("name", flat=True)) == loaded


def test_alive_leaves_out_the_dead():
    load(FIXTURE, "--position", DEFENCE, "--alive")
    assert set(Person.objects.values_list("name", flat=True)) == {"Claire Dubois"}


@pytest.mark.parametrize("opener", [gzip.open, bz2.open])
def test_compressed_dumps_and_entity_data_pages_load(tmp_path, opener):
    suffix = ".gz" if opener is gzip.open else ".bz2"
    path = tmp_path / f"dump.json{suffix}"
    with opener(path, "wt", encoding="utf-8") as out:
        out.write(FIXTURE.read_text(encoding="utf-8"))
    assert "7 created" in load(path)
    page = tmp_path / "Q9000099.json"
    one = human("Q9000099", fr="Page Seule")
    page.write_text(json.dumps({"entities": {"Q9000099": one}}), encoding="utf-8")
    assert "1 created" in load(page)


def test_the_person_page_links_to_wikidata(client):
    load()
    marchal = Person.objects.get(wikidata_id="Q9000001")
    make_article(body="Hélène Marchal parle.", link=True)
    html = client.get(marchal.get_absolute_url()).content.decode()
    assert '<a href="https://www.wikidata.org/wiki/Q9000001" rel="noopener">' in html
