import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from people.linker import link_article
from people.models import Mention
from tests.factories import make_article, make_person, make_source, make_topic

pytestmark = pytest.mark.django_db


def test_home_lists_published_newest_first_and_hides_others(client):
    make_article("Ancien", date=datetime.date(2023, 1, 1))
    make_article("Récent", date=datetime.date(2024, 6, 1))
    make_article("Brouillon", status=Article.Status.DRAFT)
    make_article("En relecture", status=Article.Status.IN_REVIEW)
    make_article("Archivé", status=Article.Status.ARCHIVED)
    response = client.get(reverse("articles:home"))
    titles = [a.title for a in response.context["articles"]]
    assert titles == ["Récent", "Ancien"]


@pytest.mark.parametrize("status", ["draft", "in_review", "archived"])
def test_unpublished_article_is_404(client, status):
    article = make_article(status=status)
    # An archived article was public once: it is Gone, not unknown.
    expected = 410 if status == "archived" else 404
    assert client.get(article.get_absolute_url()).status_code == expected


def test_article_page_links_each_mention_to_the_person(client):
    person = make_person("Antony Blinken")
    article = make_article(
        "Visite", body="Antony Blinken arrive.\n\nBlinken repart.", link=True
    )
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    link = f'<a class="person-link" href="{person.get_absolute_url()}">'
    assert html.count(link) == 2
    assert f"{link}Antony Blinken</a> arrive." in html
    assert f"<p>{link}Blinken</a> repart.</p>" in html


def test_rejected_and_pending_mentions_are_not_links(client, editor):
    make_person("Antony Blinken")
    article = make_article(body="Antony Blinken arrive. Blinken repart.", link=True)
    first = article.mentions.order_by("start").first()
    first.decide(status=Mention.Status.REJECTED, by=editor)
    first.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('class="person-link"') == 1


def test_text_from_articles_and_names_is_escaped(client):
    make_person("Evil <Name>")
    article = make_article(
        "<script>alert(1)</script>",
        body='Un <img src=x onerror="alert(1)"> et Evil <Name> ici.',
        link=True,
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "Evil &lt;Name&gt;</a>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_month_precision_date_is_never_a_made_up_day(client):
    article = make_article(date=datetime.date(2023, 1, 1), date_precision="month")
    with translation.override("fr"):
        assert article.date_display == "janvier 2023"
    with translation.override("en"):
        assert article.date_display == "January 2023"
    html = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content
    assert "janvier 2023" in html.decode()
    assert "1 janvier 2023" not in html.decode()


def test_article_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    people = [make_person(f"Personne Numéro{i}") for i in range(10)]
    body = " ".join(f"{p.name} parle." for p in people)
    article = make_article(body=body, source=make_source(), link=True)
    article.topics.set([make_topic("A"), make_topic("B"), make_topic("C")])
    with django_assert_max_num_queries(7):
        response = client.get(article.get_absolute_url())
    assert len(response.context["people"]) == 10


def test_person_page_lists_articles_that_mention_them(client):
    person = make_person("Aïssata Koné")
    make_article("Sans elle", body="Personne ici.")
    once = make_article("Une fois", body="Aïssata Koné parle.", link=True)
    twice = make_article(
        "Deux fois", body="Aïssata Koné parle. Koné insiste.", link=True
    )
    make_article(
        "Brouillon",
        body="Aïssata Koné parle.",
        status=Article.Status.DRAFT,
        link=True,
    )
    response = client.get(person.get_absolute_url())
    assert [a.title for a in response.context["articles"]] == [
        twice.title,
        once.title,
    ]


def test_person_page_shows_their_quotes(client):
    person = make_person("Aïssata Koné")
    article = make_article(body="« La grève continue », a déclaré Aïssata Koné.")
    from people.linker import link_article

    link_article(article=article)
    html = client.get(person.get_absolute_url()).content.decode()
    assert "La grève continue" in html


def test_person_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = make_person("Aïssata Koné")
    other = make_person("Paul Dufresne")

    def add(n):
        for i in range(n):
            make_article(
                f"Article {i} {n}",
                body=f"« Phrase {i} », a déclaré Aïssata Koné. Paul Dufresne aussi.",
                source=make_source(f"Source {i} {n}"),
                link=True,
            )

    def count_queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(person.get_absolute_url())
        assert response.status_code == 200
        return len(ctx)

    add(3)
    few = count_queries()
    add(12)
    with django_assert_max_num_queries(10):
        client.get(person.get_absolute_url() + "?x=1")
    assert count_queries() == few
    cache.clear()
    assert other in client.get(person.get_absolute_url()).context["seen_with"]


def test_people_index_counts_published_articles(client):
    person = make_person("Aïssata Koné")
    make_article(body="Aïssata Koné.", link=True)
    make_article(body="Aïssata Koné.", status=Article.Status.DRAFT, link=True)
    response = client.get(reverse("people:person-list"))
    assert [(p, p.n_articles) for p in response.context["people"]] == [(person, 1)]


def test_unknown_person_is_404(client):
    assert client.get("/people/nobody/").status_code == 404


def test_a_decision_whose_text_was_deleted_makes_no_article_related(client):
    make_person("Aïssata Koné")
    main = make_article("Principal", body="Aïssata Koné parle.", link=True)
    other = make_article("Autre", body="Aïssata Koné répond.", link=True)
    decision = other.mentions.get()
    decision.decide(status=Mention.Status.CONFIRMED, by=None)
    decision.save()
    assert [a.title for a in client.get(main.get_absolute_url()).context["related"]]
    # The name leaves the text: the decision is kept, but shows nowhere.
    other.body = "Plus personne ne parle."
    other.save()
    link_article(article=other)
    assert not other.mentions.get().is_anchored
    response = client.get(main.get_absolute_url())
    assert [a.title for a in response.context["related"]] == []
