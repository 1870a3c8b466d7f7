"""Photos named by wire input (RSS enclosures, Media RSS, ninjs
associations), fetched from a real HTTP server on 127.0.0.1."""

import json

import pytest
from django.test import override_settings

from articles.models import Article
from photos.fetch import FetchError, fetch
from photos.models import Photo
from tests.factories import run_import
from tests.http_server import Answer, serving
from tests.imagefiles import image_bytes, png_bomb

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
<title>Agence Photo</title><language>fr</language>
{items}
</channel></rss>"""
ITEM = """<item><title>{title}</title><guid>urn:test:{n}</guid>
<pubDate>Mon, 03 Jun 2024 08:00:00 GMT</pubDate>
<description>Le conseil municipal a voté le budget mardi soir.</description>
{media}</item>"""


def feed(tmp_path, *media: str):
    items = "".join(
        ITEM.format(title=f"Dépêche numéro {n}", n=n, media=m)
        for n, m in enumerate(media, start=1)
    )
    path = tmp_path / "wire.rss"
    path.write_text(RSS.format(items=items), encoding="utf-8")
    return path


def media_content(url: str, caption: str = "La mairie, mardi.") -> str:
    return (
        f'<media:content url="{url}" medium="image" type="image/jpeg">'
        f"<media:description>{caption}</media:description>"
        "<media:credit>Agence Photo</media:credit></media:content>"
    )


def test_media_rss_photo_becomes_the_lead_photo_with_its_caption_and_credit(
    tmp_path,
):
    answers = {"/a.jpg": Answer(image_bytes(1400, 800))}
    with serving(answers) as server:
        output = run_import(feed(tmp_path, media_content(f"{server.url}/a.jpg")))
    assert "1 created" in output, output
    article = Article.objects.get()
    photo = article.lead_photo
    assert (photo.caption, photo.credit) == ("La mairie, mardi.", "Agence Photo")
    assert photo.alt_text == "La mairie, mardi."  # no alt given: the caption
    assert photo.source_url == f"{server.url}/a.jpg"
    assert photo.renditions.filter(width=1400).count() == 2
    # media:description is the photo's caption, not the article's body.
    assert article.body == "Le conseil municipal a voté le budget mardi soir."


def test_an_image_two_articles_share_is_stored_once_and_not_fetched_again(tmp_path):
    answers = {"/same.png": Answer(image_bytes(500, 300, "PNG"), "image/png")}
    with serving(answers) as server:
        enclosure = f'<enclosure url="{server.url}/same.png" type="image/png"/>'
        path = feed(
            tmp_path,
            enclosure + "<media:description>Le port.</media:description>",
            enclosure + media_content("", "Le port, au matin."),
        )
        first = run_import(path)
        # Imported again: nothing new, and no second fetch for articles that
        # have their photo.
        output = run_import(path)
    assert "2 created" in first and "2 unchanged" in output, (first, output)
    assert Photo.objects.count() == 1
    assert server.hits == ["/same.png", "/same.png"]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (Answer(b"<html>Not found</html>", "text/html"), "not an image"),
        (Answer(png_bomb(), "image/png"), "too many pixels|over the limit"),
        (Answer(b"GIF89a-but-not-really", "image/gif"), "not an image Pillow"),
        (Answer(b"", status=500), "answered 500"),
        (Answer(image_bytes(2000, 2000, quality=100)), "over the 0.0 MB limit"),
    ],
)
@override_settings(PHOTO_FETCH_MAX_BYTES=40_000)
def test_a_refused_photo_leaves_the_article_imported_and_a_located_warning(
    tmp_path, answer, message
):
    with serving({"/p": answer}) as server:
        output = run_import(feed(tmp_path, media_content(f"{server.url}/p")))
    assert "1 created" in output and "FAILED" not in output
    warning = [line for line in output.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1, output
    assert "wire.rss:1: photo http://127.0.0.1:" in warning[0]
    assert __import__("re").search(message, warning[0]), warning[0]
    assert Article.objects.get().lead_photo is None
    assert not Photo.objects.exists()


@override_settings(PHOTO_FETCH_TIMEOUT=0.5)
def test_a_server_that_drips_is_cut_off_by_the_total_timeout():
    slow = Answer(image_bytes(800, 800, quality=95), drip_seconds=0.05)
    with serving({"/slow.jpg": slow}) as server, pytest.raises(FetchError) as caught:
        fetch(f"{server.url}/slow.jpg")
    assert "within 0.5 s" in str(caught.value)


def test_only_http_addresses_are_fetched():
    with pytest.raises(FetchError, match="not an http"):
        fetch("file:///etc/passwd")


def test_ninjs_associations_give_the_lead_photo(tmp_path):
    answers = {"/orig.jpg": Answer(image_bytes(1300, 700))}
    with serving(answers) as server:
        item = {
            "uri": "urn:ninjs:1",
            "headline": "Le budget adopté",
            "body_text": "Le conseil municipal a voté le budget.",
            "firstcreated": "2024-06-03T08:00:00Z",
            "language": "fr",
            "associations": {
                "featureimage": {
                    "type": "picture",
                    "description_text": "La salle du conseil.",
                    "byline": "Studio Test",
                    "renditions": {
                        "thumb": {"href": f"{server.url}/t.jpg", "width": 100},
                        "original": {"href": f"{server.url}/orig.jpg", "width": 1300},
                    },
                }
            },
        }
        path = tmp_path / "item.json"
        path.write_text(json.dumps(item), encoding="utf-8")
        output = run_import(path)
    assert "1 created" in output, output
    photo = Article.objects.get().lead_photo
    assert (photo.width, photo.caption, photo.credit) == (
        1300,
        "La salle du conseil.",
        "Studio Test",
    )
    assert server.hits == ["/orig.jpg"]
