"""The public read API: what it shows, what it never shows, its schema,
its query bounds, its cache and its throttle."""

import datetime

import pytest
from django.utils import timezone
from drf_spectacular.validation import validate_schema
from rest_framework.throttling import AnonRateThrottle

from articles.authors import set_authors
from articles.models import Article, Author
from people.models import Quote
from tests.factories import make_article, make_person, make_source, make_topic

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, (url, response.status_code)
    return response.json()


@pytest.fixture
def newsroom():
    """A published article naming two people (one quoted), by an author,
    with a topic and a source; and what readers must not see: a draft, an
    article under embargo and an archived one, each naming someone else."""
    claire = make_person("Claire Dubois")
    make_person("Marc Petit")
    hidden = make_person("Secret Sanchez")
    topic, source = make_topic("Justice"), make_source()
    shown = make_article(
        "Le procès s'ouvre",
        "Claire Dubois a pris la parole. « Nous irons jusqu'au bout », a déclaré "
        "Claire Dubois. Marc Petit l'écoutait.",
        source=source,
        link=True,
    )
    shown.topics.add(topic)
    set_authors(shown, [Author.objects.create(name="Ann Cole", slug="ann-cole")])
    later = timezone.now() + datetime.timedelta(days=2)
    hidden_topic = make_topic("Caché")
    for status, extra in (
        (Article.Status.DRAFT, {}),
        (Article.Status.PUBLISHED, {"publish_at": later}),
        (Article.Status.ARCHIVED, {}),
    ):
        article = make_article(
            f"Invisible {status} {bool(extra)}",
            "Secret Sanchez a parlé. « Rien ne filtre ici ce soir », a dit "
            "Secret Sanchez. Claire Dubois aussi.",
            status=status,
            link=True,
            **extra,
        )
        article.topics.add(hidden_topic)
        set_authors(article, [Author.objects.get_or_create(name="Zed", slug="zed")[0]])
    return {"shown": shown, "claire": claire, "hidden": hidden}


def test_articles_list_and_detail(client, newsroom):
    listing = get(client, "/api/v1/articles/")
    assert [a["title"] for a in listing["results"]] == ["Le procès s'ouvre"]
    assert listing["count"] == 1
    item = listing["results"][0]
    assert item["authors"] == [
        {
            "slug": "ann-cole",
            "name": "Ann Cole",
            "url": "http://testserver/authors/ann-cole/",
        }
    ]
    assert item["topics"][0]["slug"] == "justice"
    assert item["source"]["name"] == "Agence Test"
    detail = get(client, f"/api/v1/articles/{item['slug']}/")
    named = {m["person"]["slug"] for m in detail["mentions"]}
    assert named == {"claire-dubois", "marc-petit"}
    assert detail["quotations"][0]["speaker"]["slug"] == "claire-dubois"
    assert detail["quotations"][0]["text"] == "Nous irons jusqu'au bout"


def test_filters_are_the_sites(client, newsroom):
    assert get(client, "/api/v1/articles/", person="marc-petit")["count"] == 1
    assert get(client, "/api/v1/articles/", person="secret-sanchez")["count"] == 0
    assert get(client, "/api/v1/articles/", topic="justice")["count"] == 1
    assert get(client, "/api/v1/articles/", language="en")["count"] == 0
    assert get(client, "/api/v1/articles/", q="procès")["count"] == 1


def test_nothing_unpublished_leaks(client, newsroom):
    for article in Article.objects.exclude(pk=newsroom["shown"].pk):
        url = f"/api/v1/articles/{article.slug}/"
        assert client.get(url).status_code == 404, article.title
    assert client.get("/api/v1/people/secret-sanchez/").status_code == 404
    assert client.get("/api/v1/people/secret-sanchez/quotations/").status_code == 404
    people = [p["slug"] for p in get(client, "/api/v1/people/")["results"]]
    assert people == ["claire-dubois", "marc-petit"]
    assert [t["slug"] for t in get(client, "/api/v1/topics/")["results"]] == ["justice"]
    assert [a["slug"] for a in get(client, "/api/v1/authors/")["results"]] == [
        "ann-cole"
    ]
    assert client.get("/api/v1/authors/zed/articles/").status_code == 404
    assert client.get("/api/v1/topics/cache/articles/").status_code == 404
    claire = get(client, "/api/v1/people/claire-dubois/")
    assert [p["slug"] for p in claire["appears_with"]] == ["marc-petit"]
    quotes = get(client, "/api/v1/people/claire-dubois/quotations/")["results"]
    assert [q["article"]["title"] for q in quotes] == ["Le procès s'ouvre"]
    articles = get(client, "/api/v1/people/claire-dubois/articles/")["results"]
    assert [a["title"] for a in articles] == ["Le procès s'ouvre"]
    assert Quote.objects.filter(speaker=newsroom["claire"]).count() == 1


def test_person_detail_has_roles_and_aliases(client, newsroom):
    claire = newsroom["claire"]
    claire.aliases.create(name="C. Dubois")
    claire.roles.create(title="juge", status="confirmed")
    claire.roles.create(title="ministre", status="proposed")
    data = get(client, "/api/v1/people/claire-dubois/")
    assert data["aliases"] == ["C. Dubois"]
    assert [r["title"] for r in data["roles"]] == ["juge"]


def test_the_schema_is_served_and_valid(client, newsroom):
    response = client.get(
        "/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    assert "/api/v1/people/{slug}/quotations/" in schema["paths"]


@pytest.mark.parametrize("n", [2, 12])
def test_query_bounds_do_not_grow_with_the_page(
    client, n, django_assert_max_num_queries
):
    people = [make_person(f"Personne Numéro{i}") for i in range(3)]
    body = " ".join(f"{p.name} parle." for p in people)
    for i in range(n):
        article = make_article(f"Article {i}", body, link=True)
        article.topics.add(make_topic(f"Sujet {i}"))
        set_authors(article, [Author.objects.create(name=f"A {i}", slug=f"a-{i}")])
    # Articles: count, page, topics, authors, photos.
    with django_assert_max_num_queries(6):
        get(client, "/api/v1/articles/")
    slug = Article.objects.first().slug
    # As the article page's own budget (7), plus the prefetches of lists.
    with django_assert_max_num_queries(9):
        get(client, f"/api/v1/articles/{slug}/")
    with django_assert_max_num_queries(8):
        get(client, f"/api/v1/people/{people[0].slug}/")
    with django_assert_max_num_queries(8):
        get(client, f"/api/v1/people/{people[0].slug}/articles/")


def test_answers_are_cached_and_follow_changes(
    client, newsroom, django_capture_on_commit_callbacks
):
    client.get("/api/v1/articles/")
    assert client.get("/api/v1/articles/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Nouvelle dépêche")
    data = get(client, "/api/v1/articles/")
    assert data["count"] == 2


def test_anonymous_use_is_throttled(client, monkeypatch, newsroom):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    # Different searches: each one reaches the API (no cached answer).
    codes = [
        client.get("/api/v1/articles/", {"q": word}).status_code
        for word in ("un", "deux", "trois", "quatre")
    ]
    assert codes == [200, 200, 200, 429]


@pytest.mark.parametrize(
    "url", ["/api/v1/articles/", "/api/v1/people/claire-dubois/", "/api/v1/schema/"]
)
def test_the_api_answers_while_the_cache_is_down(client, newsroom, settings, url):
    # Redis at a port where nothing listens: no page cache, no throttle
    # counts, but answers all the same.
    down = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {"BACKEND": "newsroom.cache.RedisCache", "LOCATION": down}
    }
    settings.REDIS_URL = down
    assert client.get(url).status_code == 200
