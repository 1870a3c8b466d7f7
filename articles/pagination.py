"""Counts of public article lists, cached while what readers see stays the same."""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Min
from django.utils.functional import cached_property

from articles.models import Article, visibility_now
from newsroom import page_deps

logger = logging.getLogger(__name__)


def visible_since(current: str) -> datetime.datetime:
    """The earliest instant at which readers saw the same articles as now.

    What is visible changes with content (the lists' tag is touched) or when
    a scheduled article's time comes. Between changes it stays the same
    from the first instant this is asked until the next scheduled time, so a
    list count keyed on this instant, not on the current minute, is not
    recounted every minute. `current` is the lists' stamp the caller has
    already read.
    """
    now = visibility_now()
    key = f"newsroom:visible-since:{current}"
    window = cache.get(key)
    if window is None or not window[0] <= now < window[1]:
        upcoming = Article.objects.scheduled().aggregate(at=Min("publish_at"))["at"]
        window = (now, upcoming or datetime.datetime.max.replace(tzinfo=datetime.UTC))
        cache.set(key, window, settings.COUNT_CACHE_SECONDS)
    return window[0]


def count_key(what: str) -> str:
    """The cache key of a count of `what` (a view and the filters it
    applied), for the lists as they stand and the visible articles now."""
    current = page_deps.stamp(page_deps.LISTS, page_deps.ALL)
    since = visible_since(current).isoformat()
    digest = hashlib.sha256(f"{what}|{since}".encode()).hexdigest()[:32]
    return f"newsroom:count:{current}:{digest}"


class CachedCountPaginator(Paginator):
    """Counts of public lists change only when content does, or when a
    scheduled article goes live: keep them for that long (COUNT(*) over a
    large archive was most of the home page's time).

    `counted` names what is counted (the view and its cleaned filters);
    without it the count is not cached.
    """

    def __init__(self, object_list, per_page, *, counted: str = "", **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.counted = counted

    @cached_property
    def count(self) -> int:
        if not self.counted:
            return super().count
        try:
            key = count_key(self.counted)
            value = cache.get(key)
        except Exception:  # noqa: BLE001 - count directly when the cache is down
            return super().count
        if value is None:
            value = super().count
            try:
                cache.set(key, value, settings.COUNT_CACHE_SECONDS)
            except Exception:  # noqa: BLE001
                logger.warning("page cache unavailable: count not stored")
        return value
