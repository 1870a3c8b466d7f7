"""The hostile bundle: every field of every input format given every kind
of bad value, imported through the command and the admin upload, then
every public URL read in both languages: no server error, well-formed XML.
"""

import json
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Source, Topic
from people.models import Person
from tests.factories import make_person, run_import

pytestmark = pytest.mark.django_db

HOSTILE = {
    "nul": "Ti\x00tre",
    "control": "Ti\x0btre\x01\x1f",
    "surrogate": "Ti\ud800tre",
    "over_long": "x" * 5000,
    "huge": "mot " * 60_000,
    "slug": "Bad Slug!! <x>/../é",
    "url": "javascript:alert(1)",
    "list": ["a", "b"],
    "object": {"a": 1},
    "number": 12,
}
FIELDS = [
    "title",
    "body",
    "standfirst",
    "slug",
    "byline",
    "source",
    "source_url",
    "language",
    "status",
    "date",
    "topics",
]


def base_record(n: int) -> dict:
    return {
        "title": f"Article {n}",
        "slug": f"article-{n}",
        "body": "Aïssata Koné parle au port.",
        "date": "2024-05-02",
        "status": "published",
    }


def hostile_records() -> list[dict]:
    records, n = [], 0
    for field in FIELDS:
        for value in HOSTILE.values():
            n += 1
            record = base_record(n)
            record[field] = [value] if field == "topics" else value
            records.append(record)
    for value in HOSTILE.values():
        n += 1
        record = base_record(n)
        record["mentions"] = [{"person": value, "start": 0, "end": 7, "text": value}]
        record["quotes"] = [{"person": value, "start": 0, "end": 7, "text": value}]
        records.append(record)
    return records


def bundle(folder) -> list:
    """Files of every format, each holding hostile values."""
    lines = [json.dumps(r) for r in hostile_records()]
    lines += ["[" * 50_000, "{not json", '"a string"']
    jsonl = folder / "hostile.jsonl"
    jsonl.write_text("\n".join(lines), encoding="utf-8")
    text = folder / "hostile.txt"
    text.write_text(
        "date 2024-05-02 Titre\x0b\x00 sale\r\n\r\nCorps\x01 \ud800".encode(
            "utf-8", "surrogatepass"
        ).decode("utf-8", "replace"),
        encoding="utf-8",
    )
    ninjs = folder / "hostile.json"
    ninjs.write_text(
        json.dumps(
            [
                {"headline": v, "body_text": v, "firstcreated": "2024-05-02T08:00Z"}
                for v in HOSTILE.values()
            ]
            + [{"headline": "Ok", "body_text": "Ok.", "firstcreated": "2024-05-02"}]
        ),
        encoding="utf-8",
    )
    rss = folder / "hostile.rss"
    rss.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
        "<item><title>Un &lt;b&gt;titre</title><link>javascript:alert(1)</link>"
        "<guid>g1</guid><pubDate>Tue, 02 Apr 2024 08:00:00 +0000</pubDate>"
        "<description>Texte.</description></item>"
        "<item><title>Deux</title><link>https://example.org/2</link>"
        "<guid>g2</guid><pubDate>Tue, 02 Apr 2024 08:00:00 +0000</pubDate>"
        "<description>Autre texte.</description></item></channel></rss>",
        encoding="utf-8",
    )
    return [jsonl, text, ninjs, rss]


def public_urls() -> list[str]:
    urls = ["/", "/search/?q=titre", "/people/", "/topics/", "/sources/"]
    urls += ["/corrections/", "/feeds/rss/", "/feeds/atom/", "/robots.txt"]
    urls += ["/sitemap.xml", "/news-sitemap.xml"]
    urls += [f"/sitemap-{s}.xml" for s in ("articles", "people", "topics")]
    for article in Article.objects.all():
        urls.append(article.get_absolute_url())
    for person in Person.objects.all():
        urls += [f"/people/{person.slug}/{tail}" for tail in ("", "rss/", "atom/")]
    for topic in Topic.objects.all():
        urls += [f"/topics/{topic.slug}/{tail}" for tail in ("", "rss/", "atom/")]
    for source in Source.objects.all():
        urls.append(f"/sources/{source.slug}/")
    return urls + ["/en" + u for u in urls if not u.endswith((".xml", ".txt"))]


def assert_every_public_url_answers(client) -> int:
    client.raise_request_exception = False
    for url in public_urls():
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code == 200 and "xml" in response["Content-Type"]:
            ElementTree.fromstring(response.content)  # well-formed
    return len(public_urls())


def test_the_hostile_bundle_through_the_command(client, tmp_path):
    make_person("Aïssata Koné")
    output = run_import(*bundle(tmp_path))
    assert "failed" in output and "Traceback" not in output
    assert Article.objects.filter(slug="article-1").exists()  # the rest went in
    assert assert_every_public_url_answers(client) > 20


def test_the_hostile_bundle_through_the_admin_upload(client, editor, tmp_path):
    make_person("Aïssata Koné")
    client.force_login(editor)
    url = reverse("admin:articles_article_import")
    for path in bundle(tmp_path):
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        response = client.post(url, {"file": upload, "source": ""})
        assert response.status_code == 200, path.name
    client.logout()
    assert Article.objects.exists()
    assert_every_public_url_answers(client)
