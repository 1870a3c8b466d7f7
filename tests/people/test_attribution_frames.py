"""More frames of attribution as news writes them (issue 13, second
pass): the speaker named in the headline, attribution inside the marks
kept out of the quoted words, "Pour X, « … »", a pronoun object before the
verb, the outlet spoken to before the speaker, bodies that speak, and a
description resolved by what the article says of someone rather than by
who was named last. The sentences are the team's own."""

import pytest

from tests.people.engine import found, rule_names


def test_attribution_inside_the_marks_is_not_part_of_the_quotation():
    text = (
        "« Nous avons trop attendu, a admis la ministre Sarah Lenoir en séance. "
        "Le calendrier sera tenu. »"
    )
    quotes = found(text, "Sarah Lenoir")
    assert [(q.text, q.speaker_id, q.rule) for q in quotes] == [
        ("Nous avons trop attendu", 1, "inside-marks"),
        ("Le calendrier sera tenu.", 1, "inside-marks"),
    ]


def test_the_headline_names_the_speaker_of_an_opening_quotation():
    text = (
        "« Le club doit changer de cap. »\n\n"
        "Le président du club, Yves Martel, a réuni la presse lundi."
    )
    quotes = found(text, "Yves Martel", headline="Yves Martel : « Changer de cap »")
    assert [(q.speaker_id, q.rule) for q in quotes] == [(1, "headline")]
    # By surname, and in English; a headline that is not "Name: quote" names nobody.
    english = '"We were beaten by a better side."\n\nCoach Ann Petty spoke after.'
    assert (
        found(english, "Ann Petty", headline="Petty: 'Beaten by a better side'")[
            0
        ].speaker_id
        == 1
    )
    assert found(english, "Ann Petty", headline="Defeat at home")[0].speaker_id is None


def test_pour_gives_the_words_to_a_person_not_to_a_first_time():
    text = (
        "Pour la secrétaire d'État chargée du Numérique, Léa Morin, "
        "interrogée mardi sur une radio publique, « il faut légiférer avant l'été »."
    )
    assert [(q.speaker_id, q.rule) for q in found(text, "Léa Morin")] == [
        (1, "according-before")
    ]
    text = (
        "Léa Morin a parlé mardi. Pour la première fois depuis des mois, "
        "« la question des réseaux » revient au Sénat."
    )
    assert found(text, "Léa Morin") == []  # a fragment, nobody's words


def test_a_pronoun_object_before_the_verb_and_the_outlet_spoken_to():
    text = (
        "Le maire Henri Passy a reçu la journaliste Inès Vidal. « Où en est "
        "le chantier ? », lui demande-t-elle. « Il avance », lui répond le maire. "
        "« Nous tiendrons les délais », assure de son côté à l'AFP Claire Botton, "
        "adjointe aux travaux. « Rien n'est joué », a déclaré sur France Inter "
        "le maire."
    )
    quotes = found(
        text,
        "Henri Passy",
        "Inès Vidal",
        "Claire Botton",
        genders={1: "m", 2: "f", 3: "f"},
    )
    assert [q.speaker_id for q in quotes] == [2, 1, 3, 1]


def test_a_body_that_speaks_is_nobody_not_the_last_person_named():
    text = (
        "Le préfet Marc Olier a visité le site. « Les contrôles seront "
        "renforcés », a indiqué la préfecture. The company said: "
        '"No worker was hurt." Selon le ministère, « aucune fuite n\'a été détectée ».'
    )
    quotes = found(text, "Marc Olier")
    assert [(q.speaker_id, q.rule) for q in quotes] == [
        (None, "unnamed"),
        (None, "unnamed"),
        (None, "unnamed"),
    ]


def test_what_the_article_says_of_someone_outweighs_who_was_named_last():
    text = (
        "Invité sur un plateau, le ministre de la Santé Paul Arnou a été "
        "interrogé. « Quand partirez-vous ? », lui demande le journaliste "
        "Noé Lutz. « Pas avant la fin de la réforme », lui répond le ministre."
    )
    quotes = found(text, "Paul Arnou", "Noé Lutz", genders={1: "m", 2: "m"})
    assert [q.speaker_id for q in quotes] == [2, 1]


def test_english_frames_said_only_that_and_a_pronoun_after_a_clause():
    text = (
        "Press secretary Dana Cole faced questions on Monday. Asked about the "
        'memo, Cole would say only that "the matter is closed". Pressed '
        'again, she said: "I have nothing to add."'
    )
    quotes = found(text, "Dana Cole", genders={1: "f"})
    assert [(q.speaker_id, q.rule) for q in quotes] == [
        (1, "verb-before"),
        (1, "pronoun-before"),
    ]


def test_a_quotation_over_paragraphs_is_the_speaker_named_at_its_end():
    text = (
        'Mayor Ruth Amos met the residents. "The first thing is safety.\n\n'
        '"The second is the rent.\n\n'
        '"The third is time," said the union leader, Omar Sefu.'
    )
    quotes = found(text, "Ruth Amos", "Omar Sefu")
    assert [(q.speaker_id, q.rule) for q in quotes] == [
        (2, "paragraphs"),
        (2, "paragraphs"),
        (2, "verb-after"),
    ]


def test_a_person_of_a_body_speaks_but_a_document_does_not():
    text = (
        "Omar Sefu a été réélu. « Nous ne céderons pas », a déclaré le président "
        "du syndicat. Le texte précise que « les salaires seront gelés en 2026 ». "
        '"No talks are planned," the statement said.'
    )
    quotes = found(text, "Omar Sefu")
    assert [(q.speaker_id, q.rule) for q in quotes] == [
        (1, "description"),
        (None, "unnamed"),
        (None, "unnamed"),
    ]


def test_single_curly_marks_as_some_english_papers_print_quotations():
    from people.linking.quote_marks import find_quotations

    def quoted(text):
        return [text[s:e] for _o, s, e, _c in find_quotations(text)]

    assert quoted("‘We back the players’ union,’ he said. It’s done.") == [
        "We back the players’ union,"
    ]
    assert quoted("She called it ‘a disgrace’. In the ‘90s, don’t.") == ["a disgrace"]
    assert quoted("“He said ‘no’ to me,” she said.") == ["He said ‘no’ to me,"]
    text = "‘This goes on.\n\n‘And ends here,’ said the chairman, Neil Hardy."
    quotes = found(text, "Neil Hardy")
    assert [(q.speaker_id, q.rule) for q in quotes] == [
        (1, "paragraphs"),
        (1, "verb-after"),
    ]


def test_a_description_looks_back_unless_it_opens_the_text():
    # People named already: "the French leader" is not someone named later
    # who shares only the head noun ("opposition leader").
    text = (
        "Prime Minister Alan Reed hosted Paul Girard in London. "
        '"Nobody can solve this alone," the French leader added. '
        "The opposition leader, Jane Holt, called the talks a gimmick."
    )
    quotes = found(text, "Alan Reed", "Paul Girard", "Jane Holt")
    assert quotes[0].speaker_id != 3
    # Nobody named yet: the text opens with the description, the name follows.
    text = (
        "« On a trop reculé, reconnaît l'entraîneur des Canaris. Ensuite, ça "
        "allait. » L'entraîneur, Marc Aubry, restait prudent."
    )
    assert {q.speaker_id for q in found(text, "Marc Aubry")} == {1}


def test_more_cues_that_an_unknown_capitalised_run_is_someone():
    text = (
        "Mill Street flooded. Karen Doyle, 52, a nurse, was there. The man, "
        "named locally as Kevin Marsh, was found. According to hydrologist "
        "Peter van der Berg, it will happen again. Le politologue Jean de la "
        "Fuente doute. Harbour Road, a quiet street, was closed. « Assez », "
        "s'agace Loïc Kerbrat."
    )
    assert rule_names(text) == {
        "Karen Doyle",
        "Kevin Marsh",
        "Peter van der Berg",
        "Jean de la Fuente",
        "Loïc Kerbrat",
    }


def test_according_to_x_then_a_clause_with_a_partial_quotation():
    text = (
        "Officials met on Monday. According to the engineer Paul Lime, the "
        'walls were built for "a flood that now comes every decade".'
    )
    quotes = found(text, "Paul Lime")
    assert [(q.speaker_id, q.rule) for q in quotes] == [(1, "according-before")]


def test_unknown_names_after_a_relation_noun_or_before_a_relative_clause():
    text = (
        "The striker's agent, Luis Barragán, flew in. Her solicitor, Amy Stone, "
        "objected. Sam Otway, who runs the bakery on Quay Street, said little. "
        "Sa voisine, Odile Mercier, a tout vu. Rémi Carle, qui tient le café "
        "du port, a raconté la soirée. Anne Roy, whose shop is on the corner, "
        "was closed. North Quay, which floods every winter, was shut. "
        '"All I asked for was a fair hearing," she said.'
    )
    assert rule_names(text) == {
        "Luis Barragán",
        "Amy Stone",
        "Sam Otway",
        "Odile Mercier",
        "Rémi Carle",
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "L'attaquant Paul Mendy a marqué deux fois. « On a su rester calmes », "
            "a confié l'attaquant au micro de Canal Sport après la rencontre.",
            "Paul Mendy",
        ),
        (
            'Captain Tom Ashby led the comeback. "We never stopped running," said '
            "the captain in an interview with Radio Wessex.",
            "Tom Ashby",
        ),
    ],
)
def test_the_broadcaster_after_the_speaker_is_not_the_speaker(text, name):
    from people.linking.organisations import is_organisation

    # Nor a person to suggest: a channel, a station, a streaming service.
    for outlet in ("Canal Sport", "Radio Wessex", "Sky News", "Ouest Info"):
        assert is_organisation(outlet), outlet
    assert not is_organisation(name)
    quotes = found(text, name)
    assert [(q.speaker_id, q.rule) for q in quotes] == [(1, "description")]


def test_more_english_reporting_verbs():
    text = (
        'Councillor Joan Pike opened the meeting. "The budget is balanced," '
        'Pike countered. "Not for long," Eric Dane retorted. "We have done '
        'this before and we will do it again," Pike reiterated. "Nobody '
        'reads the minutes," Dane lamented.'
    )
    quotes = found(text, "Joan Pike", "Eric Dane")
    assert [q.speaker_id for q in quotes] == [1, 2, 1, 2]


def test_french_press_incises_and_a_subject_after_a_relative_pronoun():
    text = (
        "La maire Inès Castel a parlé. « Le chantier avance », tempère Inès "
        "Castel. « Pas assez vite », s'agace Marc Voisin. « Nous tiendrons "
        "les délais », abonde-t-elle. « On verra », ironise Marc Voisin. Une "
        "objection que la maire a balayée : « Les crédits sont là. »"
    )
    quotes = found(text, "Inès Castel", "Marc Voisin", genders={1: "f", 2: "m"})
    assert [q.speaker_id for q in quotes] == [1, 2, 1, 2, 1]


@pytest.mark.parametrize(
    "text",
    [
        "Karim Delon parle. Selon lui, le texte est « équilibré et juste pour tous ».",
        "Karim Delon parle. Pour Karim Delon, c'est « une victoire d'étape ».",
        "Karim Delon parle. « Le calendrier sera tenu », d'après Karim Delon.",
        'Karim Delon spoke. Delon accused the board of "treating staff like fools".',
        'Karim Delon spoke. Delon branded the plan "a recipe for chaos".',
        # A verb of speech used as a noun is the clause's subject, not a verb.
        "Karim Delon a plaidé. Pour lui, le prévenu a « agi sans rien savoir du "
        "danger ».",
        "Karim Delon a plaidé. Selon lui, l'accusé était « un simple exécutant "
        "sans pouvoir ».",
    ],
)
def test_the_speaker_before_a_clause_or_after_a_judgement(text):
    quotes = found(text, "Karim Delon", genders={1: "m"})
    assert [q.speaker_id for q in quotes] == [1]


def test_english_cues_around_an_unknown_name():
    text = (
        "Sarah Mills, a spokeswoman for the council, said the road would "
        "reopen. Tom Reeve, from Leeds, said he had waited. Headteacher Ruth "
        "Oduya said pupils were safe. Grace Obi, the group's founder, wants "
        "an inquiry. Asked about the delay, Peter Lund blamed the weather. "
        "Sen. Maria Ortiz voted against. Harbour Road, a quiet street, was "
        "shut. The Old Mill, of Harlow, was sold."
    )
    assert rule_names(text) == {
        "Sarah Mills",
        "Tom Reeve",
        "Ruth Oduya",
        "Grace Obi",
        "Peter Lund",
        "Maria Ortiz",
    }
