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


def test_small_entries_are_read_once_per_change_and_changes_seen_at_once(
    tmp_path, monkeypatch
):
    import builtins
    import time

    reader = FileCache(str(tmp_path), {})
    writer = FileCache(str(tmp_path), {})  # another process's connection
    writer.set("tag", 1, timeout=None)
    opened = []
    real_open = builtins.open

    def counted(path, *args, **kwargs):
        opened.append(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counted)
    assert [reader.get("tag") for _ in range(50)] == [1] * 50
    assert len(opened) == 1  # then a stat each time
    writer.set("tag", 2, timeout=None)
    assert reader.get("tag") == 2
    writer.delete("tag")
    assert reader.get("tag", "gone") == "gone"
    # An entry that expires is not served from memory past its time.
    writer.set("brief", "x", timeout=1)
    assert reader.get("brief") == "x"
    monkeypatch.setattr(time, "time", lambda: 10**10)
    assert reader.get("brief") is None
    # Large entries (pages) are read as Django reads them, never kept.
    monkeypatch.undo()
    writer.set("page", "p" * 5000)
    remembered = len(reader._small)
    assert reader.get("page") == "p" * 5000
    assert len(reader._small) == remembered
