"""The page cache and its invalidation on a real Redis (skipped, with the
reason, where no Redis answers on 127.0.0.1:6379; with REQUIRE_REDIS=1, as
.ci/run sets, a missing Redis is a failure)."""

import os
import socket

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.factories import make_article, make_person

REDIS = "redis://127.0.0.1:6379/15"


def redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.fixture(autouse=True)
def redis_server():
    if not redis_up():
        reason = "no Redis on 127.0.0.1:6379"
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(reason)
        pytest.skip(reason)


pytestmark = pytest.mark.django_db
REDIS_CACHES = {
    "default": {
        "BACKEND": "newsroom.cache.RedisCache",
        "LOCATION": REDIS,
    }
}


@override_settings(CACHES=REDIS_CACHES, REDIS_URL=REDIS)
def test_pages_are_cached_in_redis_and_invalidated(client):
    cache.clear()
    person = make_person("Aïssata Koné")
    article = make_article(body="Aïssata Koné parle.", link=True)
    url = article.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    person.description = "Syndicaliste"
    person.save()
    assert client.get(url)["X-Page-Cache"] == "miss"
    health = client.get("/healthz").json()
    assert health == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    cache.clear()


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    },
    REDIS_URL="redis://127.0.0.1:1/0",
)
def test_pages_still_render_when_redis_is_down(client):
    article = make_article(body="Texte.")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["checks"]["cache"] == "unavailable"


@override_settings(CACHES=REDIS_CACHES, REDIS_URL=REDIS)
def test_a_change_made_by_another_process_invalidates_at_once(client):
    from newsroom import page_deps

    cache.clear()
    article = make_article(body="Texte d'origine.")
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    # Another app server changes the article: it only touches the shared
    # tag, which every request checks.
    page_deps.touch(page_deps.article(article.pk))
    assert client.get(url)["X-Page-Cache"] == "miss"
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit" and hit.has_header("ETag")
    cache.clear()
