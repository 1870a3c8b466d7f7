"""A stale page is rendered again beside its readers (newsroom.rerender):
the reader who finds it stale is served it at once, never waits for the
render, and one render runs, within PAGE_STALE_SECONDS of the change."""

import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client, RequestFactory

from newsroom import rerender
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def background(settings):
    settings.PAGE_RERENDER_IN_BACKGROUND = True
    yield
    # The render thread's own database connection, closed once it is idle:
    # left open, PostgreSQL refused to drop the test database at the end.
    rerender.submit(lambda request: connections.close_all(), RequestFactory().get("/"))
    rerender.wait_idle()


@pytest.fixture
def renders(monkeypatch) -> list:
    """Article page renders, each taking 0.3 s, as they happen."""
    from articles import views

    done = []
    original = views.ArticleDetailView.get_context_data

    def slow_render(self, **kwargs):
        time.sleep(0.3)
        done.append(threading.current_thread().name)
        return original(self, **kwargs)

    monkeypatch.setattr(views.ArticleDetailView, "get_context_data", slow_render)
    return done


def _cached_article():
    make_person("Aïssata Koné")
    article = make_article("Grève", body="Aïssata Koné appelle à la grève.", link=True)
    url = article.get_absolute_url()
    assert Client().get(url)["X-Page-Cache"] == "miss"
    return article, url


def test_the_reader_of_a_stale_page_gets_it_at_once_and_it_is_rendered_aside(
    background, renders
):
    article, url = _cached_article()
    renders.clear()
    article.title = "Grève reconduite"
    article.save()
    started = time.monotonic()
    stale = Client().get(url)
    assert time.monotonic() - started < 0.25  # not the 0.3 s render
    assert stale["X-Page-Cache"] == "stale"
    assert "Grève reconduite" not in stale.content.decode()
    rerender.wait_idle()
    assert len(renders) == 1
    assert renders[0] != threading.current_thread().name
    fresh = Client().get(url)
    assert fresh["X-Page-Cache"] == "hit"
    assert "Grève reconduite" in fresh.content.decode()


def test_concurrent_readers_of_a_stale_page_start_one_render(background, renders):
    article, url = _cached_article()
    renders.clear()
    article.title = "Grève reconduite"
    article.save()
    answers = []
    start = threading.Barrier(6, timeout=10)

    def read():
        try:
            start.wait()
            answers.append(Client().get(url)["X-Page-Cache"])
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert answers == ["stale"] * 6
    rerender.wait_idle()
    assert len(renders) == 1


def test_past_the_stale_window_the_reader_gets_the_new_page(background, settings):
    settings.PAGE_STALE_SECONDS = 0.2
    article, url = _cached_article()
    article.title = "Grève reconduite"
    article.save()
    time.sleep(0.3)
    response = Client().get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Grève reconduite" in response.content.decode()


def test_when_the_render_thread_is_busy_the_reader_renders(background, monkeypatch):
    monkeypatch.setattr(rerender, "submit", lambda render, request: False)
    article, url = _cached_article()
    article.title = "Grève reconduite"
    article.save()
    response = Client().get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Grève reconduite" in response.content.decode()


def test_a_failed_render_aside_leaves_the_page_stale_and_the_lock_free(
    background, monkeypatch
):
    from articles import views

    article, url = _cached_article()
    article.title = "Grève reconduite"
    article.save()
    original = views.ArticleDetailView.get_context_data
    monkeypatch.setattr(views.ArticleDetailView, "get_context_data", _fails)
    assert Client().get(url)["X-Page-Cache"] == "stale"
    rerender.wait_idle()
    monkeypatch.setattr(views.ArticleDetailView, "get_context_data", original)
    # The lock went with the failed render: the next reader starts another.
    assert Client().get(url)["X-Page-Cache"] == "stale"
    rerender.wait_idle()
    assert "Grève reconduite" in Client().get(url).content.decode()


def _fails(self, **kwargs):
    raise RuntimeError("render failed")


def test_a_withdrawn_article_is_never_served_stale(background):
    from articles.models import Article
    from articles.services import article_transition

    article, url = _cached_article()
    assert "Grève" in Client().get("/").content.decode()
    article_transition(article=article, to=Article.Status.DRAFT, by=None)
    assert Client().get(url).status_code == 404
    home = Client().get("/")
    assert home["X-Page-Cache"] == "miss"
    assert url not in home.content.decode()
