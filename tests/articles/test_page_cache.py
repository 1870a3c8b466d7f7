"""The page cache as readers meet it: what is cached, for whom, and when
it goes stale."""

import pytest
from django.utils import translation

from articles.models import Article
from tests.factories import make_person

pytestmark = pytest.mark.django_db
HOME = "/"


def test_anonymous_pages_are_cached_and_invalidated(client, corpus):
    url = corpus["a"].get_absolute_url()
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    assert client.get(url)["X-Page-Cache"] == "hit"
    # A change to a person named on the page makes it stale at once.
    corpus["koné"].name = "Aïssata Koné-Diallo"
    corpus["koné"].save()
    again = client.get(url)
    assert again["X-Page-Cache"] == "miss"
    assert "Aïssata Koné-Diallo" in again.content.decode()


def test_a_correction_made_on_its_own_shows_at_once(client, corpus):
    from articles.models import Correction

    url = corpus["a"].get_absolute_url()
    client.get(url)
    client.get("/corrections/")
    # As the corrections admin saves it: the article itself is not saved.
    correction = Correction.objects.create(
        article=corpus["a"], text="Le port est celui de Sète."
    )
    for page in (url, "/corrections/"):
        response = client.get(page)
        assert response["X-Page-Cache"] == "miss", page
        assert "Le port est celui de Sète." in response.content.decode(), page
    correction.delete()
    assert "Le port est celui de Sète." not in client.get(url).content.decode()


def test_confirming_an_automatic_link_keeps_cached_pages(client, corpus, staff):
    from people.models import Mention

    url = corpus["a"].get_absolute_url()
    client.get(url)
    mention = Mention.objects.get(article=corpus["a"], person=corpus["koné"])
    assert mention.status == Mention.Status.AUTO
    # As the review queue saves a decision.
    mention.decide(status=Mention.Status.CONFIRMED, by=staff)
    mention.save(update_fields=["status", "decided_by", "decided_at"])
    assert client.get(url)["X-Page-Cache"] == "hit"
    # Rejecting it changes the page: the link goes at once.
    mention.decide(status=Mention.Status.REJECTED, by=staff)
    mention.save(update_fields=["status", "decided_by", "decided_at"])
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert corpus["koné"].get_absolute_url() not in response.content.decode()


def test_a_mention_loaded_in_part_always_counts_as_a_change(client, corpus):
    from people.models import Mention

    url = corpus["a"].get_absolute_url()
    client.get(url)
    mention = Mention.objects.only("pk", "status").get(
        article=corpus["a"], person=corpus["koné"]
    )
    mention.save(update_fields=["status"])
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_campaign_and_click_identifiers_share_the_page_cache(client, corpus):
    url = corpus["a"].get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    # Each visitor from a social network or a newsletter carries its own ids.
    for query in (
        "utm_source=newsletter&utm_medium=email",
        "fbclid=IwAR0abc",
        "fbclid=IwAR1xyz&gclid=Cj0K",
    ):
        response = client.get(f"{url}?{query}")
        assert response["X-Page-Cache"] == "hit", query
    # Real parameters still make their own pages, without the identifiers
    # in the links they carry.
    filtered = client.get("/?topic=port&utm_campaign=launch&fbclid=IwAR2")
    assert filtered["X-Page-Cache"] == "miss"
    assert client.get("/?topic=port")["X-Page-Cache"] == "hit"
    html = filtered.content.decode()
    assert "utm_campaign" not in html and "fbclid" not in html
    assert 'href="/en/?topic=port"' in html


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("", ""),
        ("page=2&utm_source=x", "page=2"),
        ("utm%5Fsource=x&q=port", "q=port"),  # the name as browsers may encode it
        ("q=port&fbclid=&page=3", "q=port&page=3"),
        ("utm=1&xutm_source=2&fbclidx=3", "utm=1&xutm_source=2&fbclidx=3"),
        ("q=utm_source", "q=utm_source"),  # a value is never looked at
    ],
)
def test_only_campaign_and_click_identifiers_are_dropped(query, kept):
    from newsroom.caching import without_tracking

    assert without_tracking(query) == kept


def test_relinking_invalidates_cached_pages(client, corpus):
    from people.linker import link_article

    url = corpus["a"].get_absolute_url()
    client.get(url)
    make_person("Dockers Unis")  # no effect on this page, but a directory change
    link_article(article=corpus["a"])
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_conditional_get_returns_304(client, corpus):
    url = corpus["a"].get_absolute_url()
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_logged_in_users_are_never_cached(client, corpus, editor):
    client.force_login(editor)
    response = client.get(corpus["a"].get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_a_cached_page_keeps_every_header_of_the_rendered_one(client, corpus):
    url = corpus["a"].get_absolute_url()
    miss = client.get(url)
    hit = client.get(url)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert hit.content == miss.content
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Content-Language",
        "Cache-Control",
        "ETag",
        "Last-Modified",
    ):
        assert hit[header] == miss[header], header


def test_a_reader_with_a_session_is_never_served_a_cached_page(client, corpus):
    url = corpus["a"].get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    client.cookies["sessionid"] = "not-a-valid-session"
    response = client.get(url)
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_the_english_and_french_pages_are_cached_apart(client, corpus):
    with translation.override("fr"):
        url = corpus["a"].get_absolute_url()
    with translation.override("en"):
        url_en = corpus["a"].get_absolute_url()
    assert url_en == "/en" + url
    client.get(url)
    english = client.get(url_en)
    assert english["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode()
    french = client.get(url)
    assert '<html lang="fr">' in french.content.decode()
    # Both declare the language of the article's text, not the interface's.
    assert english["Content-Language"] == french["Content-Language"] == "fr"


def test_with_no_page_cache_lifetime_every_page_is_rendered(client, corpus, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = corpus["a"].get_absolute_url()
    assert "X-Page-Cache" not in client.get(url)
    # A change that bypasses the signals (so no new generation) still shows.
    Article.objects.filter(pk=corpus["a"].pk).update(title="Titre changé")
    response = client.get(url)
    assert "Titre changé" in response.content.decode()
    assert "public" in response["Cache-Control"]


def test_parameters_no_page_reads_do_not_make_new_cache_entries(client, corpus):
    url = corpus["a"].get_absolute_url()
    assert client.get(url, {"r": "1"})["X-Page-Cache"] == "miss"
    assert client.get(url, {"r": "2"})["X-Page-Cache"] == "hit"
    assert client.get(url)["X-Page-Cache"] == "hit"
    # Parameters a page reads still make their own page.
    assert client.get("/", {"topic": "port", "r": "3"})["X-Page-Cache"] == "miss"
    assert client.get("/", {"r": "4", "topic": "port"})["X-Page-Cache"] == "hit"


def test_a_lost_invalidation_tag_never_brings_stale_pages_back(client, corpus):
    """A cache may evict or cull a tag's version: starting it again must
    not make a page stored before a later change current again."""
    from django.core.cache import cache

    from newsroom import page_deps

    url = corpus["a"].get_absolute_url()
    tag = page_deps.KEY + page_deps.person(corpus["koné"].pk)
    cache.delete(tag)  # a tag started afresh: v
    assert client.get(url)["X-Page-Cache"] == "miss"  # stored at v
    corpus["koné"].name = "Aïssata Koné-Diallo"
    corpus["koné"].save()  # the stored page is stale
    cache.delete(tag)  # evicted
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Aïssata Koné-Diallo" in response.content.decode()
