"""Every admin page renders, with its search, for a superuser."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import connection
from django.urls import reverse

from tests.factories import (
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


def test_admin_article_search_finds_body_words_and_filters_by_person(client, editor):
    from articles.models import Article
    from tests.factories import make_article, make_person

    make_person("Claire Dubois")
    make_article("Premier titre", "La digue du port a cédé cette nuit.", link=True)
    make_article(
        "Second titre",
        "Claire Dubois a visité le chantier.",
        status=Article.Status.DRAFT,
        link=True,
    )
    client.force_login(editor)
    found = client.get("/admin/articles/article/", {"q": "digue"})
    assert [a.title for a in found.context["cl"].result_list] == ["Premier titre"]
    named = client.get("/admin/articles/article/", {"person": "claire-dubois"})
    assert [a.title for a in named.context["cl"].result_list] == ["Second titre"]
    assert 'name="person" value="claire-dubois"' in named.content.decode()
    by_name = client.get(
        "/admin/articles/article/", {"person": "Claire Dubois", "status": "draft"}
    )
    assert by_name.context["cl"].result_count == 1
    assert 'type="hidden" name="status" value="draft"' in by_name.content.decode()
    nobody = client.get("/admin/articles/article/", {"person": "personne"})
    assert nobody.context["cl"].result_count == 0
