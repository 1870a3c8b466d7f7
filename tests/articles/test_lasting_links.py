"""Links that last: a changed slug redirects, a withdrawn article is Gone."""

import pytest

from articles.models import Article
from articles.services import article_transition
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_an_old_slug_answers_301_to_the_new_address_in_every_language(client):
    article = make_article("Grève au port", slug="greve-au-port")
    article.slug = "greve-au-port-de-sete"
    article.save()
    old = client.get("/articles/greve-au-port/?page=2&utm_source=x")
    assert old.status_code == 301
    assert old["Location"] == "/articles/greve-au-port-de-sete/?page=2"
    english = client.get("/en/articles/greve-au-port/")
    assert english.status_code == 301
    assert english["Location"] == "/en/articles/greve-au-port-de-sete/"
    assert client.get(old["Location"]).status_code == 200
    # Renamed twice: both former addresses lead to the current one.
    article.slug = "greve-a-sete"
    article.save()
    assert client.get("/articles/greve-au-port/")["Location"] == (
        "/articles/greve-a-sete/"
    )
    assert client.get("/articles/greve-au-port-de-sete/")["Location"] == (
        "/articles/greve-a-sete/"
    )


def test_a_slug_taken_back_is_the_articles_own_again(client):
    article = make_article("Un", slug="un")
    article.slug = "deux"
    article.save()
    article.slug = "un"
    article.save()
    assert client.get("/articles/un/").status_code == 200
    assert client.get("/articles/deux/")["Location"] == "/articles/un/"


def test_an_archived_article_is_gone_and_a_draft_stays_unknown(client):
    archived = make_article("Retiré", slug="retire")
    article_transition(article=archived, to=Article.Status.ARCHIVED, by=None)
    gone = client.get("/articles/retire/")
    assert gone.status_code == 410
    assert "noindex" in gone.content.decode()
    draft = make_article("Brouillon", slug="brouillon", status="draft")
    draft.slug = "brouillon-2"
    draft.save()
    assert client.get("/articles/brouillon/").status_code == 404
    assert client.get("/articles/brouillon-2/").status_code == 404
    assert client.get("/articles/nulle-part/").status_code == 404
