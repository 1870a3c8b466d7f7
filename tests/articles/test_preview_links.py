"""Preview links: an Editor shares a draft with someone outside the
newsroom; the link opens without logging in, is never cached or indexed,
expires, and can be revoked."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import PreviewLink
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return make_article("Brouillon confidentiel", body="Texte.", status="draft")


def share(client, article) -> PreviewLink:
    url = reverse("admin:articles_article_preview_link", args=[article.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    link = PreviewLink.objects.get(article=article)
    assert link.get_absolute_url() in response.content.decode()
    return link


def test_an_editor_shares_a_draft_that_opens_without_login(client, editor, draft):
    client.force_login(editor)
    link = share(client, draft)
    expected = timezone.now() + datetime.timedelta(hours=48)
    assert abs((link.expires_at - expected).total_seconds()) < 60
    reader = Client()
    for _ in range(2):  # never served from the page cache
        response = reader.get(link.get_absolute_url())
        assert response.status_code == 200
        assert "Brouillon confidentiel" in response.content.decode()
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert "noindex" in response["X-Robots-Tag"]
        assert '<meta name="robots" content="noindex, nofollow">' in (
            response.content.decode()
        )
        assert not response.has_header("X-Page-Cache")
    # The draft's own address stays closed to readers.
    assert reader.get(draft.get_absolute_url()).status_code == 404


def test_an_expired_or_revoked_link_is_gone(client, editor, draft):
    client.force_login(editor)
    link = share(client, draft)
    reader = Client()
    link.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    link.save()
    assert reader.get(link.get_absolute_url()).status_code == 410
    other = share(client, make_article("Autre", status="draft"))
    changelist = reverse("admin:articles_previewlink_changelist")
    client.post(changelist, {"action": "revoke", "_selected_action": [other.pk]})
    gone = reader.get(other.get_absolute_url())
    assert gone.status_code == 410
    assert (
        "expired or was revoked"
        in Client().get("/en" + other.get_absolute_url()).content.decode()
    )
    assert reader.get("/preview/not-a-token/").status_code == 404


def test_staff_cannot_share_previews(client, draft):
    client.force_login(make_user("relecteur", groups=["Staff"]))
    url = reverse("admin:articles_article_preview_link", args=[draft.pk])
    assert client.post(url).status_code == 403
    assert not PreviewLink.objects.exists()
