"""The page cache and its invalidation on a real Redis (skipped, with the
reason, where no Redis answers on 127.0.0.1:6379; with REQUIRE_REDIS=1, as
.ci/run sets, a missing Redis is a failure)."""

import os
import socket
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from newsroom import caching
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


@override_settings(CACHES=REDIS_CACHES, REDIS_URL=REDIS)
def test_tags_seen_first_are_created_together_and_a_touched_one_kept():
    from newsroom import page_deps

    cache.clear()
    page_deps.touch("person:1")
    touched = page_deps.versions(["person:1"])["person:1"]
    found = page_deps.ensured(["person:1", "person:2", "topic:3"])
    # The touched tag keeps its version; the new ones get a negative one
    # (never taken for a change made now), and are kept without expiry.
    assert found["person:1"] == touched
    assert found["person:2"] < 0 and found["topic:3"] < 0
    assert page_deps.versions(["person:2", "topic:3"]) == {
        "person:2": found["person:2"],
        "topic:3": found["topic:3"],
    }
    client = cache._cache.get_client(None)
    assert client.ttl(cache.make_key(page_deps.KEY + "person:2")) == -1
    cache.clear()


@override_settings(CACHES=REDIS_CACHES, REDIS_URL=REDIS, PAGE_CACHE_SECONDS=86_400)
def test_pages_are_kept_a_day_but_the_news_sitemap_five_minutes(client, rf):
    cache.clear()
    article = make_article(body="Texte.")
    url = article.get_absolute_url()
    redis_client = cache._cache.get_client(None)

    def ttl(path: str) -> int:
        client.get(path)
        key = caching.page_key(rf.get(path, HTTP_HOST="testserver"))
        return redis_client.ttl(cache.make_key(key))

    # Dependencies make a page stale when what it shows changes: the time
    # it is kept only bounds memory. The news sitemap's days move at
    # midnight with nothing changed, so it is kept no longer than before.
    assert 86_000 < ttl(url) <= 86_400
    assert 0 < ttl("/news-sitemap.xml") <= 300
    # An article scheduled in two hours: no page outlives its arrival (the
    # lists must show it then, cron or not), even once the cache lost when.
    make_article("Plus tard", publish_at=timezone.now() + timedelta(hours=2))
    assert 7_000 < ttl("/") <= 7_260
    cache.delete(caching.NEXT_LIVE_KEY)
    assert 7_000 < ttl("/en/") <= 7_260
    cache.clear()
