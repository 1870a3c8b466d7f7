"""Quotations and their speakers, by rule: text in, quotes out."""

from people.linking.quotes import attribute
from people.linking.resolve import link
from tests.factories import REFERENCE_PEOPLE
from tests.people.engine import gazetteer, reference_article


def test_reference_article_quotes_two_by_gallant_and_the_last_by_nobody():
    title, body = reference_article()
    spans = link(body, gazetteer(*REFERENCE_PEOPLE), context=title)
    quotes = attribute(body, spans)
    assert [(q.text[:20], q.speaker_id, q.rule) for q in quotes] == [
        ("Votre visite arrive ", 1, "verb-after"),
        ("La coopération en ma", 1, "pronoun-after"),
        ("La visite du Secréta", None, "none"),
    ]
    for quote in quotes:
        assert body[quote.start : quote.end] == quote.text


def test_english_quotes_said_after_and_before_and_according_to():
    gaz = gazetteer("Margaret Hollis", "Daniel Okafor")
    text = (
        '"We will rebuild," Margaret Hollis said. '
        'Daniel Okafor said: "Not this year." '
        'According to Okafor, "the money is gone". "Never," she added.'
    )
    spans = link(text, gaz)
    quotes = attribute(text, spans)
    assert [(q.text, q.speaker_id) for q in quotes] == [
        ("We will rebuild,", 1),
        ("Not this year.", 2),
        ("the money is gone", 2),
        ("Never,", 2),
    ]


def test_french_quote_selon_and_guillemets_with_narrow_spaces():
    gaz = gazetteer("Aïssata Koné")
    text = "Selon Aïssata Koné, «\u202fla grève continue\u202f». Fin."
    quotes = attribute(text, link(text, gaz))
    assert [(q.text, q.speaker_id, q.rule) for q in quotes] == [
        ("la grève continue", 1, "according-before")
    ]


def test_scare_quotes_inside_a_sentence_are_not_quotations():
    text = 'Il a parlé, soulignant le "lien inébranlable" entre les deux pays.'
    assert attribute(text, []) == []


def test_unknown_speaker_name_is_kept_as_written():
    text = "« Trente mois, c'est long », a déclaré Nathalie Garnier."
    quotes = attribute(text, [])
    assert [(q.speaker_id, q.speaker_name) for q in quotes] == [
        (None, "Nathalie Garnier")
    ]


def test_speaker_after_an_abbreviated_honorific():
    gaz = gazetteer("Karim Benali")
    text = "Karim Benali arrive. « Nous commencerons », a précisé M. Benali."
    quotes = attribute(text, link(text, gaz))
    assert [(q.speaker_id, q.speaker_name) for q in quotes] == [(1, "Benali")]


def test_more_speech_verbs_attribute():
    gaz = gazetteer("Marc de Lestrange")
    text = "Marc de Lestrange. « Partie remise », a réagi M. de Lestrange."
    quotes = attribute(text, link(text, gaz))
    assert [(q.speaker_id, q.rule) for q in quotes] == [(1, "verb-after")]


def test_pronoun_with_no_earlier_quotation_goes_to_the_last_person_named():
    gaz = gazetteer("Aïssata Koné")
    text = (
        "Aïssata Koné dirige le syndicat.\n\n"
        "« Je ne négocie jamais seule », a-t-elle confié."
    )
    quotes = attribute(text, link(text, gaz))
    assert [(q.speaker_id, q.rule) for q in quotes] == [(1, "pronoun-last-named")]


def test_pronoun_prefers_someone_named_since_the_previous_quotation():
    gaz = gazetteer("Karim Benali", "Nathalie Garnier")
    text = (
        "« Les livraisons resteront possibles », a assuré Karim Benali. "
        "Une commerçante, Nathalie Garnier, craint une baisse.\n\n"
        "« Trente mois, c'est long », a-t-elle ajouté."
    )
    quotes = attribute(text, link(text, gaz))
    assert [(q.speaker_id, q.rule) for q in quotes] == [
        (1, "verb-after"),
        (2, "pronoun-last-named"),
    ]


def test_partial_quotes_after_a_verb_and_after_a_colon():
    gaz = gazetteer("Bruno Le Maire", "Sarah Collins")
    text = (
        "Bruno Le Maire a salué une « bonne nouvelle pour les ménages ». "
        'Analyst Sarah Collins said the margin was "the narrowest ever". '
        "Un élu a résumé l'ambiance : « Nous avons tourné la page. »"
    )
    quotes = attribute(text, link(text, gaz))
    assert [(q.text, q.speaker_id) for q in quotes] == [
        ("bonne nouvelle pour les ménages", 1),
        ("the narrowest ever", 2),
        ("Nous avons tourné la page.", None),
    ]


def test_pour_x_at_sentence_start_attributes():
    gaz = gazetteer("Jérôme Fourquet")
    text = "Pour le politologue Jérôme Fourquet, « la rupture est actée »."
    quotes = attribute(text, link(text, gaz))
    assert [(q.speaker_id, q.rule) for q in quotes] == [(1, "according-before")]


def test_pronoun_gender_picks_the_matching_person():
    gaz = gazetteer("Anne Hidalgo", "Olivier Ménard", "Sandrine Lefort")
    text = (
        "« Rien ne va », a dit Sandrine Lefort. La maire Anne Hidalgo a visité "
        "le marché avec l'adjoint Olivier Ménard. « Il faut aider », a-t-elle "
        "déclaré. « Nous verrons », a-t-il ajouté."
    )
    quotes = attribute(text, link(text, gaz))
    assert [q.speaker_id for q in quotes] == [3, 1, 2]


def test_a_pronoun_finds_its_person_by_the_gender_the_directory_records():
    gaz = gazetteer("Camille Roux", "Dominique Lefèvre")
    text = (
        "Camille Roux a reçu Dominique Lefèvre mardi. "
        "« Nous avancerons », a-t-elle assuré."
    )
    spans = link(text, gaz)
    # Nothing in the text says who is a woman: the directory does.
    assert attribute(text, spans)[0].speaker_id == 2  # the last named
    assert attribute(text, spans, {1: "f", 2: "m"})[0].speaker_id == 1


def test_the_paragraph_before_says_nothing_of_the_name_opening_the_next():
    gaz = gazetteer("Yann Ferrand", "Claire Moulin")
    text = (
        "« Le texte est prêt », a dit Yann Ferrand. Il a clos le débat.\n\n"
        "Claire Moulin se tait. « Nous verrons bien demain », a-t-elle ajouté."
    )
    # "le débat" ends the paragraph before: it is not "le" of her name.
    assert [q.speaker_id for q in attribute(text, link(text, gaz))] == [1, 2]
