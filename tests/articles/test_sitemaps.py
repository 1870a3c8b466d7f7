"""Sitemaps and feeds: what crawlers read, at any archive size."""

import datetime
import re

import pytest
from django.utils import timezone

from articles.models import Article
from articles.sitemaps import ArticleSitemap, ItemLanguagePairs
from people.models import Person
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def locations(xml: str) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", xml)


@pytest.fixture
def archive():
    return [
        make_article(f"Article {i}", date=datetime.date(2023, 1, 1 + i))
        for i in range(5)
    ]


def test_language_pairs_slice_like_the_full_list(archive):
    queryset = Article.objects.order_by("pk")
    languages = ["fr", "en"]
    full = [(a, lang) for a in queryset for lang in languages]
    pairs = ItemLanguagePairs(queryset, languages)
    assert len(pairs) == pairs.count() == 10
    for start in range(11):
        for stop in [*range(start, 12), None]:
            assert pairs[start:stop] == full[start:stop], (start, stop)


def test_language_pairs_refuse_what_the_paginator_never_asks(archive):
    pairs = ItemLanguagePairs(Article.objects.order_by("pk"), ["fr", "en"])
    with pytest.raises(TypeError):
        pairs[3]
    with pytest.raises(TypeError):
        pairs[::2]


def test_sitemap_pages_list_each_article_once_at_its_own_address(
    client, archive, monkeypatch
):
    monkeypatch.setattr(ArticleSitemap, "limit", 3)
    english = archive[0]
    english.language = "en"
    english.save()
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-articles.xml?p=2" in index
    assert "/sitemap-articles.xml?p=3" not in index
    seen = []
    for page in (1, 2):
        xml = client.get("/sitemap-articles.xml", {"p": page}).content.decode()
        seen += [loc.split("testserver", 1)[1] for loc in locations(xml)]
    expected = [
        ("/en" if a.language == "en" else "") + f"/articles/{a.slug}/"
        for a in sorted(archive, key=lambda a: a.date, reverse=True)
    ]
    assert seen == expected
    assert client.get("/sitemap-articles.xml", {"p": 3}).status_code == 404


def test_sitemap_index_reads_no_article_rows(
    client, archive, django_assert_max_num_queries
):
    make_person("Aïssata Koné")
    # Counts and the latest change per sitemap, whatever the archive size
    # (Django's default loads every article and person to find them).
    with django_assert_max_num_queries(6) as captured:
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert not any(
        "articles_article" in q["sql"]
        and "COUNT" not in q["sql"].upper()
        and "MAX" not in q["sql"].upper()
        for q in captured.captured_queries
    )
    # The articles sitemap's latest change is the newest article's.
    newest = max(a.updated_at for a in archive)
    entry = re.search(
        r"sitemap-articles\.xml</loc>\s*<lastmod>([^<]+)</lastmod>",
        response.content.decode(),
    )
    assert entry
    assert datetime.datetime.fromisoformat(entry.group(1)) == newest


def test_sitemap_page_reads_only_its_own_rows(
    client, archive, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(ArticleSitemap, "limit", 4)
    with django_assert_max_num_queries(3) as captured:
        xml = client.get("/sitemap-articles.xml", {"p": 2}).content.decode()
    assert len([loc for loc in locations(xml) if "/articles/" in loc]) == 1
    rows = [
        q["sql"]
        for q in captured.captured_queries
        if "articles_article" in q["sql"] and "COUNT" not in q["sql"].upper()
    ]
    assert len(rows) == 1 and "LIMIT 1 OFFSET 4" in rows[0]


def test_people_sitemap_skips_people_named_only_under_embargo(client):
    make_person("Aïssata Koné")
    make_person("Lucie Page")
    make_article("Public", body="Aïssata Koné parle.", link=True)
    make_article(
        "Sous embargo",
        body="Lucie Page parle.",
        publish_at=timezone.now() + datetime.timedelta(days=1),
        link=True,
    )
    assert Person.objects.filter(mentions__isnull=False).count() == 2
    xml = client.get("/sitemap-people.xml").content.decode()
    assert "/people/aissata-kone/" in xml
    assert "/people/lucie-page/" not in xml


@pytest.mark.parametrize(
    "url", ["/feeds/rss/", "/en/feeds/atom/", "/sitemap.xml", "/robots.txt"]
)
def test_feeds_and_sitemaps_are_cached_until_content_changes(client, url):
    make_article("Premier", body="Texte.")
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"]
    assert client.get(url)["X-Page-Cache"] == "hit"
    make_article("Deuxième", body="Texte.")
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_a_new_article_shows_in_the_cached_feed_at_once(client):
    make_article("Premier", body="Texte.")
    client.get("/feeds/rss/")
    make_article("Deuxième", body="Texte.")
    assert "Deuxième" in client.get("/feeds/rss/").content.decode()
