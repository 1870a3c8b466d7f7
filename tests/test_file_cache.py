"""The file cache (the default without Redis) culls without listing its
folder on every write, and still culls."""

from newsroom.cache import FileCache


def test_the_folder_is_listed_once_per_check_interval_and_still_culled(tmp_path):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 50}})
    cache.CULL_CHECK_EVERY = 20
    listings = []
    real = cache._list_cache_files

    def counted():
        listings.append(1)
        return real()

    cache._list_cache_files = counted
    for n in range(200):
        cache.set(f"key-{n}", n)
    assert len(listings) == 10  # Django's own lists it 200 times
    # Culled: never far past MAX_ENTRIES plus one interval's writes.
    assert len(list(tmp_path.glob("*.djcache"))) <= 50 + 20
    assert cache.get("key-199") == 199
