"""Bounds on what one request may bring (see the settings' input bounds)."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _


class RequestSizeMiddleware:
    """Refuse, before anything reads it, a request body larger than
    MAX_REQUEST_BYTES (an upload too big for any import): 413, not a
    worker busy spooling hundreds of megabytes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            limit = settings.MAX_REQUEST_BYTES // 2**20
            return HttpResponse(
                _("This request is larger than %(limit)d MB.") % {"limit": limit},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def body_length(value: str) -> None:
    """Model validator: an article body within ARTICLE_MAX_BODY_CHARS (read
    when validating, so the setting can change without a migration)."""
    from django.core.exceptions import ValidationError

    limit = settings.ARTICLE_MAX_BODY_CHARS
    if len(value) > limit:
        raise ValidationError(
            _("The body is %(length)d characters long; the limit is %(limit)d."),
            code="max_length",
            params={"length": len(value), "limit": limit},
        )
