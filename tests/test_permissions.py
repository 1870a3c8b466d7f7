"""The Editors and Staff boundaries, through the admin as people use it."""

import pytest
from django.urls import reverse

from articles.models import Article
from people.models import Mention
from tests.factories import article_post, make_article, make_person, make_topic

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_the_login_page(client):
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_editor_can_publish(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_post(article, status="published"))
    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert article.status == "published"
    assert article.updated_by == editor


def test_editor_can_create_and_delete_articles(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:articles_article_add")).status_code == 200
    article = make_article()
    url = reverse("admin:articles_article_delete", args=[article.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Article.objects.exists()


def test_staff_may_tag_an_article(client, staff):
    article = make_article(status=Article.Status.DRAFT)
    topic = make_topic("Économie")
    client.force_login(staff)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_post(article, topics=[topic.pk]))
    assert response.status_code == 302
    assert list(article.topics.all()) == [topic]


def test_staff_may_not_publish_nor_edit_the_text(client, staff):
    article = make_article(status=Article.Status.DRAFT, body="Texte original.")
    client.force_login(staff)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(url, article_post(article, status="published", body="Réécrit."))
    article.refresh_from_db()
    assert article.status == "draft"
    assert article.body == "Texte original."


def test_staff_may_not_delete_nor_add_articles(client, staff):
    article = make_article()
    client.force_login(staff)
    url = reverse("admin:articles_article_delete", args=[article.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:articles_article_add")).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_staff_may_not_use_the_publish_action(client, staff):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(staff)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == "draft"
    assert response.status_code in (200, 302)


def test_editor_publish_action(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == "published"


def test_editor_without_publish_permission_cannot_publish_by_form(
    english, client, editor
):
    from django.contrib.auth.models import Permission

    editor.groups.clear()
    editor.user_permissions.set(
        Permission.objects.filter(
            codename__in=["add_article", "change_article", "view_article"]
        )
    )
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_post(article, status="published"))
    assert response.status_code == 200
    assert "Only editors may publish" in response.content.decode()
    article.refresh_from_db()
    assert article.status == "draft"


def test_staff_manage_people_and_decide_mentions(client, staff):
    person = make_person("Aïssata Koné")
    article = make_article(body="Aïssata Koné parle.", link=True)
    client.force_login(staff)
    assert client.get(reverse("admin:people_person_add")).status_code == 200
    client.post(
        reverse("admin:people_mention_changelist"),
        {"action": "reject", "_selected_action": [article.mentions.get().pk]},
    )
    mention = Mention.objects.get()
    assert (mention.status, mention.decided_by, mention.person) == (
        "rejected",
        staff,
        person,
    )


def test_staff_may_not_touch_sources(client, staff):
    client.force_login(staff)
    assert client.get(reverse("admin:articles_source_add")).status_code == 403
