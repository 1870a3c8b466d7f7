"""The topic, source and author indexes, and the lists' filter choices,
follow what they show (which rows are public, their counts and names), not
every publication: counting the archive per topic after each one was the
largest database work a newsroom's writes caused readers' pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Author, Byline
from articles.services import article_transition
from tests.factories import make_article, make_source, make_topic

pytestmark = pytest.mark.django_db

INDEXES = ("/topics/", "/sources/", "/authors/")


def cached(client, url: str) -> str:
    return client.get(url)["X-Page-Cache"]


@pytest.fixture
def indexes(client):
    """One published article with a topic, a source and an author; the
    three indexes cached."""
    port, agency = make_topic("Port"), make_source("Agence Littoral")
    author = Author.objects.create(name="Claire Martin")
    first = make_article("Grève au port", source=agency)
    first.topics.add(port)
    Byline.objects.create(article=first, author=author)
    for url in INDEXES:
        client.get(url)
        assert cached(client, url) == "hit", url
    return {"port": port, "agency": agency, "author": author, "first": first}


def test_a_publication_with_none_of_them_leaves_the_indexes_cached(client, indexes):
    news = make_article("Conseil municipal", status="draft")
    article_transition(article=news, to="published", by=None)
    assert [cached(client, url) for url in INDEXES] == ["hit"] * 3
    assert cached(client, "/") == "miss"  # the lists do follow it


def test_a_publication_with_a_topic_refreshes_the_topics_count(client, indexes):
    news = make_article("Nouveau quai", status="draft")
    news.topics.add(indexes["port"])
    article_transition(article=news, to="published", by=None)
    response = client.get("/topics/")
    assert response["X-Page-Cache"] == "miss"
    assert "2 articles" in response.content.decode()
    assert cached(client, "/sources/") == "hit"


def test_a_source_and_an_author_count_their_new_articles(client, indexes):
    news = make_article("Dépêche", status="draft", source=indexes["agency"])
    Byline.objects.create(article=news, author=indexes["author"])
    article_transition(article=news, to="published", by=None)
    for url in ("/sources/", "/authors/"):
        response = client.get(url)
        assert "2 articles" in response.content.decode(), url


def test_an_article_leaving_its_source_refreshes_the_index_and_the_page(
    client, indexes
):
    page = indexes["agency"].get_absolute_url()
    assert client.get(page).status_code == 200
    first = Article.objects.get(pk=indexes["first"].pk)
    first.source = None
    first.save()
    assert "Agence Littoral" not in client.get("/sources/").content.decode()
    # Its only article gone from it: no longer public.
    assert client.get(page).status_code == 404


def test_deleting_a_published_article_empties_the_indexes(client, indexes):
    topic_page = indexes["port"].get_absolute_url()
    assert client.get(topic_page).status_code == 200
    Article.objects.get(pk=indexes["first"].pk).delete()
    names = ("Port", "Agence Littoral", "Claire Martin")
    for url, name in zip(INDEXES, names, strict=True):
        assert name not in client.get(url).content.decode(), url
    # Read before the row went: its topics are deleted with it, unsignalled.
    assert client.get(topic_page).status_code == 404


def test_a_topic_or_an_author_renamed_is_renamed_in_its_index(client, indexes):
    indexes["port"].name = "Ports de commerce"
    indexes["port"].save()
    indexes["author"].name = "Claire Martin-Roux"
    indexes["author"].save()
    assert "Ports de commerce" in client.get("/topics/").content.decode()
    assert "Claire Martin-Roux" in client.get("/authors/").content.decode()
    assert cached(client, "/sources/") == "hit"


def test_the_filters_topics_are_kept_until_a_topic_comes_or_goes(client, indexes):
    # The home page's filters offer the public topics.
    assert ">Port</option>" in client.get("/").content.decode()
    news = make_article("Conseil municipal", status="draft")
    article_transition(article=news, to="published", by=None)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert ">Port</option>" in response.content.decode()
    assert not [q for q in queries if 'FROM "articles_topic"' in q["sql"]]
    budget = make_topic("Budget primitif")
    assert "Budget primitif" not in client.get("/").content.decode()
    vote = make_article("Vote du budget", status="draft")
    vote.topics.add(budget)
    article_transition(article=vote, to="published", by=None)
    assert ">Budget primitif</option>" in client.get("/").content.decode()
