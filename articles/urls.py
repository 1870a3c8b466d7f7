from django.urls import path
from django.utils.translation import gettext_lazy as _

from articles import feeds, previews, views
from articles.models import Author, Source
from newsroom.caching import public_page

app_name = "articles"

# Public pages, feeds included, are cached for anonymous readers
# (newsroom.caching). The decorator is applied here, once: as a
# method_decorator on dispatch it was re-applied on every request, and twice
# on subclassed views.

AUTHORS = views.IndexView.as_view(model=Author, title=_("Authors"))
SOURCES = views.IndexView.as_view(model=Source, title=_("Sources"))

urlpatterns = [
    path("", public_page(views.ArticleListView.as_view()), name="home"),
    path("search/", public_page(views.SearchView.as_view()), name="search"),
    path(
        "articles/<slug:slug>/",
        public_page(views.ArticleDetailView.as_view()),
        name="article-detail",
    ),
    # Never cached (not a public_page): each answer is private, no-store.
    path(
        "preview/<str:token>/",
        previews.ArticlePreviewView.as_view(),
        name="article-preview",
    ),
    path("topics/", public_page(views.IndexView.as_view()), name="topic-list"),
    path(
        "topics/<slug:slug>/",
        public_page(views.TopicDetailView.as_view()),
        name="topic-detail",
    ),
    path("topics/<slug:slug>/rss/", public_page(feeds.TopicFeed()), name="topic-rss"),
    path(
        "topics/<slug:slug>/atom/",
        public_page(feeds.TopicAtomFeed()),
        name="topic-atom",
    ),
    path("authors/", public_page(AUTHORS), name="author-list"),
    path(
        "authors/<slug:slug>/",
        public_page(views.AuthorDetailView.as_view()),
        name="author-detail",
    ),
    path(
        "authors/<slug:slug>/rss/", public_page(feeds.AuthorFeed()), name="author-rss"
    ),
    path(
        "authors/<slug:slug>/atom/",
        public_page(feeds.AuthorAtomFeed()),
        name="author-atom",
    ),
    path("sources/", public_page(SOURCES), name="source-list"),
    path(
        "sources/<slug:slug>/",
        public_page(views.SourceDetailView.as_view()),
        name="source-detail",
    ),
    path(
        "corrections/",
        public_page(views.CorrectionListView.as_view()),
        name="correction-list",
    ),
    path("feeds/rss/", public_page(feeds.LatestArticlesFeed()), name="rss"),
    path("feeds/atom/", public_page(feeds.LatestArticlesAtomFeed()), name="atom"),
]
