import datetime
import json

import pytest
from django.core.management import call_command

from articles.ingest import IngestError
from articles.ingest.language import detect_language
from articles.ingest.plaintext import parse_text
from articles.models import Article
from people.models import Mention, Quote
from tests.factories import (
    REFERENCE_ARTICLE,
    make_person,
    make_reference_people,
    run_import,
)

GOOD = "date 2024-03-12 Un titre\n\nPremier paragraphe.\n\nSecond paragraphe.\n"


def test_plaintext_keeps_month_precision():
    parsed = parse_text(" date 2023-01 Titre\n\nCorps.")
    assert parsed.date == datetime.date(2023, 1, 1)
    assert parsed.date_precision == "month"
    assert parsed.title == "Titre"


def test_plaintext_joins_wrapped_lines_and_keeps_paragraphs():
    parsed = parse_text("date 2024-02-29 T\n\nUne ligne\ncoupée.\n\n\n\nDeux.")
    assert parsed.body == "Une ligne coupée.\n\nDeux."
    assert parsed.date_precision == "day"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("Titre sans date\n\nCorps", "1: first line must be"),
        ("date 2023-13 Titre\n\nCorps", "1: invalid date '2023-13'"),
        ("date 2023-02-30 Titre\n\nCorps", "1: invalid date '2023-02-30'"),
        ("date 2023-01\n\nCorps", "1: first line must be"),
        ("\n\ndate 2023-01 Titre\n\n", "4: the article has no body"),
    ],
)
def test_plaintext_errors_name_the_line(text, message):
    with pytest.raises(IngestError) as info:
        parse_text(text, path="x.txt")
    assert message in str(info.value)
    assert str(info.value).startswith("x.txt")


def test_language_is_detected():
    assert detect_language("Le ministre a déclaré que la guerre est finie.") == "fr"
    assert detect_language("The minister said that the war was over.") == "en"


@pytest.mark.django_db
def test_reference_article_imports_with_eleven_linked_mentions(tmp_path):
    people = make_reference_people()
    make_person("Bruno Le Maire")
    make_person("Larry Page")
    output = run_import(REFERENCE_ARTICLE)
    assert "1 created, 0 unchanged, 0 failed" in output
    article = Article.objects.get()
    assert article.date_iso == "2023-01"
    assert article.language == "fr"
    mentions = list(article.mentions.order_by("start"))
    assert len(mentions) == 11
    assert all(m.status == Mention.Status.AUTO for m in mentions)
    assert {m.person.name for m in mentions} == set(people)
    assert [m.text for m in mentions].count("Gallant") == 3
    gallant = people["Yoav Gallant"]
    # Two quotations in full and, by the parse, the partial one the sentence
    # he is the subject of carries ("soulignant le … qui se traduit par "…"").
    quotes = Quote.objects.filter(speaker=gallant).order_by("start")
    assert [(q.text[:15], q.rule) for q in quotes] == [
        ("une coopération", "parse"),
        ("Votre visite ar", "verb-after"),
        ("La coopération ", "pronoun-after"),
    ]
    last = Quote.objects.order_by("start").last()
    assert last.speaker is None and last.text.startswith("La visite du Secrétaire")


@pytest.mark.django_db
def test_reimport_changes_nothing(tmp_path):
    make_reference_people()
    run_import(REFERENCE_ARTICLE)
    before = list(Mention.objects.values_list("pk", "start", "person_id"))
    output = run_import(REFERENCE_ARTICLE)
    assert "0 created, 1 unchanged, 0 failed" in output
    assert Article.objects.count() == 1
    assert list(Mention.objects.values_list("pk", "start", "person_id")) == before


@pytest.mark.django_db
def test_bad_file_is_reported_and_the_rest_still_imports(tmp_path):
    (tmp_path / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b-bad.txt").write_text("date 2024-99 Oups\n\nCorps", encoding="utf-8")
    (tmp_path / "c-latin1.txt").write_bytes(
        "date 2024-01 Titre\n\nCaf\u00e9".encode("latin-1")
    )
    output = run_import(tmp_path)
    assert "1 created, 0 unchanged, 2 failed" in output
    assert f"{tmp_path / 'b-bad.txt'}:1: invalid date '2024-99'" in output
    assert f"{tmp_path / 'c-latin1.txt'}:3: not valid UTF-8" in output
    assert "FAILED: 2 input(s) failed" in output
    assert Article.objects.get().title == "Un titre"


@pytest.mark.django_db
def test_unsupported_and_missing_files_are_errors(tmp_path):
    (tmp_path / "notes.docx").write_text("x")
    output = run_import(tmp_path / "notes.docx", tmp_path / "missing.txt")
    assert "unsupported format '.docx'" in output
    assert "missing.txt: no such file or folder" in output
    assert "FAILED" in output


@pytest.mark.django_db
def test_status_and_source_options(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    run_import(path, status="published", source="Agence Test")
    article = Article.objects.get()
    assert article.status == "published"
    assert article.source.name == "Agence Test"


@pytest.mark.django_db
def test_default_status_is_draft(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    run_import(path)
    assert Article.objects.get().status == "draft"


@pytest.mark.django_db
def test_dry_run_saves_nothing(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    assert "dry run" in run_import(path, dry_run=True)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_jsonl_errors_name_the_line_and_good_lines_import(tmp_path):
    good = {"title": "T", "body": "Corps.", "date": "2024-05"}
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps(good),
                "{not json",
                json.dumps({"title": "Sans corps", "date": "2024-05"}),
                json.dumps({**good, "title": "U", "date": "2024-5-1"}),
                json.dumps(
                    {
                        **good,
                        "title": "V",
                        "mentions": [{"start": 0, "end": 3, "text": "Zut"}],
                    }
                ),
            ]
        ),
        encoding="utf-8",
    )
    output = run_import(path)
    assert "1 created, 0 unchanged, 4 failed" in output
    assert f"{path}:2: invalid JSON" in output
    assert f"{path}:3: missing field 'body'" in output
    assert f"{path}:4: field 'date'" in output
    assert f"{path}:5: mentions[0]: offsets 0-3 do not match" in output


@pytest.mark.django_db
def test_export_then_import_reproduces_articles_and_decisions(tmp_path, editor):
    make_reference_people()
    run_import(REFERENCE_ARTICLE, status="published")
    article = Article.objects.get()
    rejected = article.mentions.order_by("start")[3]
    rejected.decide(status=Mention.Status.REJECTED, by=editor)
    rejected.save()
    export = tmp_path / "export.jsonl"
    call_command("export_articles", "--format", "jsonl", "--output", str(export))
    record = json.loads(export.read_text(encoding="utf-8"))
    assert record["date"] == "2023-01"
    assert record["slug"] == article.slug
    for mention in record["mentions"]:
        assert record["body"][mention["start"] : mention["end"]] == mention["text"]
    assert [q["person"] for q in record["quotes"]] == [
        "yoav-gallant",
        "yoav-gallant",
        "yoav-gallant",
        None,
    ]

    def snapshot():
        a = Article.objects.get()
        return (
            (a.slug, a.title, a.body, a.date, a.date_precision, a.status, a.language),
            list(
                a.mentions.order_by("start").values_list(
                    "start", "end", "text", "person__slug", "status", "method"
                )
            ),
            list(
                a.quotes.order_by("start").values_list(
                    "start", "end", "text", "speaker__slug"
                )
            ),
        )

    before = snapshot()
    Article.objects.all().delete()
    output = run_import(export)
    assert "1 created" in output
    assert snapshot() == before
    # And importing the export again changes nothing.
    assert "0 created, 1 unchanged" in run_import(export)


@pytest.mark.django_db
def test_import_of_export_with_unknown_person_fails_cleanly(tmp_path):
    body = "Antony Blinken est là."
    record = {
        "title": "T",
        "body": body,
        "date": "2024-01-02",
        "mentions": [
            {"person": "antony-blinken", "start": 0, "end": 14, "text": body[:14]}
        ],
    }
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(record), encoding="utf-8")
    output = run_import(path)
    assert "unknown person slug(s): antony-blinken" in output
    assert not Article.objects.exists()  # atomic: nothing half-written


@pytest.mark.django_db
def test_same_slug_with_different_content_is_not_overwritten(tmp_path):
    path = tmp_path / "x.jsonl"
    record = {"slug": "s", "title": "T", "body": "Un.", "date": "2024-01-02"}
    path.write_text(json.dumps(record), encoding="utf-8")
    run_import(path)
    path.write_text(json.dumps({**record, "body": "Deux."}), encoding="utf-8")
    output = run_import(path)
    assert "already exists with different content" in output
    assert Article.objects.get().body == "Un."
