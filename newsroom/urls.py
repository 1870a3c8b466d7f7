from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from articles import api as articles_api
from articles.sitemaps import SITEMAPS, news_sitemap
from articles.views import robots_txt
from newsroom.api import cached, schema_view
from newsroom.caching import public_page
from newsroom.health import healthz
from newsroom.media import media_urls
from people import api as people_api

handler500 = "newsroom.health.server_error"


def favicon(request):
    """Browsers and crawlers ask /favicon.ico whatever the page says."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


admin.site.site_header = admin.site.site_title = "Newsroom"
admin.site.index_title = _("Newsroom administration")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    # Crawlers' pages: cached for anonymous requests like the reader's.
    path("robots.txt", public_page(robots_txt), name="robots"),
    path(
        "sitemap.xml",
        public_page(sitemap_index),
        {"sitemaps": SITEMAPS},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    # The last two days: its content moves at midnight with no change made.
    path(
        "news-sitemap.xml",
        public_page(news_sitemap, seconds=300),
        name="news-sitemap",
    ),
    *media_urls(),
    # Outside the language prefixes: data, one address per resource.
    path(
        "api/v1/",
        include(
            [
                path("schema/", cached(schema_view), name="api-schema"),
                *articles_api.urls(),
                *people_api.urls(),
            ]
        ),
    ),
]
# French at the root, English under /en/: each page has one URL per
# language, which caches and indexes cleanly.
urlpatterns += i18n_patterns(
    path(settings.ADMIN_URL, admin.site.urls),
    path("people/", include("people.urls")),
    path("", include("articles.urls")),
    prefix_default_language=False,
)
