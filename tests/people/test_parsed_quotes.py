"""Partial quotations inside long sentences, attributed by the French
dependency parse where the rules run out (issue 13): a participial clause
or an apposition before the verb, a gerund or an infinitive after it, a
subordinate clause with a pronoun subject, a reported clause whose subject
is not the speaker. The sentences are the team's own."""

import pytest

from people.linking.quotes import attribute
from people.linking.resolve import link
from tests.people.engine import gazetteer


def speakers(text, *names, parse=True):
    gaz = gazetteer(*names)
    return [
        (q.text, q.speaker_id, q.rule)
        for q in attribute(text, link(text, gaz), parse=parse)
    ]


def test_a_gerund_after_the_verb_gives_its_quotation_to_the_sentence_subject():
    text = (
        "Joint par téléphone, le préfet de la Loire, Henri Valcourt, s'est dit "
        "« inquiet pour la saison estivale », tout en réclamant « des moyens "
        "humains supplémentaires » pour les secours."
    )
    assert speakers(text, "Henri Valcourt") == [
        ("inquiet pour la saison estivale", 1, "verb-before"),
        ("des moyens humains supplémentaires", 1, "parse"),
    ]
    # The rules alone leave the second quotation out.
    assert len(speakers(text, "Henri Valcourt", parse=False)) == 1


def test_a_pronoun_subject_in_a_subordinate_clause_finds_its_person():
    text = (
        "Le maire de Tulle, Serge Morin, a rencontré la directrice, Agnès "
        "Pradel. Elle a préféré se taire, se bornant à indiquer aux élus "
        "qu'elle restait « déterminée à rouvrir le service »."
    )
    assert speakers(text, "Serge Morin", "Agnès Pradel") == [
        ("déterminée à rouvrir le service", 2, "parse")
    ]


def test_the_reporting_verb_speaks_not_the_subject_of_the_reported_clause():
    text = (
        "Le procès de Luc Ferrer s'est ouvert lundi. La procureure, Inès "
        "Barral, a estimé que l'accusé avait « agi avec une froide "
        "détermination » lors des faits."
    )
    assert [q[1] for q in speakers(text, "Luc Ferrer", "Inès Barral")] == [2]
    text = (
        "Le procès de Luc Ferrer s'est ouvert lundi. Présente à l'audience, "
        "la procureure Inès Barral, qui requiert dix ans, pense que l'accusé "
        "était « parfaitement conscient de ses actes » ce soir-là."
    )
    assert speakers(text, "Luc Ferrer", "Inès Barral") == [
        ("parfaitement conscient de ses actes", 2, "parse")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # A title in guillemets is not anyone's words.
        "La cinéaste Maud Révol a présenté « Les Saisons du fleuve » à Cannes.",
        # Two words are scare quotes, not a quotation.
        "La cinéaste Maud Révol a fini, non sans « une émotion » visible.",
    ],
)
def test_titles_and_short_fragments_stay_out(text):
    assert speakers(text, "Maud Révol") == []


def test_an_unnamed_subject_keeps_the_quotation_unattributed():
    text = (
        "Maud Révol a quitté la salle. Un membre du jury, sous couvert "
        "d'anonymat, a qualifié le film de « chef-d'œuvre absolu du genre »."
    )
    assert speakers(text, "Maud Révol") == [
        ("chef-d'œuvre absolu du genre", None, "unnamed")
    ]
