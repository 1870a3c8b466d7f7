"""No page, public or admin, breaks the Content-Security-Policy."""

import pytest

from tests.factories import make_article, make_person, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_no_csp_violation_on_public_and_admin_pages(page, live_server):
    make_person("Aïssata Koné")
    article = make_article("Grève", body="« Non », a déclaré Aïssata Koné.", link=True)
    user = make_user("editrice", groups=["Editors"])
    user.set_password("a-long-test-password")
    user.save()
    violations = []
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    for path in [
        "/",
        article.get_absolute_url(),
        "/people/aissata-kone/",
        "/search/?q=greve",
    ]:
        page.goto(live_server.url + path)
    page.goto(live_server.url + "/en/admin/")
    page.get_by_label("Username").fill("editrice")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/en/admin/")
    for path in [
        f"/en/admin/articles/article/{article.pk}/change/",
        f"/en/admin/articles/article/{article.pk}/revisions/",
        "/en/admin/people/mention/?status__exact=pending",
        "/en/admin/articles/article/import/",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("#content").count() == 1
    # The autocomplete widget (select2) works under the policy.
    page.goto(live_server.url + f"/en/admin/articles/article/{article.pk}/change/")
    page.locator(".select2-selection").first.click()
    assert violations == []
