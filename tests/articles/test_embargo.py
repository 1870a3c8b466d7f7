"""An article under embargo (published, with a publish_at still to come)
shows nowhere on the public site: not its title, not its quotations, not
the people it names together, not in any count."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from people.models import Quote
from tests.factories import make_article, make_person, make_source, make_topic

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Remaniement imminent"
SECRET_QUOTE = "Je quitte le gouvernement demain"


@pytest.fixture
def embargo():
    koné = make_person("Aïssata Koné")
    lefort = make_person("Bruno Lefort")  # named in the embargoed article only
    port = make_topic("Port")
    afp = make_source("AFP")
    public = make_article(
        "Grève au port",
        body="Aïssata Koné appelle à la grève des dockers.",
        source=afp,
        link=True,
    )
    public.topics.add(port)
    secret = make_article(
        SECRET_TITLE,
        body=(
            f"« {SECRET_QUOTE} », a déclaré Aïssata Koné.\n\n"
            "Bruno Lefort prendrait sa place au port."
        ),
        source=afp,
        publish_at=timezone.now() + datetime.timedelta(days=1),
        link=True,
    )
    secret.topics.add(port)
    # Linking found the quotation: the embargo is what hides it.
    assert Quote.objects.filter(article=secret, speaker=koné).exists()
    return {"koné": koné, "lefort": lefort, "public": public, "secret": secret}


def public_urls(embargo) -> list[str]:
    koné, lefort = embargo["koné"], embargo["lefort"]
    pages = [
        "/",
        "/?topic=port",
        f"/?person={koné.slug}",
        "/search/?q=remaniement",
        "/search/?q=gouvernement",
        embargo["public"].get_absolute_url(),
        koné.get_absolute_url(),
        lefort.get_absolute_url(),
        reverse("people:person-list"),
        reverse("articles:topic-list"),
        reverse("articles:topic-detail", args=["port"]),
        reverse("articles:source-list"),
        reverse("articles:source-detail", args=["afp"]),
        "/feeds/rss/",
        f"{koné.get_absolute_url()}rss/",
        "/topics/port/atom/",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
    ]
    return pages + ["/en" + url for url in pages if not url.endswith(".xml")]


def test_nothing_of_an_embargoed_article_shows_on_any_public_page(client, embargo):
    # Named only in the embargoed article: no public page until it is out.
    hidden = embargo["lefort"].get_absolute_url()
    for url in public_urls(embargo):
        response = client.get(url)
        assert response.status_code == (404 if url.endswith(hidden) else 200), url
        html = response.content.decode()
        assert SECRET_TITLE not in html, url
        assert embargo["secret"].slug not in html, url
        assert SECRET_QUOTE not in html, url


def test_a_person_page_leaves_out_embargoed_company(client, embargo):
    html = client.get(embargo["koné"].get_absolute_url()).content.decode()
    assert "Bruno Lefort" not in html


def test_counts_leave_out_embargoed_articles(client, embargo):
    topics = client.get(reverse("articles:topic-list")).context["topics"]
    assert [(t.name, t.n) for t in topics] == [("Port", 1)]
    sources = client.get(reverse("articles:source-list")).context["sources"]
    assert [(s.name, s.n) for s in sources] == [("AFP", 1)]
    people = client.get(reverse("people:person-list")).context["people"]
    # Bruno Lefort is named only in the embargoed article: not listed yet.
    assert {p.name: p.n_articles for p in people} == {"Aïssata Koné": 1}


def test_the_embargoed_article_shows_everywhere_once_its_time_comes(
    client, embargo, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    embargo["secret"].publish_at = timezone.now() - datetime.timedelta(minutes=2)
    embargo["secret"].save()
    koné = client.get(embargo["koné"].get_absolute_url()).content.decode()
    assert SECRET_QUOTE in koné and "Bruno Lefort" in koné
    related = client.get(embargo["public"].get_absolute_url()).content.decode()
    assert SECRET_TITLE in related
