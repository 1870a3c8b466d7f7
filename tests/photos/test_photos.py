"""The image library: what is refused, what renditions are made, and a
photo shown on an article page (srcset, WebP, og:image, JSON-LD)."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from articles.models import Article
from photos import images
from photos.models import Photo
from photos.services import photo_create
from tests.factories import make_article, make_person
from tests.imagefiles import image_bytes, png_bomb

TEXTS = {"alt_text": "Une salle d'audience vide", "caption": "", "credit": "Studio"}


@pytest.mark.usefixtures("english")
def test_inspect_accepts_real_images_and_names_what_it_refuses():
    assert images.inspect(image_bytes(50, 40)).width == 50
    assert images.inspect(image_bytes(50, 40, "PNG")).format == "PNG"
    with pytest.raises(ValidationError, match="not an image"):
        images.inspect(b"<html>not a picture</html>")
    with pytest.raises(ValidationError, match="too many pixels|over the limit"):
        images.inspect(png_bomb())
    with pytest.raises(ValidationError, match="damaged"):
        images.inspect(image_bytes(400, 300)[:600])


@override_settings(PHOTO_MAX_PIXELS=10_000)
@pytest.mark.usefixtures("english")
def test_the_pixel_limit_is_a_setting():
    with pytest.raises(ValidationError, match="over the limit"):
        images.inspect(image_bytes(200, 100))


@pytest.mark.django_db
def test_renditions_are_made_once_in_webp_and_jpeg_never_wider_than_the_original():
    photo, created = photo_create(image_bytes(1500, 1000), name="a.jpg", fields=TEXTS)
    assert created
    sizes = sorted((r.format, r.width) for r in photo.renditions.all())
    widths = [320, 640, 960, 1280, 1500]
    assert sizes == sorted(
        [("jpeg", w) for w in widths] + [("webp", w) for w in widths]
    )
    r640 = photo.renditions.get(format="webp", width=640)
    assert r640.height == 427
    with r640.file.open("rb") as handle:
        assert images.inspect(handle.read()).format == "WEBP"
    # The same image again is the same photo: no second file, texts kept.
    again, created = photo_create(
        image_bytes(1500, 1000), name="b.jpg", fields={**TEXTS, "alt_text": "x"}
    )
    assert (again.pk, created, again.alt_text) == (photo.pk, False, TEXTS["alt_text"])


@pytest.mark.django_db
def test_transparent_and_small_images_still_get_a_rendition():
    photo, _ = photo_create(
        image_bytes(200, 100, "PNG", alpha=True, colour=(0, 0, 0, 0)),
        name="logo.png",
        fields=TEXTS,
    )
    assert sorted(photo.renditions.values_list("width", flat=True)) == [200, 200]


@pytest.mark.django_db
def test_alt_text_is_required_and_nothing_is_left_behind():
    with pytest.raises(ValidationError) as caught:
        photo_create(image_bytes(), name="a.jpg", fields={**TEXTS, "alt_text": ""})
    assert "alt_text" in caught.value.error_dict
    assert not Photo.objects.exists()


@pytest.mark.django_db
def test_deleting_a_photo_removes_its_files(django_capture_on_commit_callbacks):
    photo, _ = photo_create(image_bytes(700, 400), name="a.jpg", fields=TEXTS)
    storage = photo.image.storage
    names = [photo.image.name, *(r.file.name for r in photo.renditions.all())]
    assert all(storage.exists(n) for n in names)
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert not any(storage.exists(n) for n in names)


def lead_article(client_caption: str = "") -> Article:
    photo, _ = photo_create(
        image_bytes(1600, 900),
        name="lead.jpg",
        fields={**TEXTS, "caption": client_caption},
    )
    return make_article(
        "Un procès s'ouvre",
        "Claire Dubois a pris la parole devant la cour.",
        lead_photo=photo,
        link=True,
    )


@pytest.mark.django_db
def test_a_reader_sees_the_lead_photo_with_srcset_and_previews_carry_it(client):
    make_person("Claire Dubois")
    article = lead_article("Claire Dubois à la sortie de l'audience.")
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<source type="image/webp" srcset="/media/renditions/' in page
    assert " 1600w" in page and " 320w" in page
    assert 'width="960" height="540"' in page  # no layout shift
    assert 'alt="Une salle d&#x27;audience vide"' in page
    assert 'fetchpriority="high"' in page  # above the fold: not lazy
    assert '<meta property="og:image" content="http://testserver/media/' in page
    assert '<meta property="og:image:width" content="1600">' in page
    data = json.loads(page.split('application/ld+json">', 1)[1].split("</script>")[0])
    assert data["image"][0].startswith("http://testserver/media/renditions/")
    assert data["image"][0].endswith("-1600.jpg")
    # The caption's name is a link, like in the body.
    caption = page.split("<figcaption>", 1)[1].split("</figcaption>")[0]
    assert 'class="person-link" href="/people/claire-dubois/"' in caption
    assert "Photo: Studio" in caption or "Photo : Studio" in caption


@pytest.mark.django_db
def test_the_photo_file_is_served_with_a_long_cache_life(client):
    article = lead_article()
    rendition = article.lead_photo.renditions.first()
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:2] in (b"\xff\xd8", b"RI")


@pytest.mark.django_db
def test_the_article_page_with_a_photo_stays_within_its_query_budget(
    client, django_assert_max_num_queries
):
    make_person("Claire Dubois")
    article = lead_article("Claire Dubois.")
    url = article.get_absolute_url()
    # Cold: the article page's seven, the photo's renditions, the
    # directory's version (its automaton is built once per process).
    with django_assert_max_num_queries(10):
        client.get(url)
    # The page cache bypassed (a query string it does not know), the parts
    # remembered: the photo costs no query.
    with django_assert_max_num_queries(3):
        client.get(url, {"nocache": "1"})


@pytest.mark.django_db
def test_editing_the_alt_text_refreshes_the_cached_article_page(
    client, django_capture_on_commit_callbacks
):
    article = lead_article()
    url = article.get_absolute_url()
    assert b"Une salle d&#x27;audience vide" in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        photo = article.lead_photo
        photo.alt_text = "Le palais de justice"
        photo.save()
    assert b"Le palais de justice" in client.get(url).content


@pytest.mark.django_db
def test_person_and_author_portraits_are_shown(client):
    from articles.authors import set_authors
    from articles.models import Author

    portrait, _ = photo_create(image_bytes(600, 800), name="p.jpg", fields=TEXTS)
    person = make_person("Claire Dubois", portrait=portrait)
    article = make_article("Un procès", "Claire Dubois parle.", link=True)
    author = Author.objects.create(name="Ann Cole", slug="ann-cole", portrait=portrait)
    set_authors(article, [author])
    for url in (person.get_absolute_url(), author.get_absolute_url()):
        page = client.get(url).content.decode()
        assert '<figure class="portrait"><picture>' in page, url
        assert 'srcset="/media/renditions/' in page


def test_refusals_are_in_the_editors_language():
    from django.utils import translation

    with translation.override("fr"), pytest.raises(ValidationError) as caught:
        images.inspect(b"pas une image")
    assert caught.value.messages == ["pas une image lisible"]


@pytest.mark.django_db
def test_an_editor_uploads_a_photo_in_the_admin(client, editor, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    url = "/admin/photos/photo/add/"
    image = image_bytes(900, 600)
    post = {"alt_text": "Un quai", "caption": "", "credit": "", "source_url": ""}
    response = client.post(
        url, {**post, "image": SimpleUploadedFile("q.jpg", image, "image/jpeg")}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    photo = Photo.objects.get()
    assert (photo.width, photo.created_by) == (900, editor)
    # The same file again is refused, naming the photo already there.
    again = client.post(
        url, {**post, "image": SimpleUploadedFile("r.jpg", image, "image/jpeg")}
    )
    assert "already in the library" in again.content.decode() or (
        "déjà dans la photothèque" in again.content.decode()
    )
    bomb = client.post(
        url, {**post, "image": SimpleUploadedFile("b.png", png_bomb(), "image/png")}
    )
    assert Photo.objects.count() == 1 and bomb.status_code == 200
