"""An editor logs in, imports a wire file, sends the article to review,
publishes it, and finds it on the public site."""

import pytest

from articles.models import Article, ArticleTransition
from tests.factories import make_person, make_user

pytestmark = pytest.mark.django_db(transaction=True)

WIRE = (
    "date 2024-04-02 Les dockers votent la grève\n\n"
    "« Les salaires n'ont pas suivi », a déclaré Aïssata Koné devant le port.\n"
)


def log_in(page, live_server, username: str) -> None:
    user = make_user(username, groups=["Editors"])
    user.set_password("a-long-test-password")
    user.save()
    page.goto(live_server.url + "/en/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/en/admin/")


def move_to(page, change_url: str, status: str) -> None:
    page.goto(change_url)
    page.select_option("#id_status", status)
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/en/admin/articles/article/")


def test_editor_imports_reviews_and_publishes(page, shot, live_server, tmp_path):
    make_person("Aïssata Koné")
    wire = tmp_path / "depeche.txt"
    wire.write_text(WIRE, encoding="utf-8")
    log_in(page, live_server, "editrice")
    shot(page, "1-dashboard")

    page.goto(live_server.url + "/en/admin/articles/article/")
    page.get_by_role("link", name="Import articles").click()
    page.set_input_files("input[type=file]", str(wire))
    page.get_by_role("button", name="Import").click()
    report = page.locator("#import-report")
    assert "1 imported, 0 already present, 0 rejected" in report.inner_text()
    shot(page, "2-import-report")

    article = Article.objects.get()
    assert article.status == "draft"
    assert article.mentions.get().person.name == "Aïssata Koné"
    # Not public yet.
    anonymous = page.context.browser.new_page()
    response = anonymous.goto(live_server.url + article.get_absolute_url())
    assert response.status == 404

    change = f"{live_server.url}/en/admin/articles/article/{article.pk}/change/"
    move_to(page, change, "in_review")
    shot(page, "3-in-review")
    move_to(page, change, "published")

    response = anonymous.goto(live_server.url + article.get_absolute_url())
    assert response.status == 200
    assert anonymous.locator("a.person-link", has_text="Aïssata Koné").count() == 1
    shot(anonymous, "4-public")
    moves = list(
        ArticleTransition.objects.order_by("pk").values_list(
            "to_status", "by__username"
        )
    )
    assert moves == [("in_review", "editrice"), ("published", "editrice")]
