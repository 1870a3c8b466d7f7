"""Photos served from local storage, when MEDIA_URL is this site's own
(the default). File names change with their content, so browsers and
CDNs may keep them for a year. With a storage bucket or a CDN in front
(`NEWSROOM_SERVE_MEDIA=0`), this serves nothing."""

from django.conf import settings
from django.urls import path
from django.utils.cache import patch_cache_control
from django.views.static import serve


def media(request, path: str):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    patch_cache_control(response, public=True, max_age=365 * 86400, immutable=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def media_urls() -> list:
    if not settings.SERVE_MEDIA:
        return []
    prefix = settings.MEDIA_URL.strip("/")
    return [path(f"{prefix}/<path:path>", media, name="media")]
