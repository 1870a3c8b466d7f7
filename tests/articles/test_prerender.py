"""Article pages rendered into the page cache when they change (and by
`manage.py prepare_pages` for an archive): their first reader finds them
there, current (newsroom.prerender)."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from articles.models import Article
from articles.services import article_transition
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db
S = Article.Status


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "http://testserver"


def _published(capture, title: str = "Grève") -> Article:
    make_person("Aïssata Koné")
    article = make_article(
        title, body="Aïssata Koné appelle à la grève.", status=S.DRAFT, link=True
    )
    with capture(execute=True):
        article_transition(article=article, to=S.PUBLISHED, by=None)
    return article


def test_a_published_article_is_rendered_before_its_first_reader(
    site_url, django_capture_on_commit_callbacks
):
    article = _published(django_capture_on_commit_callbacks)
    french = Client().get(article.get_absolute_url())
    assert french["X-Page-Cache"] == "hit"
    assert "Aïssata Koné" in french.content.decode()
    with translation.override("en"):
        english = Client().get(article.get_absolute_url())
    assert english["X-Page-Cache"] == "hit"
    assert 'lang="en"' in english.content.decode()


def test_an_edit_renders_the_new_page_not_the_stale_one(
    site_url, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_RERENDER_IN_BACKGROUND = True  # rendering ahead is not aside
    article = _published(django_capture_on_commit_callbacks)
    article.title = "Grève reconduite"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    response = Client().get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert "Grève reconduite" in response.content.decode()


def test_without_a_site_url_pages_are_left_to_their_readers(
    django_capture_on_commit_callbacks,
):
    article = _published(django_capture_on_commit_callbacks)
    assert Client().get(article.get_absolute_url())["X-Page-Cache"] == "miss"


def test_the_command_renders_the_archive_once(site_url):
    # Made without commits (the test's transaction): nothing rendered yet.
    articles = [make_article(f"Grève {n}", body="Un texte.") for n in range(3)]
    out = io.StringIO()
    call_command("prepare_pages", "--language", "fr", stdout=out)
    assert out.getvalue().strip().endswith("3 page(s) rendered")
    for article in articles:
        assert Client().get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    out = io.StringIO()
    call_command("prepare_pages", "--language", "fr", stdout=out)
    assert out.getvalue().strip().endswith(", 0 page(s) rendered")


def test_a_page_for_another_address_is_not_taken_for_the_site_s(site_url):
    article = make_article("Grève", body="Un texte.")
    call_command("prepare_pages", "--language", "fr", stdout=io.StringIO())
    other = Client(HTTP_HOST="localhost").get(article.get_absolute_url())
    assert other["X-Page-Cache"] == "miss"


def test_rendering_ahead_leaves_the_caller_s_language(
    site_url, django_capture_on_commit_callbacks
):
    # The English page is rendered last: its language must not stay on.
    with translation.override("fr"):
        _published(django_capture_on_commit_callbacks)
        assert translation.get_language() == "fr"


def test_the_people_a_publication_names_have_their_pages_rendered(
    site_url, django_capture_on_commit_callbacks
):
    from people.models import Person

    _published(django_capture_on_commit_callbacks, title="Grève au port")
    page = Client().get(Person.objects.get(name="Aïssata Koné").get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    assert "Grève au port" in page.content.decode()


def test_a_change_naming_many_people_leaves_their_pages_to_readers(
    site_url, monkeypatch
):
    from newsroom import page_deps
    from people import preparing

    enqueued = []

    class Recorded:  # the task is a frozen dataclass: replaced whole
        def enqueue(self, ids):
            enqueued.append(ids)

    monkeypatch.setattr(preparing, "render_person_pages", Recorded())
    preparing.render_touched(page_deps.naming(range(1, 4)) + ["lists"])
    assert enqueued == [[1, 2, 3]]
    preparing.render_touched(page_deps.naming(range(1, preparing.MOST + 2)))
    assert enqueued == [[1, 2, 3]]


def test_the_command_renders_the_people_s_pages_when_asked(site_url):
    from people.models import Person

    make_person("Aïssata Koné")
    make_article("Grève", body="Aïssata Koné appelle à la grève.", link=True)
    url = Person.objects.get(name="Aïssata Koné").get_absolute_url()
    out = io.StringIO()
    call_command("prepare_pages", "--people", "--language", "fr", stdout=out)
    assert out.getvalue().strip().endswith("1 person(s) read, 1 page(s) rendered")
    assert Client().get(url)["X-Page-Cache"] == "hit"
