"""The linking engine on its own: text in, spans out, no database."""

import pytest

from people.linking.normalise import fold, is_written_as_name, surname_forms
from people.linking.resolve import link
from tests.factories import REFERENCE_PEOPLE
from tests.people.engine import gazetteer, linked, reference_article


def test_fold_keeps_length_and_folds_accents_apostrophes_hyphens_spaces():
    text = "Yaïr Lapid, Erdoğan, l’État, al-Sissi, M.\u00a0Abbas, Œdipe"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "yair lapid, erdogan, l'etat, al sissi, m. abbas, œdipe"


def test_surname_forms_keep_particles():
    assert surname_forms("Yoav Gallant") == ["Gallant"]
    assert surname_forms("Charles de Gaulle") == ["de Gaulle"]
    assert surname_forms("Bruno Le Maire") == ["Le Maire"]
    assert surname_forms("Recep Tayyip Erdoğan") == [
        "Tayyip Erdoğan",
        "Erdoğan",
        "Tayyip",
    ]
    assert surname_forms("Abdel Fattah al-Sissi") == [
        "Fattah al-Sissi",
        "al-Sissi",
        "Sissi",
        "Fattah",
    ]
    assert "Lula" in surname_forms("Luiz Inácio Lula da Silva")
    assert surname_forms("Madonna") == []


def test_written_as_name_requires_capitals_except_particles():
    assert is_written_as_name("Charles de Gaulle")
    assert is_written_as_name("al-Sissi")
    assert not is_written_as_name("le maire")
    assert not is_written_as_name("la page")


def test_reference_article_links_its_eleven_mentions_and_nothing_else():
    title, body = reference_article()
    spans = link(body, gazetteer(*REFERENCE_PEOPLE), context=title)
    names = {1: "Gallant", 2: "Blinken", 3: "Abbas", 4: "Lapid"}
    assert [(s.text, names[s.person_id], s.status) for s in spans] == [
        ("Yoav Gallant", "Gallant", "auto"),
        ("Antony Blinken", "Blinken", "auto"),
        ("Gallant", "Gallant", "auto"),
        ("Blinken", "Blinken", "auto"),
        ("Gallant", "Gallant", "auto"),
        ("Gallant", "Gallant", "auto"),
        ("Blinken", "Blinken", "auto"),
        ("Blinken", "Blinken", "auto"),
        ("Antony Blinken", "Blinken", "auto"),
        ("Mahmoud Abbas", "Abbas", "auto"),
        ("Yaïr Lapid", "Lapid", "auto"),
    ]
    for span in spans:
        assert body[span.start : span.end] == span.text


def test_matching_ignores_accents_case_apostrophes_and_hyphens():
    gaz = gazetteer("Yaïr Lapid", "Recep Tayyip Erdoğan", "Abdel Fattah al-Sissi")
    text = "Yair Lapid a vu Recep Tayyip Erdogan puis Abdel Fattah al Sissi."
    assert [s for s, _, _ in linked(text, gaz)] == [
        "Yair Lapid",
        "Recep Tayyip Erdogan",
        "Abdel Fattah al Sissi",
    ]


def test_non_breaking_space_inside_a_name_still_matches():
    assert linked("Selon Antony\u00a0Blinken, rien.", gazetteer("Antony Blinken")) == [
        ("Antony\u00a0Blinken", 1, "auto")
    ]


@pytest.mark.parametrize(
    "text",
    ["Jacques Attali a parlé.", "Il a été lapidé.", "Les Attalides régnaient."],
)
def test_names_are_not_found_inside_other_words(text):
    gaz = gazetteer("Gabriel Attal", "Yaïr Lapid")
    assert linked("Gabriel Attal et Yaïr Lapid. " + text, gaz)[2:] == []


def test_french_elision_before_a_name():
    gaz = gazetteer("Mahmoud Abbas", "Antony Blinken")
    text = "Le retour d'Abbas, qu'Antony Blinken attendait, et l’arrivée d’Abbas."
    assert linked(text, gaz, context="Mahmoud Abbas reçu") == [
        ("Abbas", 1, "auto"),
        ("Antony Blinken", 2, "auto"),
        ("Abbas", 1, "auto"),
    ]


def test_surname_alone_links_only_once_the_person_is_named():
    gaz = gazetteer("Antony Blinken")
    assert linked("Blinken est arrivé.", gaz) == []
    assert linked("Antony Blinken est arrivé. Blinken a parlé.", gaz) == [
        ("Antony Blinken", 1, "auto"),
        ("Blinken", 1, "auto"),
    ]


def test_honorific_with_particle_resolves():
    gaz = gazetteer("Charles de Gaulle")
    text = "Charles de Gaulle parle. M. de Gaulle insiste."
    assert linked(text, gaz)[1] == ("de Gaulle", 1, "auto")


def test_shared_surname_resolves_to_the_person_present_or_stays_pending():
    gaz = gazetteer("Fidel Castro", "Raúl Castro")
    assert linked("Raúl Castro a parlé. Castro a ajouté.", gaz)[1] == (
        "Castro",
        2,
        "auto",
    )
    both = linked("Fidel Castro et Raúl Castro. Castro a parlé.", gaz)
    assert both[2] == ("Castro", None, "pending")


LE_PENS = "Marine Le Pen et Jean-Marie Le Pen sont arrivés. {} Le Pen a parlé."


@pytest.mark.parametrize(
    ("honorific", "expected"),
    [("Mme", 1), ("M.", 2), ("Madame", 1), ("La présidente", 1), ("Mr", 2)],
)
def test_an_honorific_tells_namesakes_apart_when_the_directory_knows_genders(
    honorific, expected
):
    gaz = gazetteer("Marine Le Pen", "Jean-Marie Le Pen", genders={1: "f", 2: "m"})
    assert linked(LE_PENS.format(honorific), gaz)[2] == ("Le Pen", expected, "auto")


def test_without_a_gender_cue_or_a_known_gender_namesakes_stay_pending():
    both = {1: "f", 2: "m"}
    no_cue = LE_PENS.replace("{} Le Pen", "{}Le Pen").format("")
    assert linked(
        no_cue, gazetteer("Marine Le Pen", "Jean-Marie Le Pen", genders=both)
    )[2] == ("Le Pen", None, "pending")
    # One gender unknown: the other candidate cannot be ruled out.
    half = gazetteer("Marine Le Pen", "Jean-Marie Le Pen", genders={1: "f"})
    assert linked(LE_PENS.format("Mme"), half)[2] == ("Le Pen", None, "pending")
    # Two women named Le Pen: the honorific does not choose.
    two = gazetteer("Marine Le Pen", "Marion Le Pen", genders={1: "f", 2: "f"})
    text = "Marine Le Pen et Marion Le Pen. Mme Le Pen a parlé."
    assert linked(text, two)[2] == ("Le Pen", None, "pending")


def test_the_article_itself_can_say_who_is_a_woman_and_who_a_man():
    gaz = gazetteer("Marine Le Pen", "Jean-Marie Le Pen")
    text = "Mme Marine Le Pen et M. Jean-Marie Le Pen. Mme Le Pen a parlé."
    assert linked(text, gaz)[2] == ("Le Pen", 1, "auto")
    # "la fille de Jean-Marie": the article belongs to "fille", not to him.
    text = "La fille de Jean-Marie Le Pen, Marine Le Pen, a parlé. Mme Le Pen a parlé."
    assert linked(text, gaz)[2] == ("Le Pen", None, "pending")
    # The article contradicting itself about someone says nothing.
    text = "Mme Marine Le Pen, M. Marine Le Pen, M. Jean-Marie Le Pen. Mme Le Pen."
    assert linked(text, gaz)[3] == ("Le Pen", None, "pending")


def test_an_honorific_narrows_a_proposal_for_someone_not_named():
    gaz = gazetteer("Marine Le Pen", "Jean-Marie Le Pen", genders={1: "f", 2: "m"})
    (span,) = link("M. Le Pen a refusé.", gaz)
    assert (span.person_id, span.status, span.candidates) == (2, "pending", ())
    unknown = gazetteer("Marine Le Pen", "Jean-Marie Le Pen")
    (span,) = link("M. Le Pen a refusé.", unknown)
    assert (span.person_id, span.status, span.candidates) == (None, "pending", (1, 2))


def test_surname_glued_to_an_unknown_first_name_does_not_link():
    gaz = gazetteer("Fidel Castro")
    assert linked("Fidel Castro est mort. Raúl Castro lui succède.", gaz) == [
        ("Fidel Castro", 1, "auto")
    ]


def test_common_words_that_look_like_names_do_not_link():
    gaz = gazetteer("Bruno Le Maire", "Larry Page", "Thomas Blanc")
    text = (
        "Bruno Le Maire, Larry Page et Thomas Blanc. Le maire de Pau a tourné "
        "la page ; le drapeau blanc."
    )
    assert [s for s, _, _ in linked(text, gaz)] == [
        "Bruno Le Maire",
        "Larry Page",
        "Thomas Blanc",
    ]


def test_honorific_proposes_a_pending_link_for_someone_not_named():
    gaz = gazetteer("Mahmoud Abbas")
    assert linked("M. Abbas a refusé.", gaz) == [("Abbas", 1, "pending")]


def test_namesakes_in_the_directory_are_pending_not_guessed():
    gaz = gazetteer("David Martin", "David Martin")
    assert linked("David Martin a parlé.", gaz) == [("David Martin", None, "pending")]


def test_known_by_surname_links_without_full_name():
    gaz = gazetteer("Emmanuel Macron", known={1})
    assert linked("Macron a parlé.", gaz) == [("Macron", 1, "auto")]


def test_short_alias_is_used_only_once_named():
    gaz = gazetteer("Luiz Inácio Lula da Silva", short=[(1, "Lula")])
    assert linked("Lula a parlé.", gaz) == []
    text = "Luiz Inácio Lula da Silva arrive. Lula a parlé."
    assert linked(text, gaz)[1] == ("Lula", 1, "auto")


def test_places_named_after_people_are_not_the_person():
    gaz = gazetteer("Charles de Gaulle", "Jean Jaurès", "Abdel Fattah al-Sissi")
    text = (
        "Arrivée à l'aéroport Charles-de-Gaulle, rue Jean-Jaurès. "
        "Charles de Gaulle parle. Abdel Fattah al-Sissi aussi."
    )
    assert [s for s, _, _ in linked(text, gaz)] == [
        "Charles de Gaulle",
        "Abdel Fattah al-Sissi",
    ]


def test_holiday_words_that_are_surnames_do_not_link():
    gaz = gazetteer("Marie Noël")
    text = "Des poèmes de Marie Noël. On les lira à Noël. Noël écrivait la nuit."
    assert [(s.text, s.start) for s in link(text, gaz)] == [
        ("Marie Noël", 14),
        ("Noël", 46),
    ]


def test_known_place_with_a_location_label_does_not_link():
    from people.linking.ner import Entity

    gaz = gazetteer("George Washington", "Recep Tayyip Erdoğan")
    text = (
        "Un portrait de George Washington et de Recep Tayyip Erdoğan. "
        "Le tableau a quitté Washington hier. Les entretiens entre Erdogan et lui."
    )
    places = [
        Entity(text.index("Washington hier"), text.index(" hier"), "LOC"),
        Entity(text.index("Erdogan et"), text.index(" et lui"), "LOC"),
    ]
    spans = link(text, gaz, places=[(e.start, e.end) for e in places])
    assert [s.text for s in spans] == [
        "George Washington",
        "Recep Tayyip Erdoğan",
        "Erdogan",  # a surname the model calls a place is still the person
    ]


def test_english_place_preposition_blocks_a_surname():
    gaz = gazetteer("George Washington")
    text = "George Washington's portrait, unveiled in Washington. Washington led."
    assert [s.start for s in link(text, gaz)] == [0, text.index("Washington led")]


def test_sir_and_given_name_of_a_person_named_in_the_article():
    gaz = gazetteer("Keir Starmer", "Keir Hardie")
    text = "Keir Starmer won. I called Sir Keir to congratulate him."
    assert linked(text, gaz)[1] == ("Keir", 1, "auto")
    assert linked("I called Sir Keir.", gaz) == []


def test_organisation_after_a_title_is_not_a_suggested_name():
    from people.linking.ner import rule_candidates

    text = "He was elected leader of the Labour Party. Councillor Maria Lopez spoke."
    assert [text[s:e] for s, e in rule_candidates(text)] == ["Maria Lopez"]


def test_an_unknown_name_repeated_many_times_keeps_every_surname():
    text = "Jean Dupont arrive. " + "Dupont parle. Jean Dupont répond. " * 200
    spans = link(text, gazetteer("Aïssata Koné"), candidates=[(0, 11, "rule")])
    names = [s for s in spans if s.name == "Jean Dupont"]
    # The full name, then every 'Dupont' on its own (the one glued to 'Jean'
    # belongs to a name no candidate gave).
    assert len(names) == 1 + 200


def test_long_texts_are_read_by_the_model_in_pieces_that_rebuild_them():
    from people.linking.ner import chunks

    text = "Une phrase. " * 5000 + "\n\n" + "mot " * 10000 + "x" * 30000
    pieces = chunks(text, size=20_000)
    assert len(pieces) > 3 and max(len(p) for _, p in pieces) <= 20_000
    assert "".join(p for _, p in pieces) == text
    assert all(text[o : o + len(p)] == p for o, p in pieces)
