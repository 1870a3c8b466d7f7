"""A small published corpus many reader tests click through."""

import datetime

import pytest

from articles.models import Article
from tests.factories import make_article, make_person, make_source, make_topic


@pytest.fixture
def corpus():
    koné = make_person("Aïssata Koné")
    page = make_person("Lucie Page")
    port = make_topic("Port")
    afp = make_source("AFP")
    a = make_article(
        "Grève au port",
        body="Aïssata Koné appelle à la grève des dockers.",
        date=datetime.date(2023, 1, 15),
        language="fr",
        source=afp,
        link=True,
    )
    a.topics.add(port)
    b = make_article(
        "Hospital reopens",
        body="Lucie Page said the hospital had reopened.",
        date=datetime.date(2023, 2, 3),
        language="en",
        link=True,
    )
    c = make_article(
        "Bilan de janvier",
        body="Aïssata Koné et Lucie Page font le bilan.",
        date=datetime.date(2023, 1, 1),
        date_precision="month",
        language="fr",
        link=True,
    )
    make_article(
        "Brouillon secret",
        body="Aïssata Koné en brouillon.",
        status=Article.Status.DRAFT,
        link=True,
    )
    return {
        "koné": koné,
        "page": page,
        "port": port,
        "afp": afp,
        "a": a,
        "b": b,
        "c": c,
    }
