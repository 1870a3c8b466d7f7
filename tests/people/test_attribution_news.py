"""Attribution frames found probing news constructions in the team's own
sentences (issue 13, fourth pass): a name beside an indefinite description,
a pronoun before a modal, a description's gender, long "that" clauses and a
claim someone else answers, a comma before the marks, "who said", the
narrative infinitive, a word between commas after the verb, "pour qui"."""

import pytest

from tests.people.engine import found, rule_names


def test_a_name_set_beside_an_indefinite_description_speaks():
    text = (
        "Un riverain, Gaël Tessier, installé ici depuis trente ans, raconte "
        "avoir vu « l'eau monter en moins d'une heure »."
    )
    assert [(q.speaker_id, q.rule) for q in found(text, "Gaël Tessier")] == [
        (1, "verb-before")
    ]
    # Someone close to a named person is still someone unnamed.
    text = "Gaël Tessier se tait. Un proche de Gaël Tessier a dit : « Il est las. »"
    assert [q.speaker_id for q in found(text, "Gaël Tessier")] == [None]


@pytest.mark.parametrize("modal", ["would only say", "would say only", "did not say"])
def test_a_pronoun_before_a_modal_and_say(modal):
    text = (
        "Coach Ben Hallam left early. Asked about his future, he "
        f'{modal} that talks were "going well for now".'
    )
    assert [q.speaker_id for q in found(text, "Ben Hallam", genders={1: "m"})] == [1]


def test_a_relative_clause_then_any_attribution_verb_says_a_person():
    text = (
        "Nadia Obuya-Kent, whose shop flooded twice this winter, called the "
        'plan "too little and far too late". Rivermead Lane, which floods '
        "every year, stayed shut."
    )
    assert rule_names(text) == {"Nadia Obuya-Kent"}


def test_a_complement_does_not_give_a_description_its_gender():
    text = (
        "Le procès de Paul Garnier s'est ouvert lundi. « Je n'ai rien signé », "
        "a répété l'accusé à la barre."
    )
    # "à la barre" is where he spoke: "la" is not his article.
    assert [q.speaker_id for q in found(text, "Paul Garnier", genders={1: "m"})] == [1]


def test_a_long_that_clause_and_a_claim_someone_else_dismissed():
    text = (
        "The transport secretary, Wes Harlow, told MPs on Tuesday that the "
        'network was "on the road to a full recovery", a claim the shadow '
        'minister Ann Prentiss dismissed as "pure fantasy from start to end".'
    )
    quotes = found(text, "Wes Harlow", "Ann Prentiss")
    assert [(q.text[:10], q.speaker_id) for q in quotes] == [
        ("on the roa", 1),
        ("pure fanta", 2),
    ]


def test_a_comma_before_the_quotation_and_who_said_after_a_name():
    text = (
        'Ellen Croft, the finance minister, told the committee, "Never have '
        'our reserves been so thin." Speaking next was Omar Tillet, who said: '
        '"Nobody here can fix it alone."'
    )
    assert rule_names(text) == {"Ellen Croft", "Omar Tillet"}
    quotes = found(text, "Ellen Croft")
    assert [(q.speaker_id, q.speaker_name) for q in quotes] == [
        (1, "Ellen Croft"),
        (None, "Omar Tillet"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Paul Vernet a hésité. Et le sénateur de conclure : « Je voterai contre "
        "ce texte. »",
        "« Nous avons été trahis », reconnaît, amer, le sénateur Paul Vernet.",
        "Lise Morel se tait. Le texte divise le sénateur Paul Vernet, pour qui "
        "« le compromis a déjà trop duré ».",
    ],
)
def test_narrative_infinitive_a_word_between_commas_and_pour_qui(text):
    quotes = found(text, "Paul Vernet", "Lise Morel", genders={1: "m", 2: "f"})
    assert [q.speaker_id for q in quotes] == [1]


def test_a_given_name_that_is_also_a_particle_starts_a_name():
    text = (
        "The coach, Ben Hallam, was pleased. Le prince Mohammed ben Salman a répondu."
    )
    assert rule_names(text) == {"Ben Hallam", "Mohammed ben Salman"}


def test_a_quotation_that_ends_its_sentence_and_a_participle_before_the_subject():
    text = (
        'Coach Ben Hallam said: "It is a great result for all of us." Asked '
        'about his future, the coach added: "I am staying, full stop."'
    )
    quotes = found(text, "Ben Hallam", genders={1: "m"})
    assert [(q.speaker_id, q.rule) for q in quotes] == [
        (1, "verb-before"),
        (1, "verb-before"),
    ]


def test_without_a_model_a_common_given_name_opens_a_name():
    from people.linking.ner import given_name_candidates

    text = (
        "Ben Hallam was unrepentant. Rachel Oduya met him at Victoria Park, "
        "near the John Lewis store; Emma Stone Street was shut. The George "
        "Cross went to Sarah Ellison."
    )
    assert {text[s:e] for s, e in given_name_candidates(text)} == {
        "Ben Hallam",
        "Rachel Oduya",
        "Sarah Ellison",
    }


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # A description cut where the circumstance starts ("dans une vidéo").
        (
            "Le milieu Yanis Berrada quitte Lens. « Je pars le cœur serré », a "
            "expliqué le joueur de 26 ans dans une vidéo publiée par son club.",
            [1],
        ),
        # The sentence's pronoun subject, not the first name it holds; "Her"
        # before a man's name says nothing of him.
        (
            "Her nearest rival, Tom Pryce, conceded. He congratulated Lena Ruiz "
            'on a "fine race" but warned that the budget left "very little room '
            'for anything".',
            [3],
        ),
        # A body after a participle's clause: nobody named.
        (
            "Yanis Berrada a porté plainte. Contacté, le ministère de la Santé "
            "assure que « des moyens importants ont été engagés ».",
            [None],
        ),
        # "pour qui" and a clause of its own.
        (
            "« On forme des joueurs pour les voir partir », regrette Tom Pryce, "
            "pour qui le club « manque cruellement d'ambition ».",
            [3, 3],
        ),
    ],
)
def test_descriptions_pronoun_subjects_bodies_and_pour_qui(text, speakers):
    quotes = found(
        text, "Yanis Berrada", "Lena Ruiz", "Tom Pryce", genders={1: "m", 3: "m"}
    )
    assert [q.speaker_id for q in quotes] == speakers


def test_a_name_an_organisation_noun_gives_is_not_a_person():
    from people.linking.organisations import names_an_organisation

    cases = {
        "L'association de défense des rivières Clair Ruisseau a porté plainte.": True,
        "The charity Clean Rivers said so.": True,
        "Le président du club Paul Durand a parlé.": False,
        "Le club a recruté Paul Durand hier.": False,
        "Le parti de Paul Durand a voté.": False,
    }
    for text, expected in cases.items():
        name = next(w for w in ("Clair", "Clean", "Paul") if w in text)
        assert names_an_organisation(text, text.index(name)) is expected, text


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (
            "La maire Lise Morel ne décolère pas. « On nous a menti du début à la "
            "fin. »",
            [1],
        ),
        ('Paul Vernon is furious. "They lied to us from start to finish."', [2]),
        # Two people before it, or a new paragraph: nobody is said to speak.
        ("Lise Morel a reçu Paul Vernon. « Rien ne sera décidé sans vous. »", [None]),
        ("La maire Lise Morel ne décolère pas.\n\n« On nous a menti. »", [None]),
    ],
)
def test_a_bare_quotation_belongs_to_the_one_person_the_sentence_before_opens_on(
    text, speakers
):
    quotes = found(text, "Lise Morel", "Paul Vernon")
    assert [q.speaker_id for q in quotes] == speakers


def test_letters_after_a_name_are_not_part_of_it():
    text = "The defence barrister, Simon Fell KC, said his client would appeal."
    assert rule_names(text) == {"Simon Fell"}
