from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site


def bare(request):
    """The baseline: Django's full middleware stack, no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *site]
