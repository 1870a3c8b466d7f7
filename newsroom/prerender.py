"""Public pages rendered into the page cache ahead of their first reader.

A page nobody has asked for since it last changed costs its first reader a
render (an article page about 7 ms of CPU, with its parts prepared); on a
site whose readers walk a large archive (search engines, links shared
years later) those first reads were most of the server's work, and, behind
them, the slowest answers. The articles app renders its pages here when a
change to them commits (`articles.preparing`) and `manage.py prepare_pages`
renders an archive's: by the same middleware and view as a reader's
request, stored under the key that reader's request makes, so a reader
finds it as if someone had asked before them.

The key holds the scheme and host: pages are rendered for SITE_URL's, the
address readers use. Without SITE_URL nothing is rendered ahead.
"""

import io
import logging
from functools import cache
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.utils import translation

logger = logging.getLogger(__name__)

# Set on the requests made here: the page cache renders a stale page in the
# request, not aside (newsroom.rerender), so it is current once done.
AHEAD = "newsroom.rendering_ahead"


def enabled() -> bool:
    return bool(settings.SITE_URL) and settings.PAGE_CACHE_SECONDS > 0


def render_objects(objects, languages=None) -> int:
    """Render the pages of these objects (`get_absolute_url()`), in every
    language of the site (or these), where not current."""
    if not enabled():
        return 0  # not even their addresses worked out
    paths = []
    for code in languages or [code for code, _name in settings.LANGUAGES]:
        with translation.override(code):
            paths += [obj.get_absolute_url() for obj in objects]
    return render_pages(paths)


def render_pages(paths) -> int:
    """Render each public page at these paths (as `reverse` gives them)
    where the cache has no current copy; how many were rendered."""
    if not enabled():
        return 0
    rendered = 0
    # The pages' middleware activates their language: the caller's (an
    # editor's request that published) is given back after.
    with translation.override(translation.get_language()):
        for path in paths:
            response = _handler().get_response(_request(path))
            # Not response.close(): its request_finished signal closes the
            # database connection, in the middle of the caller's transaction.
            if response.status_code != 200:
                logger.warning("%s answered %s: not rendered ahead", path, response)
            rendered += response.get("X-Page-Cache") == "miss"
    return rendered


@cache
def _handler() -> WSGIHandler:
    """The site's middleware and views, as a request to the server meets them."""
    return WSGIHandler()


def _request(path: str) -> WSGIRequest:
    site = urlsplit(settings.SITE_URL)
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        # As a WSGI server passes it: decoded, bytes read as latin-1.
        "PATH_INFO": unquote(path).encode().decode("latin-1"),
        "QUERY_STRING": "",
        "SERVER_NAME": site.hostname,
        "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": site.netloc,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": site.scheme,
        "wsgi.input": io.BytesIO(b""),
        AHEAD: True,
    }
    proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy_header and site.scheme == "https":
        environ[proxy_header[0]] = proxy_header[1]  # as the proxy in front says
    return WSGIRequest(environ)
