"""Names as news writes them once a person is introduced (issue 13): a
given name alone, a surname after a preposition, a name used as a thing,
a surname two people share, an organisation that looks like a name."""

from people.linking import ner
from people.linking.pipeline import find_people
from people.linking.resolve import link
from tests.people.engine import gazetteer


def linked(text, *names, known=(), places=()):
    """Linked spans; `places` are words the NER model calls locations (it
    often calls a surname after "à" or "de" one)."""
    spans = [(text.index(w), text.index(w) + len(w)) for w in places]
    return [
        (s.text, s.person_id, s.status, s.method)
        for s in link(text, gazetteer(*names, known=known), places=spans)
    ]


def test_a_given_name_alone_links_to_the_person_named_in_full_before():
    text = (
        "Marc Aubry a ouvert la séance. « Cher Marc, merci », a lancé un élu. "
        "Marc a souri. Marc Dupont, lui, est resté muet."
    )
    found = linked(text, "Marc Aubry")
    assert [(t, p) for t, p, *_ in found] == [
        ("Marc Aubry", 1),
        ("Marc", 1),
        ("Marc", 1),
    ]
    assert found[1][3] == "given-name"
    # Before the full name, a given name alone is nobody yet.
    assert linked("Marc arrive. Marc Aubry parle.", "Marc Aubry") == [
        ("Marc Aubry", 1, "auto", "directory")
    ]


def test_a_preposition_does_not_turn_a_person_named_before_into_a_place():
    text = "Claire Durand a visité l'usine. Une pétition a été remise à Durand."
    at_durand = ["Durand."]
    assert linked(text, "Claire Durand", places=at_durand)[-1][:2] == ("Durand", 1)
    # A known place stays a place, and a holiday a holiday.
    text = "George Washington is honoured. The painting came from Washington."
    assert [t for t, *_ in linked(text, "George Washington")] == ["George Washington"]


def test_someone_known_by_surname_alone_links_after_de():
    text = "L'équipe a salué l'entrée de Mbappé, auteur du but."
    assert linked(text, "Kylian Mbappé", known=[1], places=["Mbappé"]) == [
        ("Mbappé", 1, "auto", "known-surname")
    ]


def test_a_name_used_as_a_thing_links_only_when_the_person_is_named():
    alone = "The Jane Doe report was published on Monday."
    assert linked(alone, "Jane Doe") == []
    named = "Jane Doe spoke first. The Jane Doe report came out later."
    assert [p for _, p, *_ in linked(named, "Jane Doe")] == [1, 1]


def test_a_surname_two_people_share_is_for_staff_to_decide():
    text = "Anne and Paul Martin opened the gallery. Martin said it was a dream."
    found = linked(text, "Paul Martin")
    assert found[0][:3] == ("Paul Martin", 1, "auto")
    assert found[1][:3] == ("Martin", None, "pending")


def test_organisations_are_not_suggested_as_people():
    text = (
        "Jean Kalala, le ministre des Mines, a signé l'accord avec Voltaire Mobilité."
    )
    entities = ner.entities([text])[0]  # the model calls both people
    found = find_people(text, gazetteer("Marc Aubry"), entities=entities).spans
    assert [s.name for s in found] == ["Jean Kalala"]


def test_english_relations_and_jobs_before_unknown_names_suggest_them():
    text = (
        "Her husband David Okonjo sat in the gallery. Lawmaker Gareth Pryce "
        "raised the case. The actors Maya Brennan and Tom Achebe joined the jury."
    )
    found = find_people(text, gazetteer("Marc Aubry"), entities=None).spans
    assert [s.name for s in found] == [
        "David Okonjo",
        "Gareth Pryce",
        "Maya Brennan",
        "Tom Achebe",
    ]
