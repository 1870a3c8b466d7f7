"""Bad input at every way in: what browsers, word processors and hostile
files send is normalised or refused with a located error, never stored as
something that breaks a public page."""

import json
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from articles.models import Article, ArticleRevision, ArticleTransition, Source, Topic
from tests.factories import (
    article_post,
    make_article,
    make_person,
    make_topic,
    run_import,
)
from tests.security.records import jsonl, record

pytestmark = pytest.mark.django_db

THREE = "Premier paragraphe.\r\n\r\nDeuxième paragraphe.\r\n\r\nTroisième."


def test_a_browsers_crlf_keeps_paragraphs_and_an_unchanged_save_is_no_revision(
    client, editor
):
    client.force_login(editor)
    add = client.post(
        reverse("admin:articles_article_add"),
        article_post(
            Article(title="Trois", slug="trois", date=make_article().date),
            body=THREE,
            status="draft",
            edit_version="",
        ),
    )
    assert add.status_code == 302
    article = Article.objects.get(slug="trois")
    assert article.body == THREE.replace("\r\n", "\n")
    revisions = article.revisions.count()
    url = reverse("admin:articles_article_change", args=[article.pk])
    # The browser sends the same text back with CRLF: nothing changed.
    client.post(url, article_post(article, body=THREE))
    assert article.revisions.count() == revisions
    article.refresh_from_db()
    assert "\r" not in article.body
    assert "\r" not in "".join(ArticleRevision.objects.values_list("body", flat=True))


def test_crlf_text_file_imports_as_paragraphs(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(f"date 2024-05 Titre\r\n\r\n{THREE}\r\n".encode())
    run_import(path)
    assert Article.objects.get().body.count("\n\n") == 2


def test_text_is_normalised_at_the_model_whatever_way_in():
    person = make_person("Ana\u0301 Ruiz\x0b")
    assert person.name == "Aná Ruiz"
    topic = make_topic("Port", description="Ligne un\x0bligne deux\u200b\x00")
    assert topic.description == "Ligne un\nligne deux"
    article = make_article("Titre\r\nsur deux lignes\x0c", body="Un\r\n\r\nDeux")
    article.refresh_from_db()
    assert (article.title, article.body) == ("Titre sur deux lignes", "Un\n\nDeux")


def test_a_bad_slug_in_one_line_is_a_located_error_and_the_rest_imports(
    client, tmp_path
):
    path = jsonl(
        tmp_path,
        record(slug="bad slug é/../x", title="Mauvais"),
        record(title="Bon", slug="bon", topics=["Bad Topic!! <x>"]),
        record(title="Meilleur", slug="meilleur"),
    )
    output = run_import(path)
    assert f"{path}:1: slug: " in output
    assert f"{path}:2: topics.slug: " in output
    assert list(Article.objects.values_list("slug", flat=True)) == ["meilleur"]
    assert not Topic.objects.exists()
    assert client.get("/").status_code == 200


def test_a_failed_record_leaves_no_source_behind(tmp_path):
    path = jsonl(tmp_path, record(source="Agence Neuve", title="x" * 301))
    output = run_import(path)
    assert f"{path}:1: title: " in output
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[" * 100_000, "nested too deeply"),
        (
            json.dumps(
                record(mentions=[{"person": ["x"], "start": 0, "end": 2, "text": "Un"}])
            ),
            "mentions[0].person must be a string",
        ),
        (
            json.dumps(
                record(mentions=[{"status": ["x"], "start": 0, "end": 2, "text": "Un"}])
            ),
            "mentions[0].status must be a string",
        ),
        (json.dumps(record(byline="b" * 201)), "byline: "),
        (json.dumps(record(source="s" * 201)), "source.name: "),
        (json.dumps(record(source_url="javascript:alert(1)")), "source_url: "),
    ],
)
def test_hostile_records_are_located_errors_and_the_run_goes_on(
    tmp_path, line, message
):
    path = jsonl(tmp_path, line, record(title="Suivant", slug="suivant"))
    output = run_import(path)
    assert f"{path}:1: " in output and message in output
    assert list(Article.objects.values_list("slug", flat=True)) == ["suivant"]


def test_nul_and_lone_surrogates_are_dropped_not_stored(tmp_path):
    line = '{"title": "Ti\\u0000tre \\ud800", "body": "B.", "date": "2024-05"}'
    path = jsonl(tmp_path, line)
    run_import(path)
    assert Article.objects.get().title == "Titre"


def test_an_imported_status_goes_through_the_workflow(tmp_path):
    path = jsonl(tmp_path, record(status="published", slug="publie"))
    run_import(path)
    article = Article.objects.get()
    assert article.status == "published" and article.published_at is not None
    move = ArticleTransition.objects.get(article=article)
    assert (move.from_status, move.to_status, move.by) == ("draft", "published", None)


def test_importing_the_same_file_twice_reports_it_present(tmp_path):
    path = jsonl(tmp_path, record(slug="une"))
    run_import(path)
    assert "0 created, 1 unchanged, 0 failed" in run_import(path)


def test_control_characters_never_break_feeds_or_sitemaps(client):
    topic = make_topic("Port", description="ok")
    person = make_person("Aïssata Koné")
    article = make_article("Titre", body="Aïssata Koné parle.", link=True)
    article.topics.add(topic)
    # Written around the model (an old row, raw SQL): output is safe anyway.
    from django.db import connection

    with connection.cursor() as cursor:
        for sql, params in (
            (
                "UPDATE articles_article SET title = %s, standfirst = %s WHERE id = %s",
                ["Ti\x0btre", "a\x01", article.pk],
            ),
            (
                "UPDATE articles_topic SET description = %s WHERE id = %s",
                ["d\x0b", topic.pk],
            ),
            (
                "UPDATE people_person SET description = %s WHERE id = %s",
                ["p\x0b", person.pk],
            ),
        ):
            cursor.execute(sql, params)
    assert "\x0b" in Article.objects.get(pk=article.pk).title
    for url in (
        "/feeds/rss/",
        "/feeds/atom/",
        f"/topics/{topic.slug}/rss/",
        f"/topics/{topic.slug}/atom/",
        f"/people/{person.slug}/rss/",
        f"/people/{person.slug}/atom/",
        "/news-sitemap.xml",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        ElementTree.fromstring(response.content)  # well-formed


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_file_at_once_report_it_present(tmp_path, monkeypatch):
    """Two real connections import the same file at once. On PostgreSQL
    both race past the 'already there?' check: the loser's insert hits the
    unique slug and is reported as present, not a crash. SQLite's writers
    queue (a transaction takes the write lock when it begins), so the
    second finds the first's article."""
    import threading

    from django.db import connection

    from articles.ingest import loader
    from articles.ingest.runner import run_import as import_paths

    path = jsonl(tmp_path, record(slug="course", title="Course"))
    both_checked = threading.Barrier(2, timeout=10)
    check = loader._already_there

    def racing_check(parsed, article):
        found = check(parsed, article)
        racing = threading.current_thread().name.startswith("race")
        if found is None and racing and connection.vendor == "postgresql":
            both_checked.wait()  # each saw nothing: both will insert
        return found

    monkeypatch.setattr(loader, "_already_there", racing_check)
    reports = {}

    def run(name):
        try:
            reports[name] = import_paths([path])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=("race0",), name="race0")]
    threads += [threading.Thread(target=run, args=("race1",), name="race1")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    outcomes = sorted(line.outcome for r in reports.values() for line in r.lines)
    assert outcomes == ["created", "unchanged"], [
        (line.outcome, line.detail) for r in reports.values() for line in r.lines
    ]
    assert Article.objects.count() == 1


def test_text_stored_before_the_normalisation_is_normalised_once(client):
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    make_person("Aïssata Koné")
    article = make_article(body="Un.\n\nAïssata Koné parle.", link=True)
    # As an older version stored it (every write now normalises, update()
    # included: the field prepares its value for the database).
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET body = %s WHERE id = %s",
            ["Un.\r\n\r\nAïssata Koné parle.", article.pk],
        )
    out = StringIO()
    call_command("normalise_text", stdout=out)
    assert "1 row(s) changed" in out.getvalue()
    article.refresh_from_db()
    assert article.body == "Un.\n\nAïssata Koné parle."
    mention = article.mentions.get()
    assert article.body[mention.start : mention.end] == "Aïssata Koné"
    out = StringIO()
    call_command("normalise_text", stdout=out)
    assert "0 row(s) changed" in out.getvalue()
