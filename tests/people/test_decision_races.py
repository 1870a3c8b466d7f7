"""Staff decisions are never lost to work done at the same moment: an
editor's save from a form opened earlier, or a relink holding the article.
Each race is played on two real database connections (a second thread)."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from articles.models import Article, Topic
from people.linker import link_article
from people.models import Mention
from tests.factories import article_post, make_article, make_person, make_user

pytestmark = pytest.mark.django_db(transaction=True)

BODY = (
    "« Le port vivra », a déclaré Aïssata Koné devant les dockers. "
    "M. Benali, présent, n'a rien dit.\n\nKoné a promis une réponse."
)


def in_thread(target, *args):
    """Run `target` on a connection of its own; its result or error."""
    outcome = {}

    def run():
        try:
            outcome["value"] = target(*args)
        except Exception as error:  # reported to the test, not lost
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def article():
    make_person("Aïssata Koné")
    make_person("Karim Benali")
    return make_article(body=BODY, link=True)


def test_an_editors_stale_save_keeps_confirmations_and_topics(article):
    editor = logged_in(make_user("editrice", groups=["Editors"]))
    staff_user = make_user("relecteur", groups=["Staff"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert editor.get(url).status_code == 200
    opened = article_post(Article.objects.get(pk=article.pk), standfirst="Chapô.")
    port = Topic.objects.create(name="Port", slug="port")

    def staff_work():
        staff = logged_in(staff_user)
        auto = list(article.mentions.filter(status="auto").values_list("pk", flat=True))
        changelist = reverse("admin:people_mention_changelist")
        staff.post(changelist, {"action": "confirm", "_selected_action": auto})
        articles = reverse("admin:articles_article_changelist")
        staff.post(
            articles,
            {
                "action": "add_topic",
                "_selected_action": [article.pk],
                "topic": port.pk,
                "apply": "1",
            },
        )

    thread, outcome = in_thread(staff_work)
    thread.join(30)
    assert "error" not in outcome, outcome
    assert not article.mentions.filter(status="auto").exists()
    assert list(article.topics.all()) == [port]

    # The editor saves the standfirst from the form opened before.
    assert editor.post(url, opened).status_code == 302
    article.refresh_from_db()
    assert article.standfirst == "Chapô."
    assert list(article.topics.all()) == [port]
    confirmed = article.mentions.filter(status="confirmed")
    assert confirmed.count() == 2
    assert set(confirmed.values_list("decided_by__username", flat=True)) == {
        "relecteur"
    }


def relink_holding_the_article(article_id, relinked, release):
    """An editor's body change relinked: its transaction holds the article
    until `release`."""
    with transaction.atomic():
        article = Article.objects.get(pk=article_id)
        article.body = "Un paragraphe ajouté.\n\n" + article.body
        article.save()
        link_article(article=article)
        relinked.set()
        release.wait(20)


@pytest.mark.parametrize("way", ["bulk link", "review page reject"])
def test_a_decision_made_while_a_relink_runs_waits_and_is_stored(article, way):
    benali = article.mentions.get(text="Benali")
    assert benali.status == "pending"
    staff_user = make_user("relecteur", groups=["Staff"])
    relinked, release = threading.Event(), threading.Event()
    relinker, relinked_outcome = in_thread(
        relink_holding_the_article, article.pk, relinked, release
    )
    assert relinked.wait(20)

    def decide():
        staff = logged_in(staff_user)
        if way == "bulk link":
            return staff.post(
                "/en" + reverse("admin:people_mention_changelist"),
                {
                    "action": "link_to_person",
                    "_selected_action": [benali.pk],
                    "person": benali.person_id,
                    "apply": "1",
                },
                follow=True,
            )
        url = reverse("admin:people_review_act", args=[article.pk])
        return staff.post(
            url,
            {"action": "reject", "mention": benali.pk, "start": 0, "end": 0},
        )

    decider, decided = in_thread(decide)
    time.sleep(0.5)
    # The decision waits for the relink's transaction...
    assert decider.is_alive() and "value" not in decided
    release.set()
    relinker.join(30)
    decider.join(30)
    assert "error" not in relinked_outcome and "error" not in decided, decided
    response = decided["value"]
    assert response.status_code == 200
    # ...and what it reported done is stored, on the moved name.
    stored = Mention.objects.get(article=article, text="Benali")
    assert stored.start == benali.start + len("Un paragraphe ajouté.\n\n")
    if way == "bulk link":
        assert "1 mention linked" in response.content.decode()
        assert (stored.status, stored.person_id) == ("confirmed", benali.person_id)
    else:
        assert response.json()["ok"]
        assert stored.status == "rejected"
    assert stored.decided_by == staff_user
