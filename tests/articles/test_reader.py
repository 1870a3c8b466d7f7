"""The reader site, as a reader clicks through it."""

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from newsroom import invalidation
from people.models import Role
from tests.factories import make_article, make_person, make_source, make_topic

pytestmark = pytest.mark.django_db
HOME = "/"


def titles(response) -> list[str]:
    return [a.title for a in response.context["articles"]]


def test_filters_combine_and_only_show_published(client, corpus):
    assert titles(client.get(HOME, {"person": "aissata-kone"})) == [
        "Grève au port",
        "Bilan de janvier",
    ]
    assert titles(client.get(HOME, {"person": "aissata-kone", "topic": "port"})) == [
        "Grève au port"
    ]
    assert titles(client.get(HOME, {"language": "en"})) == ["Hospital reopens"]
    assert titles(client.get(HOME, {"source": "afp"})) == ["Grève au port"]
    assert titles(client.get(HOME, {"person": "nobody"})) == []


def test_month_precision_date_range(client, corpus):
    january = titles(client.get(HOME, {"date_from": "2023-01", "date_to": "2023-01"}))
    assert january == ["Grève au port", "Bilan de janvier"]
    assert titles(client.get(HOME, {"date_from": "2023-02"})) == ["Hospital reopens"]
    bad = client.get(HOME, {"date_from": "janvier"})
    assert "AAAA-MM" in bad.content.decode() or "YYYY-MM" in bad.content.decode()


def test_query_string_is_kept_across_pages(client, settings, corpus):
    settings.ARTICLES_PER_PAGE = 1
    html = client.get(HOME, {"person": "aissata-kone"}).content.decode()
    assert 'href="?person=aissata-kone&amp;page=2"' in html


def test_search_is_accent_insensitive_and_shows_people_first(client, corpus):
    response = client.get(reverse("articles:search"), {"q": "greve kone"})
    assert [p.name for p in response.context["people"]] == []
    assert [a.title for a, _ in response.context["results"]] == ["Grève au port"]
    response = client.get(reverse("articles:search"), {"q": "Aissata Kone"})
    assert [p.name for p in response.context["people"]] == ["Aïssata Koné"]
    html = response.content.decode()
    assert html.index("Aïssata Koné</a>") < html.index("Grève au port")
    assert "<mark>" in html


def test_search_snippets_escape_article_text(client):
    make_article("Injection", body='Le mot <script>alert("x")</script> greve ici.')
    html = client.get(reverse("articles:search"), {"q": "greve"}).content.decode()
    assert '<script>alert("x")' not in html
    # Escaped (SQLite keeps the tag as text; PostgreSQL's headline drops it).
    assert "alert(&quot;x&quot;)" in html


def test_search_never_shows_drafts(client, corpus):
    response = client.get(reverse("articles:search"), {"q": "brouillon"})
    assert response.context["results"] == []


def test_article_page_shows_role_related_and_json_ld(client, corpus):
    Role.objects.create(
        person=corpus["koné"],
        title="secrétaire générale",
        status=Role.Status.CONFIRMED,
        start_date=datetime.date(2020, 1, 1),
    )
    response = client.get(corpus["a"].get_absolute_url())
    html = response.content.decode()
    assert response.context["people"][0]["role"] == "secrétaire générale"
    assert [a.title for a in response.context["related"]] == ["Bilan de janvier"]
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Grève au port"
    assert data["mentions"][0]["name"] == "Aïssata Koné"
    assert '<link rel="canonical"' in html
    assert 'property="og:title" content="Grève au port"' in html
    assert '<article class="article" lang="fr">' in html


def test_the_role_shown_is_the_latest_begun_that_was_held_that_day(client, corpus):
    # Article "a" is dated 15 January 2023.
    for title, start, end in [
        ("porte-parole", datetime.date(2015, 1, 1), datetime.date(2019, 12, 31)),
        ("déléguée", None, None),
        ("secrétaire générale", datetime.date(2020, 1, 1), None),
        ("présidente", datetime.date(2024, 1, 1), None),
    ]:
        Role.objects.create(
            person=corpus["koné"],
            title=title,
            status=Role.Status.CONFIRMED,
            start_date=start,
            end_date=end,
        )
    response = client.get(corpus["a"].get_absolute_url())
    roles = {e["person"].name: e["role"] for e in response.context["people"]}
    # Not the ended or the future one; a dated one before an undated one.
    assert roles["Aïssata Koné"] == "secrétaire générale"


def test_json_ld_cannot_close_its_script(client):
    make_person("Evil </script><script>alert(1)</script> Name")
    article = make_article("</script><b>x", body="Rien.")
    html = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "\\u003C/script\\u003E\\u003Cb\\u003Ex" in block[1]
    assert json.loads(block[1])["headline"] == "</script><b>x"


def test_person_page_has_timeline_roles_and_json_ld(client, corpus):
    Role.objects.create(
        person=corpus["koné"],
        title="secrétaire générale",
        status=Role.Status.CONFIRMED,
        start_date=datetime.date(2020, 3, 1),
    )
    response = client.get(corpus["koné"].get_absolute_url())
    html = response.content.decode()
    bars = response.context["timeline"]["bars"]
    assert [b["count"] for b in bars] == [2]
    assert "<svg" in html
    assert (
        '<rect x="0" y="0" width="14" height="60"><title>janvier 2023: 2</title>'
        in html
    )
    with translation.override("en"):
        english = client.get(corpus["koné"].get_absolute_url()).content.decode()
    assert "<title>January 2023: 2</title>" in english
    assert "secrétaire générale" in html and "depuis mars 2020" in html
    assert '"@type": "Person"' in html


def test_index_pages_count_published_articles(client, corpus):
    topics = client.get(reverse("articles:topic-list")).context["topics"]
    assert [(t.name, t.n) for t in topics] == [("Port", 1)]
    sources = client.get(reverse("articles:source-list")).context["sources"]
    assert [(s.name, s.n) for s in sources] == [("AFP", 1)]
    people = client.get(reverse("people:person-list"), {"letter": "K"})
    assert [(p.name, p.n_articles) for p in people.context["people"]] == [
        ("Aïssata Koné", 2)
    ]
    topic = client.get(reverse("articles:topic-detail", args=["port"]))
    assert titles(topic) == ["Grève au port"]


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/rss/",
        "/feeds/atom/",
        "/people/aissata-kone/rss/",
        "/people/aissata-kone/atom/",
        "/topics/port/rss/",
        "/topics/port/atom/",
    ],
)
def test_feeds_list_published_articles_only(client, corpus, url):
    response = client.get(url)
    assert response.status_code == 200
    xml = response.content.decode()
    assert "Grève au port" in xml
    assert "Brouillon secret" not in xml


def test_person_feed_lists_only_their_articles(client, corpus):
    xml = client.get("/people/lucie-page/rss/").content.decode()
    assert "Hospital reopens" in xml and "Grève au port" not in xml


def test_sitemaps_and_robots(client, corpus):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-articles.xml" in index
    articles = client.get("/sitemap-articles.xml").content.decode()
    assert corpus["a"].get_absolute_url() in articles
    assert "brouillon-secret" not in articles
    # Each article once, at its own language's address; no translation
    # claimed (the other interface shows the same text).
    assert 'hreflang="en"' not in articles
    assert articles.count(f"/articles/{corpus['a'].slug}/<") == 1
    people = client.get("/sitemap-people.xml").content.decode()
    assert 'hreflang="en"' in people  # the person pages are translated
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    # Search results stay out of crawlers' reach in both languages.
    assert "Disallow: /search/\n" in robots and "Disallow: /en/search/\n" in robots


def test_google_news_sitemap_lists_recent_day_precision_articles(client):
    today = datetime.date.today()
    make_article("Tout frais", date=today)
    make_article("Trop vieux", date=today - datetime.timedelta(days=10))
    make_article("Ce mois-ci", date=today, date_precision="month")
    xml = client.get("/news-sitemap.xml").content.decode()
    assert "Tout frais" in xml
    assert "Trop vieux" not in xml and "Ce mois-ci" not in xml


def test_english_interface_and_language_switch(client, corpus):
    french = client.get(corpus["a"].get_absolute_url()).content.decode()
    assert '<html lang="fr">' in french
    assert "Les personnes de cet article" in french
    assert f'href="/en{corpus["a"].get_absolute_url()}"' in french
    english = client.get("/en" + corpus["a"].get_absolute_url()).content.decode()
    assert '<html lang="en">' in english
    assert "People in this article" in english
    # The article keeps its own language inside an English page.
    assert '<article class="article" lang="fr">' in english
    with translation.override("en"):
        assert corpus["c"].date_display == "January 2023"


def test_the_filter_form_shows_the_current_choices(client, corpus):
    html = client.get(
        HOME, {"topic": "port", "language": "fr", "date_from": '2023-01"><b>'}
    ).content.decode()
    assert '<label for="id_date_from">' in html
    assert (
        '<input type="text" name="date_from" aria-describedby="id_date_from_error"'
        ' aria-invalid="true" id="id_date_from" placeholder="AAAA-MM"'
        ' value="2023-01&quot;&gt;&lt;b&gt;">'
    ) in html
    # The error the input points to exists.
    assert '<span class="error" role="alert" id="id_date_from_error">' in html
    assert '<label for="id_topic">' in html
    assert '<select name="topic" id="id_topic">' in html
    assert '<option value="port" selected>Port</option>' in html
    assert '<option value="fr" selected>' in html
    assert '<option value="">' in html  # "all topics" stays offered
    assert '<option value="afp">AFP</option>' in html


def test_the_filter_form_escapes_names(client, corpus):
    quai = make_topic('<b>"Quai"</b>')
    make_article("Sur le quai").topics.add(quai)
    html = client.get(HOME).content.decode()
    assert "&lt;b&gt;&quot;Quai&quot;&lt;/b&gt;</option>" in html


def query_count(client, url: str) -> int:
    cache.clear()
    # Said by every article save, and read again from the database once per
    # cache lost, not per page: not this page's query.
    invalidation.schedule_changed()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def grow(n: int) -> None:
    topic = make_topic(f"Thème {n}")
    for i in range(n):
        people = [make_person(f"Nom{n}x{i}x{j} Personne") for j in range(3)]
        body = " ".join(f"« Oui », a déclaré {p.name}." for p in people)
        article = make_article(
            f"Croissance {n} {i}", body=body, source=make_source(f"S{n}-{i}"), link=True
        )
        article.topics.add(topic)


@pytest.mark.parametrize(
    ("url", "ceiling"),
    [
        ("/", 8),
        ("/?person=nom5x0x0-personne&topic=theme-5", 10),
        ("/search/?q=oui", 6),
        ("/people/", 4),  # and which letters are in use, kept until people change
        ("/topics/", 3),
        ("/sources/", 3),
        ("/people/nom5x0x0-personne/", 10),
        ("/topics/theme-5/", 4),
    ],
)
def test_page_query_counts_are_fixed(client, url, ceiling):
    grow(5)
    few = query_count(client, url)
    grow(15)
    assert query_count(client, url) == few
    assert few <= ceiling


def test_article_page_needs_at_most_seven_queries_and_one_once_rendered(
    client, settings
):
    """Uncached pages (the page cache off): the first render reads what the
    article shows (seven queries: the article with its photo, mentions,
    topics, related articles, authors, quotations, corrections); later
    ones, until it changes, only the article's row."""
    settings.PAGE_CACHE_SECONDS = 0
    grow(2)
    article = Article.objects.order_by("pk").last()
    url = article.get_absolute_url()
    assert query_count(client, url) <= 7

    def queries() -> int:  # the cache kept
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    assert queries() == 1
    # A change to what it shows: read again.
    article.mentions.first().person.save()
    assert queries() == 7


def test_search_ranks_title_matches_first(client):
    make_article(
        "Un budget",
        body="Long texte. " * 40 + "Il est question du port.",
        date=datetime.date(2024, 5, 1),
    )
    make_article(
        "Le port en fête", body="Rien d'autre.", date=datetime.date(2020, 1, 1)
    )
    response = client.get(reverse("articles:search"), {"q": "port"})
    assert [a.title for a, _ in response.context["results"]] == [
        "Le port en fête",
        "Un budget",
    ]


def test_a_missing_or_unpublished_page_is_a_404_in_the_readers_language(client):
    draft = make_article("Brouillon secret", status=Article.Status.DRAFT)
    response = client.get(f"/articles/{draft.slug}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page introuvable</h1>" in html and "Brouillon secret" not in html
    assert 'class="skip-link"' in html  # the site's own layout, with navigation
    assert '<meta name="robots" content="noindex">' in html
    english = client.get("/en/people/nobody-by-that-name/")
    assert english.status_code == 404
    assert "<h1>Page not found</h1>" in english.content.decode()
    assert "X-Page-Cache" not in english


def test_in_the_news_counts_recent_published_articles_per_person(client):
    from articles.views import in_the_news

    zoe, alain, marc = (make_person(n) for n in ("Zoé Koné", "Alain Roux", "Marc Dia"))
    hidden = make_person("Ines Caché")
    make_article(
        body="Zoé Koné et Alain Roux.", date=datetime.date(2024, 1, 1), link=True
    )
    make_article(body="Zoé Koné, Zoé Koné.", date=datetime.date(2024, 1, 2), link=True)
    make_article(body="Marc Dia.", date=datetime.date(2024, 1, 3), link=True)
    make_article(
        body="Ines Caché.", date=datetime.date(2024, 1, 4), status="draft", link=True
    )
    # Most articles first (not most mentions), then by sort name (surname
    # first); drafts never count.
    assert [(p, p.n) for p in in_the_news()] == [(zoe, 2), (marc, 1), (alain, 1)]
    assert [p.name for p in in_the_news(window=1)] == ["Marc Dia"]
    assert [p.name for p in in_the_news(limit=1)] == ["Zoé Koné"]
    aside = client.get(HOME).content.decode().split('id="news-people"')[1]
    assert aside.index("Zoé Koné") < aside.index("Marc Dia") < aside.index("Alain Roux")
    assert hidden.name not in aside


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="close spellings need pg_trgm (the PostgreSQL run of .ci/run has it)",
)
def test_search_finds_people_by_close_spelling_on_postgresql(client):
    from articles.search import search_people

    macron = make_person("Emmanuel Macron")
    koné = make_person("Aïssata Koné")
    for i in range(30):
        make_person(f"Personne Numéro {i}")
    # Only people named in a published article are found by readers.
    make_article(body="Emmanuel Macron reçoit Aïssata Koné.", link=True)
    assert search_people("Macrom") == [macron]
    assert search_people("Emanuel Macron") == [macron]
    assert search_people("aissata kone") == [koné]  # exact, accents folded
    assert search_people("grève des dockers") == []
    assert [
        p.name for p in client.get("/search/", {"q": "Macrom"}).context["people"]
    ] == ["Emmanuel Macron"]
