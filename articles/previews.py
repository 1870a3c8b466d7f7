"""Preview links: an article opened by anyone who has the link (see
`PreviewLink`), whatever its status."""

from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control

from articles.models import PreviewLink
from articles.views import ArticleDetailView


class ArticlePreviewView(ArticleDetailView):
    """An article opened through a preview link, by anyone who has the link:
    any status, never cached, never indexed; an expired or revoked link is
    Gone."""

    def get_object(self, queryset=None):
        link = get_object_or_404(
            PreviewLink.objects.select_related("article__source"),
            token=self.kwargs["token"],
        )
        if not link.is_valid():
            raise PreviewExpired
        return link.article

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except PreviewExpired:
            return render(request, "410.html", {"preview": True}, status=410)
        response = self.render_to_response(self.get_context_data(object=self.object))
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = True
        return context


class PreviewExpired(Exception):
    pass
