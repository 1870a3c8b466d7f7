"""The editorial workflow: who may move an article where, scheduling,
revisions, concurrent edits, corrections and previews."""

import datetime
import json
import re

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleTransition, Correction
from articles.services import (
    TransitionError,
    article_transition,
    revision_create,
    revision_restore,
)
from people.models import Mention
from tests.factories import article_post, make_article, make_person, make_topic

pytestmark = pytest.mark.django_db
S = Article.Status
NOON = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC)


def test_staff_submit_for_review_but_only_editors_publish(english, staff, editor):
    article = make_article(status=S.DRAFT)
    article_transition(article=article, to=S.IN_REVIEW, by=staff)
    with pytest.raises(TransitionError, match="Only editors"):
        article_transition(article=article, to=S.PUBLISHED, by=staff)
    article_transition(article=article, to=S.PUBLISHED, by=editor)
    article_transition(article=article, to=S.ARCHIVED, by=editor)
    with pytest.raises(TransitionError, match="cannot go from"):
        article_transition(article=article, to=S.IN_REVIEW, by=editor)
    moves = list(
        ArticleTransition.objects.order_by("pk").values_list(
            "from_status", "to_status", "by__username"
        )
    )
    assert moves == [
        ("draft", "in_review", "staff"),
        ("in_review", "published", "editor"),
        ("published", "archived", "editor"),
    ]
    article.refresh_from_db()
    assert article.published_at is not None


def test_status_change_in_the_admin_goes_through_the_workflow(client, editor, staff):
    article = make_article(status=S.DRAFT)
    client.force_login(staff)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_post(article, status=S.IN_REVIEW))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW
    client.force_login(editor)
    response = client.post(url, article_post(article, status=S.PUBLISHED))
    assert response.status_code == 302
    assert list(ArticleTransition.objects.values_list("to_status", "by__username")) == [
        ("published", "editor"),
        ("in_review", "staff"),
    ]


def test_scheduled_article_is_invisible_until_its_time(client):
    with time_machine.travel(NOON, tick=False):
        article = make_article(
            "Sous embargo",
            status=S.PUBLISHED,
            publish_at=NOON + datetime.timedelta(hours=2),
        )
        assert not Article.objects.published().filter(pk=article.pk).exists()
        assert article.is_scheduled()
        assert client.get(article.get_absolute_url()).status_code == 404
        assert "Sous embargo" not in client.get("/feeds/rss/").content.decode()
        assert "Sous embargo" not in client.get("/").content.decode()
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
        article.refresh_from_db()
        assert article.published_at is None  # not due yet
    with time_machine.travel(NOON + datetime.timedelta(hours=2, minutes=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Sous embargo" in client.get("/").content.decode()
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
        article.refresh_from_db()
        assert article.published_at == NOON + datetime.timedelta(hours=2)
        assert ArticleTransition.objects.filter(
            article=article, note="scheduled publication"
        ).exists()


def test_publish_scheduled_task_runs_the_same_rule():
    from articles.tasks import publish_scheduled

    with time_machine.travel(NOON, tick=False):
        make_article(
            status=S.PUBLISHED, publish_at=NOON - datetime.timedelta(minutes=1)
        )
        make_article(
            status=S.PUBLISHED, publish_at=NOON + datetime.timedelta(minutes=1)
        )
        assert publish_scheduled.enqueue().return_value == 1


def test_revisions_are_kept_diffed_and_restored(client, editor):
    topic = make_topic("Port")
    make_person("Antony Blinken")
    client.force_login(editor)
    add = client.post(
        reverse("admin:articles_article_add"),
        article_post(
            Article(
                title="Version un",
                slug="v",
                body="Antony Blinken arrive.",
                date=datetime.date(2024, 1, 1),
                status=S.DRAFT,
            ),
            topics=[topic.pk],
            edit_version="",
        ),
    )
    assert add.status_code == 302
    article = Article.objects.get()
    rejected = article.mentions.get()
    rejected.decide(status=Mention.Status.REJECTED, by=editor)
    rejected.save()
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(
        url,
        article_post(article, body="Texte réécrit. Antony Blinken part.", topics=[]),
    )
    article.refresh_from_db()
    assert article.revisions.count() == 2
    page = client.get(
        reverse("admin:articles_article_revisions", args=[article.pk]), {"a": 1, "b": 2}
    ).content.decode()
    assert "réécrit" in page and "diff_add" in page
    history = reverse("admin:articles_article_revisions", args=[article.pk])
    # Restoring asks first, showing what would change; an unconfirmed POST
    # changes nothing.
    confirm = client.get(history, {"restore": 1}).content.decode()
    assert 'name="confirmed" value="yes"' in confirm and "diff_sub" in confirm
    assert client.post(history, {"restore": 1}).status_code == 400
    article.refresh_from_db()
    assert article.body.startswith("Texte réécrit")
    client.post(history, {"restore": 1, "confirmed": "yes"})
    article.refresh_from_db()
    assert article.body == "Antony Blinken arrive."
    assert list(article.topics.all()) == [topic]
    assert article.revisions.count() == 3
    # The staff decision followed the restored body.
    assert article.mentions.get().status == Mention.Status.REJECTED


def test_restore_keeps_decisions_through_relinking(editor):
    make_person("Antony Blinken")
    article = make_article(body="Antony Blinken arrive. Blinken part.", link=True)
    first = revision_create(article=article, by=editor)
    mention = article.mentions.order_by("start").last()
    mention.decide(status=Mention.Status.REJECTED, by=editor)
    mention.save()
    article.body = "Tout autre chose."
    article.save()
    revision_restore(revision=first, by=editor)
    assert list(
        article.mentions.order_by("start").values_list("status", flat=True)
    ) == [
        "auto",
        "rejected",
    ]


def test_the_second_of_two_concurrent_saves_is_refused(client, editor):
    from tests.factories import make_user

    other = make_user("other-editor", groups=["Editors"])
    article = make_article(status=S.DRAFT, body="Texte initial.")
    url = reverse("admin:articles_article_change", args=[article.pk])
    # Both editors open the form at the same version.
    stale = article_post(article, body="Version du second.")
    client.force_login(other)
    assert (
        client.post(url, article_post(article, body="Version du premier.")).status_code
        == 302
    )
    client.force_login(editor)
    response = client.post(url, stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert "while you were editing" in html or "pendant que vous" in html
    assert reverse("admin:articles_article_revisions", args=[article.pk]) in html
    article.refresh_from_db()
    assert article.body == "Version du premier."


def test_corrections_are_shown_listed_and_in_json_ld(client):
    article = make_article("Un article corrigé", body="Texte.")
    Correction.objects.create(
        article=article,
        date=datetime.date(2024, 2, 1),
        kind="correction",
        text="Une erreur de date a été corrigée.",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Une erreur de date a été corrigée." in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["correction"][0]["text"] == "Une erreur de date a été corrigée."
    listing = client.get(reverse("articles:correction-list")).content.decode()
    assert "Un article corrigé" in listing


def test_staff_and_editors_preview_drafts_never_cached(client, staff):
    draft = make_article("Brouillon", status=S.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(staff)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "preview-banner" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_bulk_actions_submit_publish_archive_and_tag(client, editor):
    a, b = make_article(status=S.DRAFT), make_article(status=S.DRAFT)
    topic = make_topic("Économie")
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")
    ids = [a.pk, b.pk]
    client.post(changelist, {"action": "submit_selected", "_selected_action": ids})
    assert set(Article.objects.values_list("status", flat=True)) == {S.IN_REVIEW}
    client.post(changelist, {"action": "publish_selected", "_selected_action": ids})
    assert set(Article.objects.values_list("status", flat=True)) == {S.PUBLISHED}
    client.post(
        changelist,
        {
            "action": "add_topic",
            "_selected_action": ids,
            "apply": "1",
            "topic": topic.pk,
        },
    )
    assert all(topic in x.topics.all() for x in Article.objects.all())
    client.post(changelist, {"action": "archive_selected", "_selected_action": ids})
    assert set(Article.objects.values_list("status", flat=True)) == {S.ARCHIVED}


def test_dashboard_lists_review_and_scheduled(client, editor):
    make_article("À relire", status=S.IN_REVIEW)
    make_article(
        "Pour demain",
        status=S.PUBLISHED,
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    assert "À relire" in html and "Pour demain" in html


def test_visibility_is_never_early_and_at_most_a_minute_late():
    due = NOON + datetime.timedelta(seconds=30)
    article = make_article(status=S.PUBLISHED, publish_at=due)

    def visible() -> bool:
        return Article.objects.published().filter(pk=article.pk).exists()

    with time_machine.travel(NOON + datetime.timedelta(seconds=45), tick=False):
        assert not visible() and not article.is_published()
    with time_machine.travel(NOON + datetime.timedelta(seconds=60), tick=False):
        assert visible() and article.is_published()


def count_queries(client, url: str) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in ctx if "COUNT(*)" in q["sql"]]


def test_list_counts_are_kept_until_what_readers_see_changes(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.ARTICLES_PER_PAGE = 1
    with time_machine.travel(NOON, tick=False):
        make_article("Déjà là", status=S.PUBLISHED)
        make_article("Aussi là", status=S.PUBLISHED)
        make_article(
            "Sous embargo",
            status=S.PUBLISHED,
            publish_at=NOON + datetime.timedelta(hours=2),
        )
        assert len(count_queries(client, "/")) == 1
        assert "Page 1 sur 2" in client.get("/").content.decode()
    # Minutes pass (within the count lifetime, an hour): nothing readers see
    # has changed, nothing is recounted.
    with time_machine.travel(NOON + datetime.timedelta(minutes=50), tick=False):
        assert count_queries(client, "/") == []
    # The embargo ends: the count follows at once, without a new generation.
    with time_machine.travel(NOON + datetime.timedelta(hours=2), tick=False):
        assert len(count_queries(client, "/")) == 1
        assert "Page 1 sur 3" in client.get("/").content.decode()
    with time_machine.travel(
        NOON + datetime.timedelta(hours=2, minutes=30), tick=False
    ):
        assert count_queries(client, "/") == []
