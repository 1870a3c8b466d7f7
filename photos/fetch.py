"""Fetching an image named by wire input (an RSS enclosure, a ninjs
association): over http(s) only, within PHOTO_FETCH_TIMEOUT seconds in all
(a server that sends a byte a second is cut off too), at most
PHOTO_FETCH_MAX_BYTES, and only when the server says it is an image. What
arrives is then checked like an upload (`photos.images.inspect`)."""

import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings

CHUNK = 64 * 1024


class FetchError(Exception):
    pass


def fetch(url: str) -> bytes:
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(f"not an http(s) address: {url[:100]!r}")
    request = urllib.request.Request(
        url, headers={"User-Agent": "Newsroom photo fetch", "Accept": "image/*"}
    )
    timeout = settings.PHOTO_FETCH_TIMEOUT
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            _check_headers(response)
            return _read(response, time.monotonic() + timeout)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"the server answered {exc.code}") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"cannot connect: {exc.reason}") from None
    except TimeoutError:
        raise FetchError(f"no answer within {timeout:g} s") from None
    except OSError as exc:
        raise FetchError(f"cannot fetch: {exc}") from None


def _check_headers(response) -> None:
    kind = response.headers.get_content_type()
    if not kind.startswith("image/"):
        raise FetchError(f"not an image (the server says {kind})")
    length = response.headers.get("Content-Length", "")
    limit = settings.PHOTO_FETCH_MAX_BYTES
    if length.isdigit() and int(length) > limit:
        raise FetchError(_over(int(length), limit))


def _read(response, deadline: float) -> bytes:
    limit = settings.PHOTO_FETCH_MAX_BYTES
    chunks, size = [], 0
    while chunk := response.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise FetchError(_over(size, limit, at_least=True))
        if time.monotonic() > deadline:
            raise FetchError(f"not received within {settings.PHOTO_FETCH_TIMEOUT:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _over(size: int, limit: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"{more}{size / 2**20:.1f} MB: over the {limit / 2**20:.1f} MB limit"
