"""Quotations as real news writes them (issue 13): speakers named by a
description, attribution inside the marks, incises, joined quotations,
the speaker in the next sentence, partial quotations, several
paragraphs, mismatched marks, pronouns of either gender. The sentences
are the team's own, in those constructions."""

from people.linking.quotes import attribute
from people.linking.resolve import link
from tests.people.engine import gazetteer


def quotes(text, *names, genders=None):
    gaz = gazetteer(*names, genders=genders)
    found = attribute(text, link(text, gaz), genders)
    return [(q.text, q.speaker_id, q.rule) for q in found]


def test_a_description_after_the_verb_is_the_person_it_describes():
    text = (
        "Le ministre des Finances Paul Garnier a reçu son homologue belge "
        "Nadia Chérif. « Nous partageons les mêmes priorités », a souligné la "
        "ministre belge. « Rien n'est encore signé », a nuancé le ministre."
    )
    found = quotes(text, "Paul Garnier", "Nadia Chérif", genders={1: "m", 2: "f"})
    assert [(q[1], q[2]) for q in found] == [(2, "description"), (1, "description")]


def test_attribution_inside_the_marks_and_a_coach_named_later():
    text = (
        "« On a trop reculé, reconnaît l'entraîneur des Canaris. Ensuite, "
        "l'équipe a réagi. » L'entraîneur, Marc Aubry, restait prudent."
    )
    assert quotes(text, "Marc Aubry")[0][1:] == (1, "inside-marks")


def test_an_incise_and_avant_d_ajouter_keep_the_speaker():
    text = (
        "Hélène Roussel a quitté la salle. « Ce texte est mort », tonne-t-elle, "
        "« et nous le dirons ». « Rien ne presse », a-t-elle répondu, avant "
        "d'ajouter : « Nous verrons lundi. »"
    )
    found = quotes(text, "Hélène Roussel", genders={1: "f"})
    assert [q[1] for q in found] == [1, 1, 1, 1]
    assert found[1][2] == "incise" and found[3][2] == "colon-subject"


def test_selon_lui_and_two_quotations_joined_by_et():
    text = (
        "Thomas Lenoir a présenté son plan. Selon lui, « la ligne sera prête "
        "en mai ». « Les bus suivront » et « les trams aussi », a-t-il précisé."
    )
    found = quotes(text, "Thomas Lenoir", genders={1: "m"})
    assert [q[1] for q in found] == [1, 1, 1]


def test_the_speaker_in_the_next_sentence():
    text = (
        '"Prices will not come down soon." That was the warning from Sarah '
        "Okoye, an economist, on Monday."
    )
    assert quotes(text, "Sarah Okoye") == [
        ("Prices will not come down soon.", 1, "next-sentence")
    ]


def test_partial_quotations_need_three_words_and_a_speaking_subject():
    text = (
        'James Whitaker called the plan a "game changer" and said it would '
        '"build homes for a generation". The film "Les Heures claires" opens '
        "tonight."
    )
    assert quotes(text, "James Whitaker") == [
        ("build homes for a generation", 1, "verb-before")
    ]


def test_a_quotation_over_several_paragraphs_and_mismatched_marks():
    text = (
        '“We will not wait," Claire Fontaine said. "The first trains run '
        'in June.\n\n"And the second line follows in the autumn."\n\n'
        "Her rival James Whitaker was not convinced."
    )
    found = quotes(text, "Claire Fontaine", "James Whitaker")
    assert [(q[0][:18], q[1]) for q in found] == [
        ("We will not wait,", 1),
        ("The first trains r", 1),
        ("And the second lin", 1),
    ]


def test_a_pronoun_follows_the_directory_gender_not_a_possessive():
    text = (
        "Paul Garnier a défendu son texte face à Nadia Chérif. « Je ne céderai "
        "rien », a-t-il lancé. « Il faudra céder », a rétorqué la ministre."
    )
    found = quotes(text, "Paul Garnier", "Nadia Chérif", genders={1: "m", 2: "f"})
    assert [q[1] for q in found] == [1, 2]


def test_an_unnamed_speaker_is_nobody_not_a_capitalised_word():
    text = 'A State Department spokesman said the talks were "long and frank".'
    assert quotes(text) == [("long and frank", None, "unnamed")]


def test_a_hurried_t_il_and_a_first_names_gender_bind_the_pronoun():
    # Neither is in the directory: their first names say who "elle" is.
    text = (
        "Sophie Marchand a croisé Hugo Delval au tribunal. « Je ne lâcherai "
        "rien », a t-elle dit."
    )
    from people.linking import ner
    from people.linking.pipeline import find_people

    entities = ner.entities([text])[0]
    spans = find_people(text, gazetteer(), entities=entities).spans
    assert [s.name for s in spans] == ["Sophie Marchand", "Hugo Delval"]
    quote = attribute(text, spans, {})[0]
    assert quote.speaker_name == "Sophie Marchand"
