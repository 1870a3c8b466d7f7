"""A reader opens the home page, filters by a person, opens an article,
follows a name to the person page, and switches language."""

import pytest

from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def newsroom():
    make_person("Aïssata Koné", description="Secrétaire générale des dockers")
    make_person("Paul Dufresne")
    make_article(
        "Les dockers en grève",
        body="« Les salaires n'ont pas suivi », a déclaré Aïssata Koné.\n\n"
        "Paul Dufresne juge la demande « irréaliste ».",
        link=True,
    )
    make_article("Le port se modernise", body="Paul Dufresne investit.", link=True)


def test_reader_journey(page, shot, live_server, newsroom):
    page.goto(live_server.url + "/")
    assert page.title().startswith("Derniers articles")
    shot(page, "1-home")

    page.get_by_role("complementary").get_by_role("link", name="Aïssata Koné").click()
    page.wait_for_url("**/?person=aissata-kone")
    cards = page.locator("article.card h2")
    assert cards.all_inner_texts() == ["Les dockers en grève"]
    shot(page, "2-filtered")

    cards.first.get_by_role("link").click()
    page.wait_for_url("**/articles/les-dockers-en-greve/")
    body_link = page.locator(".body a.person-link", has_text="Aïssata Koné")
    assert body_link.count() == 1
    shot(page, "3-article")

    body_link.click()
    page.wait_for_url("**/people/aissata-kone/")
    assert page.get_by_role("heading", level=1).inner_text() == "Aïssata Koné"
    assert "Les salaires n'ont pas suivi" in page.locator(".quote").first.inner_text()
    shot(page, "4-person")

    page.get_by_role("navigation", name="Langue").get_by_role(
        "link", name="English"
    ).click()
    page.wait_for_url("**/en/people/aissata-kone/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Quotations").is_visible()
    shot(page, "5-english")


def test_pages_fit_a_360px_screen_and_show_focus(browser, shot, live_server, newsroom):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ["/", "/articles/les-dockers-en-greve/", "/people/aissata-kone/"]:
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    shot(page, "narrow-person")
    # The skip link is the first thing the keyboard reaches, and it shows.
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Aller au contenu"
    assert page.locator(".skip-link").bounding_box()["x"] >= 0
    context.close()
