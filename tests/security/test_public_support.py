"""Public pages show only what published articles support, and bad input
is a 400, never an outage."""

import json

import pytest
from django.urls import reverse

from articles.models import Topic
from tests.factories import (
    make_article,
    make_person,
    run_import,
)

pytestmark = pytest.mark.django_db

THREE = "Premier paragraphe.\r\n\r\nDeuxième paragraphe.\r\n\r\nTroisième."


def test_a_role_seen_only_in_an_embargoed_article_stays_off_public_pages(client):
    import datetime

    from django.utils import timezone

    from people.models import Role

    person = make_person("Aïssata Koné")
    make_article("Public", body="Aïssata Koné parle.", link=True)
    later = timezone.now() + datetime.timedelta(days=1)
    secret = make_article(
        "Secret", body="La ministre des Secrets Aïssata Koné.", publish_at=later
    )
    Role.objects.create(
        person=person, title="ministre des Secrets", article=secret, status="confirmed"
    )
    html = client.get(person.get_absolute_url()).content.decode()
    assert "ministre des Secrets" not in html
    secret.publish_at = None
    secret.save()
    html = client.get(person.get_absolute_url()).content.decode()
    assert "ministre des Secrets" in html


def test_a_topic_of_drafts_only_is_not_public(client, tmp_path):
    path = tmp_path / "draft.json"
    path.write_text(
        json.dumps(
            {
                "headline": "Brouillon",
                "body_text": "Texte.",
                "firstcreated": "2024-05-01T08:00:00Z",
                "subject": [{"name": "Sujet Secret"}],
            }
        ),
        encoding="utf-8",
    )
    run_import(path)
    topic = Topic.objects.get(name="Sujet Secret")
    for url in ("/topics/", "/", "/sitemap-topics.xml"):
        assert "Sujet Secret" not in client.get(url).content.decode(), url
        assert topic.slug not in client.get(url).content.decode(), url
    assert client.get(f"/topics/{topic.slug}/").status_code == 404
    assert client.get(f"/topics/{topic.slug}/rss/").status_code == 404


def test_people_with_no_published_mention_are_not_listed_nor_found(client):
    make_person("Zoé Inconnue")
    make_article("Brouillon", body="Zoé Inconnue parle.", status="draft", link=True)
    assert "Zoé Inconnue" not in client.get("/people/").content.decode()
    assert "Zoé Inconnue" not in client.get("/search/?q=inconnue").content.decode()
    assert client.get("/people/zoe-inconnue/").status_code == 404


@pytest.mark.parametrize(
    ("error", "status"),
    [
        ("DataError", 400),
        ("IntegrityError", 400),
        ("OperationalError", 503),
        ("InterfaceError", 503),
        ("ValueError", 500),
    ],
)
def test_only_a_lost_database_is_an_outage(rf, error, status):
    from django import db

    from newsroom.health import server_error

    exception = getattr(db, error, None) or ValueError
    try:
        raise exception("boom")
    except Exception:  # noqa: BLE001 - the handler reads the one being handled
        response = server_error(rf.get("/"))
    assert response.status_code == status
    assert ("Retry-After" in response) == (status == 503)


def test_a_bad_value_in_an_admin_list_filter_is_never_a_server_error(
    admin_client,
):
    admin_client.raise_request_exception = False
    make_article()
    response = admin_client.get("/admin/articles/article/?status__exact=%00")
    assert response.status_code in (200, 400)


def test_restoring_a_revision_that_is_not_a_number_is_a_bad_request(client, editor):
    client.force_login(editor)
    article = make_article()
    url = reverse("admin:articles_article_revisions", args=[article.pk])
    assert client.post(url, {"restore": "x"}).status_code == 400
