"""Bounds on input: body length, items per file, request size, mentions
per article, and a change page that stays light."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import (
    article_post,
    make_article,
    make_person,
    run_import,
)
from tests.security.records import jsonl, record

pytestmark = pytest.mark.django_db

THREE = "Premier paragraphe.\r\n\r\nDeuxième paragraphe.\r\n\r\nTroisième."


def test_a_body_over_the_limit_is_refused_with_a_clear_message(tmp_path, settings):
    settings.ARTICLE_MAX_BODY_CHARS = 1000
    path = jsonl(tmp_path, record(body="mot " * 300), record(slug="court"))
    output = run_import(path)
    line = next(x for x in output.splitlines() if f"{path}:1: body: " in x)
    assert "1200" in line and "1000" in line  # its length, the limit
    assert list(Article.objects.values_list("slug", flat=True)) == ["court"]


def test_a_file_with_too_many_articles_stops_with_a_located_error(tmp_path, settings):
    settings.IMPORT_MAX_ITEMS_PER_FILE = 2
    path = jsonl(tmp_path, *(record(slug=f"a{i}", title=f"T{i}") for i in range(4)))
    output = run_import(path)
    assert f"{path}: more than 2 articles; the rest was not read" in output
    assert Article.objects.count() == 2


def test_a_request_over_the_size_limit_is_refused_unread(client, editor, settings):
    settings.MAX_REQUEST_BYTES = 1000
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_import"),
        {"file": ("big.txt", b"x" * 5000)},
    )
    assert response.status_code == 413


def test_linking_keeps_at_most_the_mentions_an_article_may_hold(settings):
    from people.linker import link_article

    settings.MAX_MENTIONS_PER_ARTICLE = 5
    make_person("Aïssata Koné")
    article = make_article(body=" ".join(["Aïssata Koné parle."] * 20))
    result = link_article(article=article)
    assert (article.mentions.count(), result.dropped) == (5, 15)


def test_an_article_with_thousands_of_mentions_has_a_light_change_page(
    client, editor, django_assert_max_num_queries
):
    from people.models import Mention

    client.force_login(editor)
    article = make_article(body="Nom. " * 300)
    Mention.objects.bulk_create(
        Mention(
            article=article, start=5 * i, end=5 * i + 3, text="Nom", status="pending"
        )
        for i in range(300)
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    with django_assert_max_num_queries(40):
        html = client.get(url).content.decode()
    assert "mentions-TOTAL_FORMS" not in html
    assert reverse("admin:people_review", args=[article.pk]) in html
    # Saved without carrying every mention.
    assert (
        client.post(url, article_post(article, standfirst="Chapô.")).status_code == 302
    )
