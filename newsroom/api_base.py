"""What REST framework's settings name (its own module: REST framework
imports these while it loads, before the API's views exist)."""

import logging

from rest_framework.pagination import PageNumberPagination
from rest_framework.throttling import AnonRateThrottle

logger = logging.getLogger(__name__)


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = None  # one size: one cache entry per page


class AnonThrottle(AnonRateThrottle):
    """Anonymous throttling that lets requests through while the cache that
    counts them is down: the API, like the pages, answers without its cache
    rather than with an error."""

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:  # noqa: BLE001 - any cache failure
            logger.warning("API throttle: cache unavailable, request allowed")
            return True
