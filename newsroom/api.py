"""The public read API: what the site shows readers, as JSON.

Django REST framework with drf-spectacular (the OpenAPI schema at
/api/v1/schema/). Read-only and anonymous: no session, no CSRF, no
browsable pages; every answer is cached like a page (`public_page`) and
anonymous use is throttled (API_ANON_RATE). What is public is decided by the
same queryset methods the pages use (`published()`, `public()`)."""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import serializers

from newsroom.caching import public_page


class AbsoluteURL(serializers.URLField):
    """A path of the site ('get_absolute_url' by default) as a full URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "get_absolute_url")
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        return self.context["request"].build_absolute_uri(value)


class Named(serializers.Serializer):
    """Something readers can open: its slug, name and page."""

    slug = serializers.SlugField()
    name = serializers.CharField()
    url = AbsoluteURL()


class RenditionSerializer(serializers.Serializer):
    url = AbsoluteURL(source="file.url")
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    format = serializers.CharField()


class PhotoSerializer(serializers.Serializer):
    alt_text = serializers.CharField()
    caption = serializers.CharField()
    credit = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    renditions = RenditionSerializer(many=True)


def cached(view):
    """An API view cached like a public page."""
    return public_page(view.as_view() if hasattr(view, "as_view") else view)


# JSON only: one answer per URL, whatever the Accept header (cache keys).
schema_view = extend_schema(exclude=True)(SpectacularJSONAPIView)
