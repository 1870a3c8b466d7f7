"""axe-core (WCAG 2.1 A and AA) on the admin pages Staff and Editors use
every day: no serious or critical violation."""

import pytest

from articles.models import Topic
from articles.services import revision_create
from tests.browser.axe import serious_violations
from tests.browser.test_review_page import log_in
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db(transaction=True)


def test_everyday_admin_pages_have_no_serious_violation(page, live_server):
    make_person("Aïssata Koné")
    make_person("Karim Benali")
    Topic.objects.create(name="Port", slug="port")
    article = make_article(
        body="« Le port vivra », a déclaré Aïssata Koné. M. Benali se tait.",
        link=True,
    )
    person = article.mentions.filter(person__isnull=False).first().person
    revision_create(article=article, by=None)
    article.body += " Fin."
    article.save()
    revision_create(article=article, by=None)  # an earlier one to restore
    log_in(page, live_server, "editrice", ["Editors"])
    pages = [
        "/en/admin/",
        "/en/admin/articles/article/",
        f"/en/admin/articles/article/{article.pk}/change/",
        "/en/admin/articles/article/add/",
        "/en/admin/people/mention/",
        "/en/admin/people/namesuggestion/",
        "/en/admin/people/role/",
        f"/en/admin/people/person/{person.pk}/change/",
        "/en/admin/people/decision/",
        "/en/admin/photos/photo/add/",
        f"/en/admin/articles/article/{article.pk}/revisions/?restore=1",
        f"/en/admin/people/mention/review/{article.pk}/",
        "/admin/",  # the French admin too
    ]
    found = {}
    for path in pages:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        problems = serious_violations(page)
        if problems:
            found[path] = problems
    assert found == {}
