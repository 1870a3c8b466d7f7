"""Whatever a reader (or a bot) puts in the query string, a public page
answers with a page or a 404, never a server error: on PostgreSQL a NUL
byte in a text parameter is an error of the driver's, not a match."""

import pytest

from tests.factories import make_article, make_person, make_source, make_topic

pytestmark = pytest.mark.django_db

PARAMS = [
    "q",
    "page",
    "person",
    "topic",
    "source",
    "language",
    "date_from",
    "date_to",
    "letter",
]
VALUES = ["\x00", "gr\x00ve", "\x07\x1b", "'\"%_\\*:&|!", "x" * 3000, "e\u0301", "-"]


@pytest.fixture
def site():
    make_person("Aïssata Koné")
    article = make_article(
        "Grève au port",
        body="Aïssata Koné appelle à la grève.",
        source=make_source("AFP"),
        link=True,
    )
    article.topics.add(make_topic("Port"))
    return [
        "/",
        "/search/",
        "/en/search/",
        "/people/",
        "/people/aissata-kone/",
        "/people/aissata-kone/rss/",
        "/topics/",
        "/topics/port/",
        "/sources/afp/",
        "/corrections/",
        "/feeds/rss/",
        "/sitemap-articles.xml",
    ]


@pytest.mark.parametrize("value", VALUES)
def test_no_query_string_makes_a_public_page_fail(client, site, value):
    client.raise_request_exception = False
    for url in site:
        for name in PARAMS:
            response = client.get(url, {name: value})
            assert response.status_code in (200, 404), (url, name, value)


def test_control_characters_in_a_search_only_separate_words(client, site):
    html = client.get("/search/", {"q": "gr\x00\x07ève"}).content.decode()
    assert "\x00" not in html and 'value="gr ève"' in html
    found = client.get("/search/", {"q": "\x00grève\x00"}).content.decode()
    assert "Grève au port" in found
