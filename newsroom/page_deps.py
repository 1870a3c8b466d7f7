"""What a cached page shows, and what a change touches: dependency tags.

While a page renders, the view names what it shows (`depends_on`); a change
names what it touches (`touch`). A tag's value in the cache is the time of
its last change (in ns), so a cached page knows whether it is stale, and
since when (it may then be served for a few seconds while one request
renders it again: see `newsroom.caching`).

The tags:
- `article:<pk>`: an article's text, mentions, quotations, corrections,
  topics and status;
- `person:<pk>`: who a person is, as every page naming them shows it: name,
  aliases, roles;
- `named:<pk>`: which published articles name or quote them (their own
  page, their feed; an article publishing or a link changing touches it,
  leaving the archive's pages that name them cached);
- `topic:<pk>`, `source:<pk>`, `author:<pk>`: their pages and feeds, and
  (authors) the articles that credit them;
- `photo:<pk>`: the pages showing a photo (its alt text, caption, credit);
- `lists`: every list of articles (home, lists, search, feeds, sitemaps):
  what a published article shows of itself, or its arrival or departure;
- `index:topic`, `index:source`, `index:author`: which topics (sources,
  authors) are public and how many published articles each has, with
  their names: the index pages, the lists' filter choices, the topics
  sitemap. Touched only by changes that can move them (an article of that
  topic, source or author published, changed or withdrawn; an article's
  topics, source or bylines changed; a topic or author saved), not by
  every publication: counting the archive per topic took 0.1-0.3 s of the
  database after each one;
- `people`: who is public (named in a published article), and every
  person's name and address: the people A–Z's letters and count, the
  sitemap (touched only when a change may make someone public or no longer
  public, see `newsroom.invalidation.people_tags`, or when a person is saved);
- `mentions`: any link in a published article (lists that rank people by
  how often recent articles name them: "in the news");
- `all`: every page (a merge of people, a directory import).

A page that names no tag depends on every change (`any`), as every page
did before tags.
"""

import logging
import time
from collections.abc import Iterable
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

ALL = "all"
ANY = "any"
LISTS = "lists"
PEOPLE = "people"
MENTIONS = "mentions"
KEY = "newsroom:tag:"

_collected: ContextVar[set[str] | None] = ContextVar("page_deps", default=None)
# The tags of each entry kept with its tags' versions (pages, remembered
# values), as this process last saw them: read with the entry in one round
# trip.
_known_tags: dict[str, tuple[str, ...]] = {}
_KNOWN_MAX = 20_000


def article(pk) -> str:
    return f"article:{pk}"


def person(pk) -> str:
    return f"person:{pk}"


def topic(pk) -> str:
    return f"topic:{pk}"


def source(pk) -> str:
    return f"source:{pk}"


def of(obj) -> str:
    """The tag of a topic, source or author row: `topic:<pk>`…"""
    return f"{obj._meta.model_name}:{obj.pk}"


def author(pk) -> str:
    return f"author:{pk}"


def index(model) -> str:
    """The tag of the public rows of a kind and their counts: `index:topic`."""
    return f"index:{model._meta.model_name}"


def photo(pk) -> str:
    return f"photo:{pk}"


def named(pk) -> str:
    return f"named:{pk}"


def people(ids: Iterable) -> list[str]:
    return [person(pk) for pk in set(ids) if pk]


def naming(ids: Iterable) -> list[str]:
    """The `named:` tags of these people (what articles name them)."""
    return [named(pk) for pk in set(ids) if pk]


def depends_on(*tags: str) -> None:
    """The page being rendered shows these (no-op outside a cached render)."""
    collected = _collected.get()
    if collected is not None:
        collected.update(t for t in tags if t)


def collecting():
    """Start collecting the current render's tags; (token, the set)."""
    collected: set[str] = set()
    return _collected.set(collected), collected


def stop_collecting(token) -> None:
    _collected.reset(token)


def touch(*tags: str, withdrawn: bool = False) -> None:
    """These changed now: pages that show them are stale. Every change
    also touches `any` (the pages that named no tag). `withdrawn`: what
    they showed left readers' sight (an article unpublished or deleted).
    The tags then take a negative value, as `created()` gives, but odd:
    the pages showing them are never served stale (since when is unknown),
    and one rendered before is not kept (`store_tagged`)."""
    now = time.time_ns()
    value = -(now | 1) if withdrawn else now
    try:
        cache.set_many({**{KEY + t: value for t in tags if t}, KEY + ANY: now}, None)
    except Exception:  # noqa: BLE001 - a cache outage must not fail a save
        logger.warning("page cache unavailable: pages not invalidated")


def touch_on_commit(*tags: str, withdrawn: bool = False) -> None:
    """Touch these now and again once the current transaction commits: a
    page rendered from what was there before the commit must not be stored
    as current. Then the listeners hear of the change."""
    tags = tuple(tags)
    touch(*tags, withdrawn=withdrawn)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _committed(tags, withdrawn))
    else:
        _heard(tags)


# Called with the tags of each committed change (the articles app prepares
# again what the pages of the articles it touched show).
committed_listeners: list = []


def _committed(tags: tuple, withdrawn: bool) -> None:
    touch(*tags, withdrawn=withdrawn)
    _heard(tags)


def _heard(tags: tuple) -> None:
    for listener in committed_listeners:
        try:
            listener(tags)
        except Exception:  # noqa: BLE001 - the change is made: never fail it
            logger.exception("listener of committed changes failed")


def article_ids(tags: Iterable[str]) -> list[int]:
    """The articles these tags name (the tags `article()` makes)."""
    return _ids(tags, article(""))


def person_ids(tags: Iterable[str]) -> list[int]:
    """The people these tags name: themselves (`person()`) or what names
    them (`named()`)."""
    return sorted({*_ids(tags, person("")), *_ids(tags, named(""))})


def _ids(tags: Iterable[str], prefix: str) -> list[int]:
    return sorted({int(t[len(prefix) :]) for t in tags if t.startswith(prefix)})


def versions(tags: Iterable[str]) -> dict[str, int | None]:
    """The current version of each tag (None: never touched, or lost)."""
    tags = list(tags)
    found = cache.get_many([KEY + t for t in tags])
    return {t: found.get(KEY + t) for t in tags}


def created() -> int:
    """The value of a tag first seen (or lost: evicted, culled, a cache
    restarted): unique like a touch, so a page stored under a value the tag
    had before is never current again, but negative, so it is not taken for
    a change made now; even (an odd one is a withdrawal's: `touch`)."""
    return -(time.time_ns() & ~1)


def _withdrawn_after(started: int, value) -> bool:
    return value is not None and value < 0 and value % 2 == 1 and -value > started


def ensured(tags: Iterable[str]) -> dict[str, int]:
    """The current versions of `tags`, creating those that are missing."""
    return _made(versions(tags))


def _made(current: dict) -> dict[str, int]:
    missing = {KEY + t: created() for t, value in current.items() if value is None}
    if not missing:
        return current
    add_many = getattr(cache, "add_many", None)  # one round trip (Redis)
    if add_many is not None:
        add_many(missing, timeout=None)
    else:
        for key, value in missing.items():
            cache.add(key, value, timeout=None)
    return versions(current)


def stamp(*tags: str) -> str:
    """A string that changes whenever one of `tags` is touched (for keys of
    things cached as long as those stay the same: list counts)."""
    current = ensured(tags)
    return "-".join(str(current[t]) for t in tags)


def read_tagged(key: str) -> tuple:
    """An entry kept by `store_tagged`: (its value, its tags, the current
    versions of those that moved since; [] when none did), or (None, (), [])
    when there is none. One cache round trip once this process knows the
    entry's tags (it remembers them), two the first time."""
    known = _known_tags.get(key, ())
    found = cache.get_many([key, *(KEY + t for t in known)])
    stored = found.get(key)
    if not (isinstance(stored, tuple) and len(stored) == 2):
        return None, (), []
    stored_versions, value = stored
    if not isinstance(stored_versions, dict):
        return None, (), []  # an entry of another format: as none
    if set(stored_versions) == set(known):
        current = {t: found.get(KEY + t) for t in known}
    else:
        current = versions(stored_versions)
        _remember(key, stored_versions)
    changed = [current[t] for t, v in stored_versions.items() if current[t] != v]
    return value, tuple(stored_versions), changed


def store_tagged(key: str, value, tags, started: int, timeout: float) -> None:
    """Keep `value` under `key` with the versions of `tags`. A tag touched
    after `started` is kept as of `started`: the value may predate that
    change, so it is stale from the moment of the change (a page is then
    served for PAGE_STALE_SECONDS at most while it is rendered again),
    never current. Refusing to keep it made a page that changes every few
    seconds, rendered under load, stay as old as its first unseen change
    until every reader waited for a render."""
    current = versions(tags)
    if any(_withdrawn_after(started, v) for v in current.values()):
        return  # what it showed was withdrawn while it rendered
    current = _made(current)
    kept = {t: started if v is None or v > started else v for t, v in current.items()}
    cache.set(key, (kept, value), timeout)
    _remember(key, kept)


def _remember(key: str, tags) -> None:
    if len(_known_tags) > _KNOWN_MAX:
        _known_tags.clear()
    _known_tags[key] = tuple(tags)


def remembered(key: str, compute, timeout: int = 86_400):
    """Data derived from the database (a page's heavy parts), kept as long
    as what it shows stays the same: `compute()` returns (value, tags) and
    the value is kept with its tags' versions, like a page. The page being
    rendered depends on those tags."""
    try:
        value, tags, changed = read_tagged(key)
        if value is not None and not changed:
            depends_on(*tags)
            return value
    except Exception:  # noqa: BLE001 - compute it when the cache is down
        logger.warning("cache unavailable: %s computed", key)
    started = time.time_ns()
    value, tags = compute()
    tags = {*tags, ALL} - {""}
    try:
        store_tagged(key, value, tags, started, timeout)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable: %s not stored", key)
    depends_on(*tags)
    return value
