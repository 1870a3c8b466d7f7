"""The demo corpus loads and gives every page something real to show."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from people.models import Mention, Quote

pytestmark = pytest.mark.django_db


def test_load_demo_is_complete_and_idempotent(client):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Admin account: admin / " in out.getvalue()
    published = Article.objects.published()
    assert published.count() >= 30
    assert set(published.values_list("language", flat=True)) == {"fr", "en"}
    assert published.filter(date_precision="month").exists()
    assert Mention.objects.linked().count() > 60
    assert Mention.objects.filter(status="pending").exists()
    assert Quote.objects.filter(speaker__isnull=False).count() >= 25
    call_command("load_demo", "--no-admin", stdout=StringIO())
    # One more, scheduled for later (not yet published for readers).
    assert Article.objects.count() == published.count() + 1
    for article in published[:5]:
        assert client.get(article.get_absolute_url()).status_code == 200


def test_the_demo_gives_every_page_and_filter_something(client):
    from articles.models import Author, Correction, Source, Topic
    from people.models import Person, Role
    from photos.models import Photo

    call_command("load_demo", "--no-admin", stdout=StringIO())
    call_command("load_demo", "--no-admin", stdout=StringIO())  # again: no doubles
    assert Topic.objects.public().count() >= 6
    assert Source.objects.public().count() == 3
    assert Author.objects.public().count() == 5
    assert Photo.objects.count() == 8
    assert Article.objects.published().filter(lead_photo__isnull=False).count() >= 10
    assert Role.objects.public().count() >= 6
    assert Person.objects.exclude(wikidata_id="").count() == 3
    assert Correction.objects.count() == 1
    assert Article.objects.scheduled().count() == 1
    scheduled = Article.objects.scheduled().get()
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    kone = Person.objects.get(name="Aïssata Koné")
    pages = {
        "/": "Voltaire",
        "/topics/": "Transports",
        "/sources/": "Brume Presse",
        "/authors/": "Claire Morvan",
        "/authors/claire-morvan/": "<picture",
        "/topics/transports/": "tramway",
        "/corrections/": "221 millions",
        kone.get_absolute_url(): "<picture",
        "/people/helene-dufresne-marchal/": "maire",
        "/api/v1/articles/": "lead_photo",
    }
    for url, expected in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in response.content.decode(), url
    with_photo = Article.objects.published().filter(lead_photo__isnull=False)[0]
    page = client.get(with_photo.get_absolute_url()).content.decode()
    assert 'property="og:image"' in page and "srcset=" in page
