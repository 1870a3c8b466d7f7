from django.urls import path

from articles import feeds
from people import views

app_name = "people"

urlpatterns = [
    path("", views.PersonListView.as_view(), name="person-list"),
    path("<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("<slug:slug>/rss/", feeds.PersonFeed(), name="person-rss"),
    path("<slug:slug>/atom/", feeds.PersonAtomFeed(), name="person-atom"),
]
