"""Property-based tests: whatever the input, importers return an article or
a located error, the linker returns spans inside the text, and nothing
half-written stays in the database."""

import json
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.dates import parse_date
from articles.ingest import IngestError, ParsedArticle, jsonl, ninjs, plaintext
from articles.ingest import feeds as feed_parser
from people.linking.gazetteer import DirectoryEntry, Gazetteer
from people.linking.pipeline import find_people
from people.linking.quotes import attribute

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
GAZ = Gazetteer(
    [
        DirectoryEntry(1, "Antony Blinken"),
        DirectoryEntry(2, "Bruno Le Maire"),
        DirectoryEntry(3, "Abdel Fattah al-Sissi"),
        DirectoryEntry(4, "Yaïr Lapid"),
    ]
)
# Text that looks like news: names, quotes, apostrophes, odd spaces, controls.
NEWSY = st.lists(
    st.sampled_from(
        list(string.ascii_letters + " .,;:!?'’\"«»“”-\n\u00a0\u202f\t\x00\x07")
        + [
            "Antony Blinken",
            "Blinken",
            " M. ",
            "Le Maire",
            "al-Sissi",
            "Yaïr",
            " a déclaré ",
            " a-t-il ajouté",
            " selon ",
            "é",
            "\u0301",
            "𝔘",
            "\ud7ff",
        ]
    ),
    max_size=120,
).map("".join)


def located(item) -> bool:
    return isinstance(item, ParsedArticle) or (
        isinstance(item, IngestError) and str(item)
    )


@SETTINGS
@given(st.text(max_size=2000))
def test_plaintext_parser_never_crashes(text):
    try:
        parsed = plaintext.parse_text(text, path="fuzz.txt")
    except IngestError as exc:
        assert str(exc).startswith("fuzz.txt")
    else:
        assert parsed.title and parsed.body


@SETTINGS
@given(
    st.one_of(
        st.text(max_size=500), st.from_regex(r"\A\s*date \S+ .+\n\n.+", fullmatch=True)
    )
)
def test_plaintext_with_a_date_line_never_crashes(text):
    try:
        parsed = plaintext.parse_text(text, path="fuzz.txt")
    except IngestError as exc:
        assert str(exc).startswith("fuzz.txt")
    else:
        # Whatever it read, it read as an article: a title, a body, a date
        # of a known precision.
        assert parsed.title and parsed.body
        assert parsed.date_precision in ("day", "month")


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "title": JSON_VALUES,
        "body": JSON_VALUES,
        "date": st.one_of(JSON_VALUES, st.from_regex(r"\A\d{4}-\d{2}(-\d{2})?\Z")),
        "status": JSON_VALUES,
        "language": JSON_VALUES,
        "topics": JSON_VALUES,
        "mentions": JSON_VALUES,
        "quotes": JSON_VALUES,
        "slug": JSON_VALUES,
    },
)


@SETTINGS
@given(st.one_of(RECORDS.map(json.dumps), st.text(max_size=300)))
def test_jsonl_parser_never_crashes(line):
    try:
        parsed = jsonl.parse_record(line, path="f.jsonl", line_no=7)
    except IngestError as exc:
        assert str(exc).startswith("f.jsonl:7: ")
    else:
        assert isinstance(parsed, ParsedArticle)


@SETTINGS
@given(st.one_of(JSON_VALUES, st.lists(RECORDS, max_size=3)).map(json.dumps))
def test_ninjs_parser_never_crashes(tmp_path_factory, payload):
    path = tmp_path_factory.mktemp("ninjs") / "x.json"
    path.write_text(payload, encoding="utf-8")
    assert all(located(item) for item in ninjs.parse(path))


@SETTINGS
@given(
    st.binary(max_size=2000)
    | st.text(max_size=1000).map(lambda t: f"<rss>{t}</rss>".encode())
)
def test_feed_parser_never_crashes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("feed") / "x.xml"
    path.write_bytes(data)
    assert all(located(item) for item in feed_parser.parse(path))


@SETTINGS
@given(st.text(max_size=30))
def test_dates_are_valid_or_refused(value):
    try:
        date, precision = parse_date(value)
    except ValueError as exc:
        assert "invalid date" in str(exc)
    else:
        assert precision in ("day", "month") and 1 <= date.month <= 12


@SETTINGS
@given(NEWSY, NEWSY)
def test_linker_spans_and_quotes_index_the_text(body, title):
    found = find_people(body, GAZ, context=title)
    for span in found.spans:
        assert 0 <= span.start < span.end <= len(body)
        assert body[span.start : span.end] == span.text
    for quote in attribute(body, found.spans):
        assert 0 <= quote.start < quote.end <= len(body)
        assert body[quote.start : quote.end] == quote.text


@pytest.mark.django_db
@SETTINGS
@given(st.binary(max_size=1500), st.sampled_from([".txt", ".jsonl", ".json", ".xml"]))
def test_import_command_never_crashes_nor_leaves_half_articles(
    tmp_path_factory, data, suffix
):
    from io import StringIO

    from django.core.management import CommandError, call_command

    from articles.models import Article, ArticleRevision

    path = tmp_path_factory.mktemp("imp") / f"fuzz{suffix}"
    path.write_bytes(data)
    before = Article.objects.count()
    try:
        call_command("import_articles", str(path), stdout=StringIO(), stderr=StringIO())
    except CommandError as exc:
        assert "failed" in str(exc)
    # Every article that exists is whole: it has a body and its revision.
    for article in Article.objects.all()[before:]:
        assert article.body and article.title
    assert ArticleRevision.objects.count() == Article.objects.count()


def test_huge_file_is_refused_with_its_size(tmp_path, settings):
    settings.IMPORT_MAX_FILE_BYTES = 1000
    path = Path(tmp_path) / "big.txt"
    path.write_text("date 2024-01 T\n\n" + "x" * 5000, encoding="utf-8")
    with pytest.raises(IngestError, match="over the 0.0 MB limit"):
        plaintext.parse(path)


def test_huge_line_imports(tmp_path):
    parsed = plaintext.parse_text("date 2024-01 T\n\n" + "mot " * 500_000, path="x")
    assert len(parsed.body) > 1_000_000
