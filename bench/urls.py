from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from newsroom.urls import urlpatterns as site


def bare(request):
    """The baseline: Django's full middleware stack, no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


def one_query(request):
    """A floor: the bare view plus one trivial SQL round trip."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


def layout(request):
    """A floor: the bare view plus the site's layout (the 404 page: base.html
    and one line), rendered by the template engine, no database."""
    return render(request, "404.html")


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/one-query/", one_query),
    path("bench/layout/", layout),
    *site,
]
