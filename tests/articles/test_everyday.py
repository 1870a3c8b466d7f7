"""Small things every newsroom site has: a favicon, descriptions that end
on a word, a new article dated today."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.templatetags.site import summary
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_favicon_ico_answers(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
    assert 'rel="icon"' in client.get("/").content.decode()


def test_a_meta_description_is_one_line_ending_on_a_word(client):
    body = "Le conseil a voté.\n\nIl " + "prolonge le budget du port " * 20
    article = make_article("Budget", body=body)
    html = client.get(article.get_absolute_url()).content.decode()
    start = html.index('<meta name="description" content="') + 34
    description = html[start : html.index('"', start)]
    assert "\n" not in description and len(description) <= 200
    assert description.endswith("…")
    assert body.replace("\n\n", " ").startswith(description[:-1])
    assert description[:-1].split()[-1] in body.split()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Court.", "Court."),
        ("Deux\n\nlignes", "Deux lignes"),
        ("mot " * 60, ("mot " * 49).strip() + "…"),
    ],
)
def test_summary(text, expected):
    assert summary(text) == expected


def test_a_new_article_is_dated_today(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in html or (
        timezone.localdate().strftime("%d/%m/%Y") in html
    )


def test_an_article_has_one_canonical_address_in_its_own_language(client):
    from tests.factories import make_article

    french = make_article("Un article", "Le texte en français.")
    english = make_article("An article", "The text in English.", language="en")
    for url in (f"/articles/{french.slug}/", f"/en/articles/{french.slug}/"):
        response = client.get(url)
        page = response.content.decode()
        assert response["Content-Language"] == "fr"
        assert (
            f'<link rel="canonical" href="http://testserver/articles/{french.slug}/">'
            in page
        )
        # The other interface shows the same French text: not a translation.
        assert "hreflang=" not in page.split("</head>")[0]
    page = client.get(f"/articles/{english.slug}/").content.decode()
    assert f'href="http://testserver/en/articles/{english.slug}/">' in page
    # Other pages are translated: their alternates stay.
    assert 'hreflang="en"' in client.get("/").content.decode().split("</head>")[0]
