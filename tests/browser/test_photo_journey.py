"""An editor uploads a photo with its alt text, sets it as an article's
lead image and publishes; a reader sees it, with srcset, in og:image and
in the JSON-LD."""

import json

import pytest

from articles.models import Article
from photos.models import Photo
from tests.browser.test_editor_journey import log_in, move_to
from tests.factories import make_article, make_person
from tests.imagefiles import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def choose_lead_photo(page, words: str) -> None:
    """The admin's autocomplete (select2): open, type, pick."""
    page.locator("#id_lead_photo + .select2 .select2-selection").click()
    page.get_by_role("searchbox", name="Lead photo").fill(words)
    page.locator(".select2-results__option", has_text=words).click()


def upload_photo(page, live_server, upload) -> Photo:
    page.goto(live_server.url + "/en/admin/photos/photo/add/")
    page.set_input_files("#id_image", str(upload))
    page.get_by_label("Caption").fill("Claire Dubois à la sortie de l'audience.")
    page.get_by_label("Credit").fill("Studio Test")
    # Alt text is required: the admin says so (the file must be chosen
    # again, as with any file input after an error).
    page.get_by_role("button", name="Save", exact=True).click()
    page.locator(".errornote").wait_for()
    assert "required" in page.locator(".field-alt_text .errorlist").inner_text()
    assert not Photo.objects.exists()
    page.set_input_files("#id_image", str(upload))
    page.get_by_label("Alt text").fill("Une salle d'audience comble")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/en/admin/photos/photo/")
    return Photo.objects.get()


def check_reader_page(reader, live_server) -> None:
    picture = reader.locator("figure.lead-photo picture")
    webp = picture.locator("source[type='image/webp']").get_attribute("srcset")
    assert webp.count("w,") == 4 and webp.endswith("1600w")
    img = picture.locator("img")
    assert img.get_attribute("alt") == "Une salle d'audience comble"
    assert (img.get_attribute("width"), img.get_attribute("height")) == ("960", "600")
    # The browser really loaded a rendition (WebP, through the srcset).
    reader.wait_for_function("document.querySelector('figure.lead-photo img').complete")
    loaded = img.evaluate("i => [i.naturalWidth, i.currentSrc]")
    assert loaded[0] > 0 and loaded[1].endswith(".webp"), loaded
    caption = reader.locator("figure.lead-photo figcaption")
    assert caption.locator("a.person-link", has_text="Claire Dubois").count() == 1
    og = reader.locator("meta[property='og:image']").get_attribute("content")
    assert og.startswith(live_server.url + "/media/renditions/")
    data = json.loads(reader.locator("script[type='application/ld+json']").inner_text())
    assert data["image"] == [og]


def test_editor_sets_a_lead_photo_and_a_reader_sees_it(
    page, shot, live_server, tmp_path
):
    make_person("Claire Dubois")
    article = make_article(
        "La cour d'appel rend son arrêt",
        "Claire Dubois a lu l'arrêt devant une salle comble.",
        status=Article.Status.DRAFT,
        link=True,
    )
    upload = tmp_path / "audience.jpg"
    upload.write_bytes(image_bytes(1600, 1000))
    log_in(page, live_server, "editrice")
    photo = upload_photo(page, live_server, upload)
    assert photo.renditions.count() == 10
    shot(page, "1-library")

    change = f"{live_server.url}/en/admin/articles/article/{article.pk}/change/"
    page.goto(change)
    choose_lead_photo(page, "Une salle d'audience comble")
    page.select_option("#id_status", "in_review")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/en/admin/articles/article/")
    article.refresh_from_db()
    assert article.lead_photo_id == photo.pk
    move_to(page, change, "published")

    reader = page.context.browser.new_page(viewport={"width": 800, "height": 900})
    response = reader.goto(live_server.url + article.get_absolute_url())
    assert response.status == 200
    check_reader_page(reader, live_server)
    shot(reader, "2-reader")
