"""Every admin page renders, with its search, for a superuser."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import connection
from django.urls import reverse

from tests.factories import (
    article_post,
    make_article,
    make_person,
    make_source,
    make_topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("root", password="pw"))
    return client


@pytest.mark.parametrize(
    "model", [m for m in admin.site._registry if m._meta.app_label != "auth"]
)
def test_changelist_add_and_search_render(superuser_client, model):
    make_person("Antony Blinken", aliases=["Tony Blinken"])
    article = make_article(
        body="Antony Blinken a déclaré : « Oui ».",
        source=make_source(),
        link=True,
    )
    article.topics.add(make_topic())
    info = model._meta.app_label, model._meta.model_name
    changelist = reverse("admin:{}_{}_changelist".format(*info))
    assert superuser_client.get(changelist).status_code == 200
    assert superuser_client.get(changelist, {"q": "Blinken"}).status_code == 200
    for obj in model._default_manager.all()[:1]:
        url = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
        assert superuser_client.get(url).status_code == 200


def test_article_change_page_shows_mentions_inline(superuser_client):
    make_person("Antony Blinken")
    article = make_article(body="Antony Blinken arrive.", link=True)
    url = reverse("admin:articles_article_change", args=[article.pk])
    html = superuser_client.get(url).content.decode()
    assert "mentions-0-person" in html
    assert "Antony Blinken" in html


def test_confirming_a_person_in_the_inline_stamps_the_decision(superuser_client):
    fidel = make_person("Fidel Castro")
    make_person("Raúl Castro")
    article = make_article(body="Fidel Castro et Raúl Castro. Castro.", link=True)
    pending = article.mentions.get(status="pending")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_post(article, mentions={pending: {"person": fidel.pk}})
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.person, pending.status, pending.decided_by.username) == (
        fidel,
        "confirmed",
        "root",
    )


def test_rejecting_a_name_in_the_inline_relinks_the_article(superuser_client):
    koné = make_person("Aïssata Koné")
    article = make_article(
        body="« Il faut agir », a déclaré Aïssata Koné.\n\nKoné a ajouté : « Non. »",
        link=True,
    )
    full = article.mentions.get(text="Aïssata Koné")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_post(article, mentions={full: {"status": "rejected"}})
    assert superuser_client.post(url, data).status_code == 302
    assert article.mentions.get(text="Koné").person is None
    assert not article.quotes.filter(speaker=koné).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="trigram indexes exist on PostgreSQL only (its run of .ci/run checks this)",
)
def test_admin_article_search_can_use_the_trigram_indexes():
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    from articles.models import Article

    model_admin = site._registry[Article]
    request = RequestFactory().get("/", {"q": "grève"})
    queryset, _ = model_admin.get_search_results(
        request, Article.objects.all(), "grève"
    )
    # Tiny test tables are read whole; forbid that (and plain index scans)
    # to see whether the trigram indexes match the admin's expressions.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset.order_by().explain()
    for column in ("title", "standfirst", "slug"):
        assert f"articles_article_{column}_trgm" in plan
