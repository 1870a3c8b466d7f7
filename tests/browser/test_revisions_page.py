"""The revisions diff wraps to the page: a long paragraph never makes the
page scroll sideways; restoring asks before it replaces the text."""

import pytest

from articles.services import revision_create
from tests.browser.test_review_page import log_in
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)

LONG = " ".join(f"mot{n}" for n in range(400))  # one paragraph, no break


def test_the_diff_wraps_and_restoring_asks_first(page, shot, live_server):
    article = make_article("Un long texte", LONG)
    revision_create(article=article, by=None)
    article.body = LONG.replace("mot200", "changé")
    article.save()
    revision_create(article=article, by=None)
    log_in(page, live_server, "editrice", ["Editors"])
    url = f"{live_server.url}/en/admin/articles/article/{article.pk}/revisions/"
    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto(url + "?a=1&b=2")
    assert page.locator("table.diff").count() == 1
    wide = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert wide <= 1, f"the page scrolls sideways by {wide}px"
    shot(page, "diff")
    page.get_by_role("link", name="Restore…").click()
    page.get_by_role("button", name="Yes, restore revision #1").wait_for()
    article.refresh_from_db()
    assert "changé" in article.body  # nothing restored before the yes
    page.get_by_role("button", name="Yes, restore revision #1").click()
    page.wait_for_url(f"**/articles/article/{article.pk}/change/")
    article.refresh_from_db()
    assert article.body == LONG
