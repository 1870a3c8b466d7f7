"""The cache backends: Django's Redis cache reusing one client per
connection pool, and its file cache culling less often (`FileCache`).

Django builds a new redis-py client for every cache operation; with RESP3
that means rebuilding a table of ~170 response callbacks each time, which
was most of the cost of serving a cached page. A redis-py client over a
connection pool is thread-safe, so one per pool is enough.
"""

import itertools

from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients_by_pool", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient


class FileCache(FileBasedCache):
    """Django's file cache, culling less often.

    Django lists every file of the cache folder on each `set` to decide
    whether to cull: with the thousands of entries a site keeps (pages,
    their parts, tag versions), that listing was most of a cold page's
    time. Here each cache connection (Django keeps one per thread) checks
    once every CULL_CHECK_EVERY writes, so the folder may exceed MAX_ENTRIES
    by that many writes per thread between checks.
    """

    CULL_CHECK_EVERY = 200

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes = itertools.count()

    def _cull(self):
        if next(self._writes) % self.CULL_CHECK_EVERY == 0:
            super()._cull()
