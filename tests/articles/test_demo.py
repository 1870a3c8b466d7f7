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
    assert Article.objects.count() == published.count()
    for article in published[:5]:
        assert client.get(article.get_absolute_url()).status_code == 200
