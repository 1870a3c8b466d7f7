"""Staff decisions survive every re-run of linking."""

import pytest

from people.directory import get_gazetteer
from people.linker import link_article
from people.models import Alias, Mention
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def mentions(article):
    return list(
        article.mentions.order_by("start").values_list(
            "text", "start", "person__name", "status"
        )
    )


def test_relinking_keeps_confirmed_and_rejected_decisions(editor):
    make_person("Antony Blinken")
    article = make_article(body="Antony Blinken arrive. Blinken repart.", link=True)
    first, second = article.mentions.order_by("start")
    first.decide(status=Mention.Status.CONFIRMED, by=editor)
    first.save()
    second.decide(status=Mention.Status.REJECTED, by=editor)
    second.save()
    link_article(article=article)
    link_article(article=article)
    assert mentions(article) == [
        ("Antony Blinken", 0, "Antony Blinken", "confirmed"),
        ("Blinken", 23, "Antony Blinken", "rejected"),
    ]
    assert article.mentions.filter(decided_by=editor).count() == 2


def test_decisions_are_reanchored_when_the_body_moves(editor):
    make_person("Antony Blinken")
    article = make_article(body="Antony Blinken arrive. Blinken repart.", link=True)
    second = article.mentions.order_by("start")[1]
    second.decide(status=Mention.Status.REJECTED, by=editor)
    second.save()
    article.body = "Mardi, Antony Blinken arrive. Blinken repart."
    article.save()
    link_article(article=article)
    assert mentions(article) == [
        ("Antony Blinken", 7, "Antony Blinken", "auto"),
        ("Blinken", 30, "Antony Blinken", "rejected"),
    ]


def test_decision_whose_text_is_gone_is_kept_and_comes_back(editor):
    person = make_person("Antony Blinken")
    article = make_article(body="Antony Blinken arrive.", link=True)
    mention = article.mentions.get()
    mention.decide(status=Mention.Status.REJECTED, by=editor)
    mention.save()
    original = article.body
    article.body = "Personne n'arrive."
    article.save()
    link_article(article=article)
    kept = article.mentions.get()
    assert (kept.status, kept.is_anchored) == ("rejected", False)
    assert not Mention.objects.linked().filter(person=person).exists()
    article.body = original
    article.save()
    link_article(article=article)
    back = article.mentions.get()
    assert (back.status, back.is_anchored, back.start) == ("rejected", True, 0)


def test_confirmed_person_wins_over_what_the_engine_finds(editor):
    make_person("Fidel Castro")
    raul = make_person("Raúl Castro")
    article = make_article(body="Fidel Castro et Raúl Castro. Castro parle.", link=True)
    pending = article.mentions.get(status=Mention.Status.PENDING)
    pending.decide(status=Mention.Status.CONFIRMED, by=editor, person=raul)
    pending.save()
    link_article(article=article)
    assert mentions(article)[-1] == ("Castro", 29, "Raúl Castro", "confirmed")


def test_new_alias_rebuilds_the_directory_and_links(editor):
    person = make_person("Benyamin Netanyahou")
    article = make_article(body="Benjamin Netanyahu a parlé.", link=True)
    # Unknown spelling: a pending suggestion, not a link.
    assert mentions(article) == [("Benjamin Netanyahu", 0, None, "pending")]
    before = get_gazetteer()
    Alias.objects.create(person=person, name="Benjamin Netanyahu")
    assert get_gazetteer() is not before
    link_article(article=article)
    assert mentions(article) == [
        ("Benjamin Netanyahu", 0, "Benyamin Netanyahou", "auto")
    ]


def test_gazetteer_is_cached_while_the_directory_is_unchanged():
    make_person("Antony Blinken")
    assert get_gazetteer() is get_gazetteer()


def test_quote_speaker_follows_a_rejected_name(editor):
    make_person("Aïssata Koné")
    article = make_article(body="« Non », a déclaré Aïssata Koné.", link=True)
    assert article.quotes.get().speaker.name == "Aïssata Koné"
    mention = article.mentions.get()
    mention.decide(status=Mention.Status.REJECTED, by=editor)
    mention.save()
    link_article(article=article)
    quote = article.quotes.get()
    assert quote.speaker is None
    assert quote.speaker_name == "Aïssata Koné"
