"""The cache backends: Django's Redis cache reusing one client per
connection pool, and its file cache culling less often (`FileCache`).

Django builds a new redis-py client for every cache operation; with RESP3
that means rebuilding a table of ~170 response callbacks each time, which
was most of the cost of serving a cached page. A redis-py client over a
connection pool is thread-safe, so one per pool is enough.
"""

import itertools
import os
import pickle
import time
import zlib

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

    def add_many(self, data: dict, timeout=None) -> None:
        """`add` for each key, in one round trip (a page seen for the first
        time creates a version for each of its dozen tags)."""
        client = self._cache.get_client(None, write=True)
        pipeline = client.pipeline(transaction=False)
        seconds = self.get_backend_timeout(timeout)
        for key, value in data.items():
            key = self.make_and_validate_key(key)
            value = self._cache._serializer.dumps(value)
            pipeline.set(key, value, ex=seconds, nx=True)
        pipeline.execute()


class FileCache(FileBasedCache):
    """Django's file cache, culling less often and reading small entries
    once per change.

    Django lists every file of the cache folder on each `set` to decide
    whether to cull: with the thousands of entries a site keeps (pages,
    their parts, tag versions), that listing was most of a cold page's
    time. Here each cache connection (Django keeps one per thread) checks
    once every CULL_CHECK_EVERY writes, so the folder may exceed MAX_ENTRIES
    by that many writes per thread between checks.

    A cached page is checked against the versions of a dozen dependency
    tags, a small file each: opening, decompressing and unpickling them was
    half of a hit. A process remembers what a small file held, with the
    file's identity (inode, modification time, size); a `stat` tells it
    whether the file is still that one. Every write replaces the file (a
    new inode), so a change made by any process is seen at once.
    """

    CULL_CHECK_EVERY = 200
    SMALL_BYTES = 256
    _MEMO_MAX = 50_000

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes = itertools.count()
        self._small: dict[str, tuple] = {}

    def _cull(self):
        if next(self._writes) % self.CULL_CHECK_EVERY == 0:
            super()._cull()

    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        try:
            stat = os.stat(fname)
        except FileNotFoundError:
            self._small.pop(fname, None)
            return default
        identity = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        memo = self._small.get(fname)
        if memo is not None and memo[0] == identity:
            expiry, value = memo[1], memo[2]
            if expiry is None or expiry >= time.time():
                return value
        if stat.st_size > self.SMALL_BYTES:
            return super().get(key, default, version)
        return self._read_small(fname, identity, default)

    def _read_small(self, fname: str, identity: tuple, default):
        try:
            with open(fname, "rb") as f:
                expiry = pickle.load(f)
                data = zlib.decompress(f.read())
        except (FileNotFoundError, EOFError, zlib.error, pickle.UnpicklingError):
            return default
        if expiry is not None and expiry < time.time():
            return default
        value = pickle.loads(data)
        if len(data) > self.SMALL_BYTES:
            return value  # small on disk only: not kept in memory
        if len(self._small) > self._MEMO_MAX:
            self._small.clear()
        self._small[fname] = (identity, expiry, value)
        return value
