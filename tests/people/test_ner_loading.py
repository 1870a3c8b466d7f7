"""The French model is loaded only for text it reads."""

import pytest

from articles.models import Article
from people.linker import link_articles
from people.linking import ner
from tests.factories import make_article, make_person


def _refuse(*args, **kwargs):
    raise AssertionError("the French model was loaded")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ner_on", "language"),
    [(False, Article.Language.FRENCH), (True, Article.Language.ENGLISH)],
)
def test_relinking_text_the_model_does_not_read_never_loads_it(
    settings, monkeypatch, ner_on, language
):
    # Loading it cost a staff decision about 4 s of CPU in a process that
    # never used it (bench/newsroom.py's writer, with NEWSROOM_NER off).
    settings.NEWSROOM_NER = ner_on
    monkeypatch.setattr(ner, "load_model", _refuse)
    person = make_person("Ségolène Marchais")
    article = make_article(body="Ségolène Marchais a parlé.", language=language)
    link_articles([article])
    assert list(article.mentions.values_list("person", flat=True)) == [person.pk]


def test_no_text_reads_nothing(monkeypatch):
    monkeypatch.setattr(ner, "load_model", _refuse)
    assert ner.entities([]) == []
    assert ner.entities([""]) == [[]]
