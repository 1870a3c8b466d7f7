"""Hostile text in names, aliases, headlines, bodies and query strings is
shown as text everywhere: public pages, admin, feeds, JSON-LD, snippets."""

import json
import re

import pytest
from django.db import connection

from articles.models import Article, Topic
from people.models import Alias, Person
from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db

SCRIPT = "<Script>Alert(1)</Script>"  # tags are case-insensitive
IMG = '"><img src=x onerror=alert(2)>'
SQL = "'; DROP TABLE articles_article; --"
ODD = "\u202eevil\u200b\ufeff Zalgo\u0301\u0301"
DANGEROUS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "</script><script>",
]


@pytest.fixture
def hostile():
    person = Person.objects.create(name=f"Jean {SCRIPT} Dupont")
    Alias.objects.create(person=person, name=f"Jean {IMG}")
    topic = Topic.objects.create(name=f"Thème {IMG}", slug="theme-hostile")
    article = make_article(
        f"Titre {SCRIPT} {SQL}",
        body=(
            f"Jean {SCRIPT} Dupont a parlé. « {IMG} », a déclaré Jean {SCRIPT} Dupont."
            f"\n\nCorps {ODD} greve {SQL}"
        ),
        standfirst=f"Chapô {IMG}",
        source=make_source(f"Source {SCRIPT}"),
        link=True,
    )
    article.topics.add(topic)
    return {"person": person, "article": article, "topic": topic}


def assert_inert(html: str, where: str) -> None:
    html = html.lower()
    for payload in DANGEROUS:
        assert payload not in html, f"{payload!r} unescaped in {where}"


def test_public_pages_render_hostile_text_as_text(client, hostile):
    article, person = hostile["article"], hostile["person"]
    assert article.mentions.filter(person=person).exists()
    urls = [
        "/",
        article.get_absolute_url(),
        person.get_absolute_url(),
        "/people/",
        "/topics/",
        "/topics/theme-hostile/",
        "/sources/",
        f"/search/?q={SCRIPT}",
        "/search/?q=greve",
        f"/?q={IMG}&date_from={SCRIPT}",
        "/feeds/rss/",
        "/feeds/atom/",
        f"{person.get_absolute_url()}rss/",
        "/sitemap-articles.xml",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;Script&gt;Alert(1)&lt;/Script&gt;" in page
    assert 'class="person-link"' in page
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.S
    )
    data = json.loads(blocks[0])
    assert data["headline"] == f"Titre {SCRIPT} {SQL}"
    assert data["mentions"][0]["name"] == f"Jean {SCRIPT} Dupont"
    # The SQL-looking text was stored and shown, and broke nothing.
    assert "articles_article" in connection.introspection.table_names()
    assert Article.objects.count() == 1


def test_admin_pages_render_hostile_text_as_text(client, editor, hostile):
    client.force_login(editor)
    article, person = hostile["article"], hostile["person"]
    for url in [
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/revisions/",
        "/admin/people/person/",
        f"/admin/people/person/{person.pk}/change/",
        "/admin/people/mention/",
        f"/admin/articles/article/?q={SCRIPT}",
        "/admin/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        # The admin shows the text (escaped) in its own markup.
        assert_inert(html, url)


def test_hostile_query_strings_are_harmless(client, hostile):
    for query in [SCRIPT, SQL, ODD, "%00", "a" * 5000, "\\", "' OR 1=1 --"]:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert_inert(response.content.decode(), query[:20])
    assert client.get("/", {"person": SQL, "topic": SCRIPT}).status_code == 200
    assert client.get("/people/", {"letter": SCRIPT}).status_code == 200
