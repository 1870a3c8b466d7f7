"""Links that last: an article's former address redirects to its address
now; a withdrawn (archived) article is Gone."""

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render

from articles.models import Article


def moved_or_gone(request, slug: str) -> HttpResponse:
    """Links that last: an address an article had before its slug changed
    answers 301 to its address now (in the same language, the query string
    kept); an archived article answers 410 Gone. Anything else is a 404."""
    article = (
        Article.objects.filter(slug=slug).first()
        or Article.objects.filter(old_slugs__slug=slug).first()
    )
    if article is None:
        raise Http404
    if article.status == Article.Status.ARCHIVED:
        return render(request, "410.html", status=410)
    if article.slug == slug or not article.is_published():
        raise Http404
    url = article.get_absolute_url()
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
