from django.urls import path

from newsroom.caching import public_page
from people import feeds, views

app_name = "people"

urlpatterns = [
    path("", public_page(views.PersonListView.as_view()), name="person-list"),
    path(
        "<slug:slug>/",
        public_page(views.follow_merges(views.PersonDetailView.as_view())),
        name="person-detail",
    ),
    path(
        "<slug:slug>/rss/",
        public_page(views.follow_merges(feeds.PersonFeed())),
        name="person-rss",
    ),
    path(
        "<slug:slug>/atom/",
        public_page(views.follow_merges(feeds.PersonAtomFeed())),
        name="person-atom",
    ),
]
