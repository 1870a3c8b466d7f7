"""Proposed roles: they read as titles, and staff date them."""

import pytest
from django.urls import reverse

from tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_role_proposals_read_as_titles_and_name_real_organisations():
    from people.linking.roles import find_roles
    from people.linking.spans import Span

    text = (
        "Everyone is busy, mayor Jane Doe said. Then the year running, leader "
        "John Roe spoke. Le secrétaire d'État américain Paul Lime est venu. "
        "Health Secretary Ann Bay agreed. La ministre de la Culture Eve Hale aussi."
    )
    spans = [
        Span(
            text.index(name), text.index(name) + len(name), name, n, "auto", "directory"
        )
        for n, name in enumerate(
            ["Jane Doe", "John Roe", "Paul Lime", "Ann Bay", "Eve Hale"], start=1
        )
    ]
    facts = [(f.person_id, f.title, f.organisation) for f in find_roles(text, spans)]
    assert facts == [
        (1, "mayor", ""),
        (2, "leader", ""),
        (3, "secrétaire d'État américain", ""),
        (4, "Health Secretary", ""),
        (5, "ministre de la Culture", "Culture"),
    ]


def test_a_proposed_role_that_is_a_clause_fragment_is_not_proposed():
    from people.linking.roles import reads_as_title

    assert not reads_as_title("m upgrade")
    assert not reads_as_title("year running, leader")
    assert not reads_as_title("the 2024 budget chief")
    assert reads_as_title("secrétaire d'État américain")
    assert reads_as_title("président de la République")


def test_staff_give_a_proposed_role_its_end_date_from_the_list(client, staff):
    from people.models import Role

    role = Role.objects.create(person=make_person("Eve Hale"), title="ministre")
    client.force_login(staff)
    url = reverse("admin:people_role_changelist")
    response = client.post(
        url,
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": role.pk,
            "form-0-end_date": "2025-06-30",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert str(role.end_date) == "2025-06-30"


def test_a_title_never_reaches_back_over_another_persons_name():
    from people.linking.pipeline import find_people
    from tests.people.engine import gazetteer

    text = "Chancellor Rachel Reeves welcomed Christine Lagarde to London."
    roles = find_people(text, gazetteer("Rachel Reeves", "Christine Lagarde")).roles
    assert [(r.person_id, r.title) for r in roles] == [(1, "Chancellor")]


def test_more_titles_as_news_gives_them_and_former_ones_are_not_proposed():
    from people.linking.roles import role_phrase

    cases = {
        "Le porte-parole du gouvernement, Ada Roy, a parlé.": (
            "porte-parole du gouvernement"
        ),
        "Le sélectionneur Ada Roy a parlé.": "sélectionneur",
        "L'entraîneur de Rennes, Ada Roy, a parlé.": "entraîneur de Rennes",
        "Judge Ada Roy said.": "Judge",
        "White House press secretary Ada Roy said.": "White House press secretary",
        "La ministre du Travail et de la Santé, Ada Roy, a parlé.": (
            "ministre du Travail et de la Santé"
        ),
        "L'ancien sélectionneur Ada Roy a parlé.": None,
        "Former Health Secretary Ada Roy said.": None,
        "Then Labour health secretary Ada Roy said.": "Labour health secretary",
        # Whose title it is, not part of it.
        "The council's licensing chair, Ada Roy, said.": "licensing chair",
        "The players' union leader Ada Roy said.": "union leader",
        # A preposition before the head is the sentence's, not the title's.
        "Il parlait aux côtés du ministre italien de la Santé, Ada Roy, hier.": (
            "ministre italien de la Santé"
        ),
        "Elle a pris place face au président Ada Roy.": "président",
    }
    for text, title in cases.items():
        found = role_phrase(text, text.index("Ada Roy"))
        assert (found[1] if found else None) == title, text


def test_a_title_in_apposition_after_the_name_is_proposed():
    from people.linking.roles import role_after

    cases = {
        "Ada Roy, le ministre italien des Affaires étrangères, a parlé.": (
            "ministre italien des Affaires étrangères"
        ),
        "Ada Roy, the opposition leader, said so.": "opposition leader",
        "Ada Roy, conseillère d'opposition, « … »": "conseillère d'opposition",
        "Ada Roy, qui est ministre, a parlé.": None,  # a clause
        "Ada Roy, the former chief executive, said.": None,  # no longer held
        "Ada Roy, an economist at the bank, said.": None,  # not a title
        "Ada Roy, Paul Lime et le ministre sont venus.": None,  # another name
    }
    for text, title in cases.items():
        stop = text.find("Paul") if "Paul" in text else len(text)
        found = role_after(text, len("Ada Roy"), stop)
        assert (found[1] if found else None) == title, text


def test_more_title_heads_representatives_curators_councillors():
    from people.linking.roles import find_roles
    from people.linking.spans import Span

    text = (
        "La haute représentante de l'ONU Inès Varga a parlé. La conservatrice "
        "du musée Léa Brun a suivi. Opposition councillor Tom Hale objected. "
        "Le préfet de région Marc Tellier a conclu."
    )
    names = ["Inès Varga", "Léa Brun", "Tom Hale", "Marc Tellier"]
    spans = [
        Span(text.index(n), text.index(n) + len(n), n, i, "auto", "directory")
        for i, n in enumerate(names, start=1)
    ]
    assert [(f.person_id, f.title) for f in find_roles(text, spans)] == [
        (1, "haute représentante de l'ONU"),
        (2, "conservatrice du musée"),
        (3, "Opposition councillor"),
        (4, "préfet de région"),
    ]
