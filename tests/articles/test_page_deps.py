"""Cached pages go stale by what they show, not all at once: a change makes
stale the pages that show what it touched, and leaves the others cached."""

import threading
import time

import pytest
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import Client

from articles.services import article_transition
from people.models import Mention
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def cached(client, url: str) -> str:
    return client.get(url)["X-Page-Cache"]


@pytest.fixture
def site(client):
    """Two articles naming different people, each page cached."""
    koné, page = make_person("Aïssata Koné"), make_person("Lucie Page")
    a = make_article(
        "Grève au port", body="Aïssata Koné appelle à la grève.", link=True
    )
    b = make_article("Hôpital", body="Lucie Page inaugure l'hôpital.", link=True)
    urls = {
        "a": a.get_absolute_url(),
        "b": b.get_absolute_url(),
        "koné": koné.get_absolute_url(),
        "page": page.get_absolute_url(),
        "home": "/",
    }
    for url in urls.values():
        client.get(url)
        assert cached(client, url) == "hit", url
    return {"a": a, "b": b, "koné": koné, "page": page, "urls": urls}


def test_editing_an_article_leaves_unrelated_pages_cached(client, site):
    a, urls = site["a"], site["urls"]
    a.title = "Grève au port de Sète"
    a.save()
    response = client.get(urls["a"])
    assert response["X-Page-Cache"] == "miss"
    assert "Grève au port de Sète" in response.content.decode()
    assert cached(client, urls["home"]) == "miss"  # the list shows the title
    assert cached(client, urls["koné"]) == "miss"  # her page lists it
    assert cached(client, urls["b"]) == "hit"
    assert cached(client, urls["page"]) == "hit"


def test_a_staff_decision_makes_stale_the_article_and_the_person_only(
    client, site, staff
):
    from people import services

    urls = site["urls"]
    mention = Mention.objects.get(article=site["a"], person=site["koné"])
    services.mentions_decide(mentions=[mention], status="rejected", by=staff)
    response = client.get(urls["a"])
    assert response["X-Page-Cache"] == "miss"
    assert urls["koné"] not in response.content.decode()
    # Named nowhere else now: her page goes.
    assert client.get(urls["koné"]).status_code == 404
    assert cached(client, urls["b"]) == "hit"
    assert cached(client, urls["page"]) == "hit"


def test_the_people_index_goes_stale_for_who_is_public_and_who_it_shows(
    client, site, staff
):
    from people import services

    letters = {"K": "/people/?letter=K", "P": "/people/?letter=P"}
    make_article("Port", body="Aïssata Koné revient au port.", link=True)
    for url in [*letters.values(), site["urls"]["home"]]:
        client.get(url)
        assert cached(client, url) == "hit"
    # Still named in another published article: still public. Only the
    # letter showing her (her count) goes stale.
    mention = Mention.objects.get(article=site["a"], person=site["koné"])
    services.mentions_decide(mentions=[mention], status="rejected", by=staff)
    assert cached(client, letters["P"]) == "hit"
    assert cached(client, letters["K"]) == "miss"
    # "In the news" on the home page counts links in recent articles.
    assert cached(client, site["urls"]["home"]) == "miss"
    # Her last link rejected: who is public changed (letters, counts).
    last = Mention.objects.get(person=site["koné"], status="auto")
    services.mentions_decide(mentions=[last], status="rejected", by=staff)
    page = client.get(letters["P"])
    assert page["X-Page-Cache"] == "miss"
    assert '<span class="unused">K</span>' in page.content.decode()


def test_publishing_refreshes_lists_and_the_people_it_names_not_the_archive(
    client, site
):
    urls = site["urls"]
    new = make_article(
        "Nouvelle grève", body="Aïssata Koné relance la grève.", status="draft"
    )
    from people.linker import link_article

    link_article(article=new)
    # Drafts touch no public page.
    assert cached(client, urls["home"]) == "hit"
    article_transition(article=new, to="published", by=None)
    home = client.get(urls["home"])
    assert home["X-Page-Cache"] == "miss" and "Nouvelle grève" in home.content.decode()
    person = client.get(urls["koné"])
    assert person["X-Page-Cache"] == "miss"
    assert "Nouvelle grève" in person.content.decode()
    assert cached(client, urls["a"]) == "hit"
    assert cached(client, urls["b"]) == "hit"
    assert cached(client, urls["page"]) == "hit"


def test_pages_name_their_dependencies_for_a_cdn(client, site):
    response = client.get(site["urls"]["a"] + "?fresh=1")
    keys = response["Surrogate-Key"].split()
    assert f"article:{site['a'].pk}" in keys
    assert f"person:{site['koné'].pk}" in keys
    assert response["Cache-Tag"] == ",".join(keys)


def test_a_hit_costs_one_cache_round_trip(client, site, monkeypatch):
    cache = caches["default"]
    calls, depth = [], []
    for name in ("get", "get_many", "has_key"):
        original = getattr(cache, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            if not depth:  # the memory cache's get_many calls get
                calls.append(_name)
            depth.append(1)
            try:
                return _original(*args, **kwargs)
            finally:
                depth.pop()

        monkeypatch.setattr(cache, name, counted)
    response = client.get(site["urls"]["a"])
    assert response["X-Page-Cache"] == "hit"
    assert calls == ["get_many"]


def test_a_changed_page_is_served_stale_for_at_most_a_few_seconds(
    client, site, settings
):
    from newsroom.caching import page_key

    settings.PAGE_STALE_SECONDS = 0.5
    settings.PAGE_RENDER_WAIT_SECONDS = 0.3
    url = site["urls"]["a"]
    site["a"].title = "Titre changé"
    site["a"].save()
    # Another request is rendering the page again (it holds the lock):
    # readers get the page as it was, marked stale...
    request = client.get(url).wsgi_request  # renders and stores the new page
    key = page_key(request)
    site["a"].title = "Titre changé encore"
    site["a"].save()
    caches["default"].add(key + ":render", 1, timeout=10)
    stale = client.get(url)
    assert stale["X-Page-Cache"] == "stale"
    assert "Titre changé" in stale.content.decode()
    # ...but never longer than PAGE_STALE_SECONDS after the change (a
    # reader waits for the render under way; this one never ends).
    time.sleep(0.6)
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Titre changé encore" in fresh.content.decode()


def _concurrently(url: str, n: int) -> list[tuple[int, str]]:
    answers = []
    start = threading.Barrier(n, timeout=10)

    def read():
        try:
            start.wait()
            response = Client().get(url)
            answers.append((response.status_code, response["X-Page-Cache"]))
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    return answers


def _slow_renders(monkeypatch) -> list:
    """Article pages render slowly (long enough for readers to pile up);
    the list counts the renders."""
    from articles import views

    renders = []
    original = views.ArticleDetailView.get_context_data

    def slow_render(self, **kwargs):
        renders.append(1)
        time.sleep(0.4)
        return original(self, **kwargs)

    monkeypatch.setattr(views.ArticleDetailView, "get_context_data", slow_render)
    return renders


def _strike_article():
    make_person("Aïssata Koné")
    return make_article("Grève", body="Aïssata Koné appelle à la grève.", link=True)


@pytest.mark.django_db(transaction=True)
def test_concurrent_misses_of_one_page_render_it_once(monkeypatch):
    url = _strike_article().get_absolute_url()
    renders = _slow_renders(monkeypatch)
    answers = _concurrently(url, 6)
    assert len(renders) == 1
    assert sorted(answers) == [(200, "hit")] * 5 + [(200, "miss")]


@pytest.mark.django_db(transaction=True)
def test_a_page_too_stale_to_serve_is_rendered_once_by_concurrent_readers(
    monkeypatch, settings
):
    settings.PAGE_STALE_SECONDS = 0.2
    article = _strike_article()
    url = article.get_absolute_url()
    Client().get(url)
    article.title = "Grève reconduite"
    article.save()
    time.sleep(0.3)  # past the stale window: the old page may not be served
    renders = _slow_renders(monkeypatch)
    answers = _concurrently(url, 6)
    assert len(renders) == 1
    assert sorted(answers) == [(200, "hit")] * 5 + [(200, "miss")]
    assert "Grève reconduite" in Client().get(url).content.decode()


def test_a_topic_page_follows_its_own_articles_not_every_publication(client, site):
    from tests.factories import make_topic

    port, budget = make_topic("Port"), make_topic("Budget")
    site["a"].topics.add(port)
    url = f"/topics/{port.slug}/"
    client.get(url)
    assert cached(client, url) == "hit"
    elsewhere = make_article("Autre sujet", body="Rien.", status="draft")
    elsewhere.topics.add(budget)
    article_transition(article=elsewhere, to="published", by=None)
    assert cached(client, url) == "hit"
    news = make_article("Nouveau port", body="Rien.", status="draft")
    news.topics.add(port)
    article_transition(article=news, to="published", by=None)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Nouveau port" in response.content.decode()


def test_renaming_a_person_renews_the_panels_the_article_page_keeps(client, site):
    # The people panel is rendered once and kept with what the page
    # remembers: a new name must reach it, and leave the other article's
    # page cached.
    koné, urls = site["koné"], site["urls"]
    koné.name = "Aïssata Koné-Diallo"
    koné.save()
    body = client.get(urls["a"]).content.decode()
    panel = body[body.index('aria-labelledby="people-heading"') :]
    assert "Aïssata Koné-Diallo" in panel
    assert cached(client, urls["b"]) == "hit"


def test_a_page_rendered_across_a_change_is_kept_stale_since_that_change():
    """What a render read may predate a change made while it ran: the page
    is kept, never as current, but stale from that change on, so it is
    served for a few seconds at most while it is rendered again (refusing
    to keep it left a page that changes every few seconds as old as its
    first unseen change)."""
    from newsroom import caching, page_deps

    started = time.time_ns()
    page_deps.touch("article:41")  # while the page renders
    changed_at = page_deps.versions(["article:41"])["article:41"]
    assert changed_at > started
    caching._store("k", ["article:41", "topic:2"], started, HttpResponse("page"))
    found = caching.lookup("k")
    assert found.response.content == b"page"
    assert found.stale_since == changed_at
    # A render that saw no change keeps the page current.
    caching._store("k", ["article:41", "topic:2"], time.time_ns(), HttpResponse("x"))
    assert caching.lookup("k").stale_since is None


def test_a_page_rendered_across_a_withdrawal_is_not_kept():
    """An article unpublished while a page showing it rendered: that page
    is not kept at all (never served, not even stale), and pages showing
    the article that were kept before are not served stale either."""
    from newsroom import caching, page_deps

    caching._store("before", ["article:41"], time.time_ns(), HttpResponse("old"))
    started = time.time_ns()
    page_deps.touch("article:41", withdrawn=True)  # while the page renders
    caching._store("k", ["article:41", "topic:2"], started, HttpResponse("page"))
    assert caching.lookup("k").response is None
    before = caching.lookup("before")
    assert before.stale_since == 0  # since when unknown: rendered, not served
    assert not caching._fresh_enough(before)
    # A render started after it is kept, current.
    caching._store("k", ["article:41"], time.time_ns(), HttpResponse("new"))
    assert caching.lookup("k").stale_since is None
