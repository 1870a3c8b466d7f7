"""What an article's page shows besides its own row is computed when the
article is written (and, for an archive, by `manage.py prepare_pages`), not
by its first reader."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from articles.models import Article
from articles.services import article_transition
from people import services as people_services
from people.models import Mention
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db
S = Article.Status


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    # Pages themselves uncached: what a request reads is the page's own.
    settings.PAGE_CACHE_SECONDS = 0


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_publishing_prepares_the_page_in_every_language(
    client, django_capture_on_commit_callbacks
):
    make_person("Aïssata Koné")
    article = make_article(
        "Grève", body="Aïssata Koné appelle à la grève.", status=S.DRAFT, link=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        article_transition(article=article, to=S.PUBLISHED, by=None)
    # Only the article's row: its people, links and panels were ready.
    assert queries(client, article.get_absolute_url()) == 1
    with translation.override("en"):
        url = article.get_absolute_url()
    assert url.startswith("/en/")
    assert queries(client, url) == 1
    assert "Aïssata Koné" in client.get(url).content.decode()


def test_a_staff_decision_prepares_the_page_again(
    client, admin_user, django_capture_on_commit_callbacks
):
    make_person("Aïssata Koné")
    article = make_article("Grève", body="Aïssata Koné appelle à la grève.", link=True)
    url = article.get_absolute_url()
    client.get(url)
    mention = Mention.objects.get(article=article)
    with django_capture_on_commit_callbacks(execute=True):
        people_services.mentions_decide(
            mentions=[mention], status=Mention.Status.REJECTED, by=admin_user
        )
    assert queries(client, url) == 1
    assert (
        'href="/people/'
        not in client.get(url)
        .content.decode()
        .split("<article", 1)[1]
        .split("</article>", 1)[0]
    )


def test_the_archive_is_prepared_once_by_the_command(client):
    make_person("Aïssata Koné")
    # Made without commits (the test's transaction): nothing prepared yet.
    articles = [
        make_article(f"Grève {n}", body="Aïssata Koné appelle à la grève.", link=True)
        for n in range(4)
    ]
    make_article("Brouillon", status=S.DRAFT)
    out = io.StringIO()
    call_command("prepare_pages", "--shard", "1/2", stdout=out)
    odd = [a for a in articles if a.pk % 2 == 1]
    assert out.getvalue().strip() == (
        f"{len(odd)} article(s) read, {2 * len(odd)} part(s) computed, "
        "0 page(s) rendered"
    )
    for article in articles:
        expected = 1 if article.pk % 2 == 1 else 7
        assert queries(client, article.get_absolute_url()) <= expected
    out = io.StringIO()
    call_command("prepare_pages", stdout=out)
    # What is current is left: the odd ones, and the even ones just read
    # in French (English is computed for them now).
    # The draft is not read: readers never see its page.
    even = len(articles) - len(odd)
    expected = (
        f"{len(articles)} article(s) read, {even} part(s) computed, 0 page(s) rendered"
    )
    assert out.getvalue().strip() == expected


def test_the_command_prepares_one_language_when_asked(client):
    article = make_article("Grève", body="Un texte.")
    out = io.StringIO()
    call_command("prepare_pages", "--language", "en", stdout=out)
    assert out.getvalue().strip() == (
        "1 article(s) read, 1 part(s) computed, 0 page(s) rendered"
    )
    with translation.override("en"):
        assert queries(client, article.get_absolute_url()) == 1
    assert queries(client, article.get_absolute_url()) > 1


def test_the_command_refuses_a_bad_shard():
    with pytest.raises(CommandError, match="K/N"):
        call_command("prepare_pages", "--shard", "one")
    with pytest.raises(CommandError, match="0 <= K < N"):
        call_command("prepare_pages", "--shard", "2/2")


class Recorded:
    """The preparation task (a frozen dataclass), its calls recorded."""

    def __init__(self, batches: list) -> None:
        from articles.preparing import prepare_pages

        self.task, self.batches = prepare_pages, batches

    def enqueue(self, ids):
        self.batches.append(list(ids))
        return self.task.enqueue(ids)


@pytest.mark.django_db(transaction=True)
def test_an_import_prepares_its_articles_together_at_its_end(
    client, tmp_path, monkeypatch
):
    """Each article an import commits is gathered, and their pages are
    prepared once the import is done, in one chunk (a preparation after each
    article's commit more than doubled an import's time)."""
    from articles import preparing
    from articles.ingest.loader import ImportOptions
    from articles.ingest.runner import run_import

    make_person("Aïssata Koné")
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(
            f"date 2025-03-0{n + 1} Grève numéro {n}\n\n"
            "Aïssata Koné appelle à la grève.\n",
            encoding="utf-8",
        )
    batches = []
    monkeypatch.setattr(preparing, "prepare_pages", Recorded(batches))
    report = run_import([tmp_path], options=ImportOptions(status=S.PUBLISHED))
    assert [line.outcome for line in report.lines] == ["created"] * 3
    imported = sorted(Article.objects.values_list("pk", flat=True))
    assert batches == [imported]
    for article in Article.objects.all():
        assert queries(client, article.get_absolute_url()) == 1


@pytest.mark.django_db(transaction=True)
def test_a_relink_of_more_articles_than_is_worth_preparing_leaves_them_to_readers(
    monkeypatch,
):
    """A relink (or import) of more than MOST articles, a directory change
    say, leaves their pages to their readers, as a person's change does;
    a smaller one prepares them together at its end."""
    from articles import preparing
    from people.linker import link_articles

    make_person("Aïssata Koné")
    articles = [
        make_article(f"Grève {n}", body="Aïssata Koné appelle à la grève.")
        for n in range(3)
    ]
    batches = []
    monkeypatch.setattr(preparing, "prepare_pages", Recorded(batches))
    link_articles(articles)
    assert batches == [sorted(a.pk for a in articles)]
    batches.clear()
    monkeypatch.setattr(preparing, "MOST", 2)
    link_articles(articles)
    assert batches == []
