"""Wire ingest: RSS, Atom, ninjs; hostile input; upload; progress; resume."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.ingest import feeds, ninjs
from articles.ingest.html import html_to_paragraphs
from articles.models import Article
from tests.factories import run_import

pytestmark = pytest.mark.django_db

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Agence Test</title><language>fr</language>
<item><title>Grève au port</title><link>https://example.org/a1</link>
<guid>urn:agence:1</guid><pubDate>Tue, 02 Apr 2024 08:00:00 +0000</pubDate>
<description><![CDATA[<p>Premier <b>paragraphe</b>.</p><script>alert(1)</script>
<p onclick="x()">Second &amp; dernier.</p><iframe src="x"></iframe>]]></description>
</item>
<item><title>Sans date</title><guid>urn:agence:2</guid>
<description>Texte.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Council approves budget</title><id>tag:wire,2024:1</id>
<link href="https://example.org/b"/><updated>2024-05-01T10:00:00Z</updated>
<author><name>Jane Reporter</name></author>
<content type="html">&lt;p&gt;The council said the budget passed.&lt;/p&gt;</content>
</entry></feed>"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>&lol2;</title></channel></rss>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>"""

NINJS = {
    "uri": "urn:ninjs:42",
    "headline": "Le budget adopté",
    "body_html": "<p>Le conseil a voté.</p><p>Fin.</p>",
    "firstcreated": "2024-06-01T09:30:00+02:00",
    "language": "fr",
    "byline": "Service politique",
    "description_text": "Un chapô.",
    "subject": [{"name": "Politique"}],
    "copyrightholder": "Agence Ninjs",
}


def test_html_is_reduced_to_safe_paragraphs():
    text = html_to_paragraphs(
        '<div>Un<br>deux</div><script>alert("x")</script><style>p{}</style>'
        "<p>&lt;b&gt; reste du texte &amp; rien d'autre</p>\x07"
    )
    assert text == "Un\n\ndeux\n\n<b> reste du texte & rien d'autre"
    assert "alert" not in text


def test_rss_entries_map_and_bad_entries_are_reported(tmp_path):
    path = tmp_path / "agence.rss"
    path.write_text(RSS, encoding="utf-8")
    output = run_import(path)
    assert "1 created, 0 unchanged, 1 failed" in output
    assert "entry 2 ('Sans date'): no date" in output
    article = Article.objects.get()
    assert article.title == "Grève au port"
    assert article.body == "Premier paragraphe.\n\nSecond & dernier."
    assert article.source.name == "Agence Test"
    assert article.source_url == "https://example.org/a1"
    assert article.original_id == "urn:agence:1"
    assert article.origin == str(path)
    assert article.date.isoformat() == "2024-04-02"
    assert article.language == "fr"


def test_atom_feed_maps_author_and_content(tmp_path):
    path = tmp_path / "wire.atom"
    path.write_text(ATOM, encoding="utf-8")
    run_import(path)
    article = Article.objects.get()
    assert (article.title, article.byline, article.language) == (
        "Council approves budget",
        "Jane Reporter",
        "en",
    )
    assert article.body == "The council said the budget passed."


@pytest.mark.parametrize("xml", [BOMB, EXTERNAL])
def test_entity_bombs_and_external_entities_are_refused(tmp_path, xml):
    path = tmp_path / "hostile.xml"
    path.write_text(xml, encoding="utf-8")
    output = run_import(path)
    assert "refused unsafe XML" in output
    assert not Article.objects.exists()


def test_broken_xml_names_the_line(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text('<?xml version="1.0"?>\n<rss>\n<channel>\n</rss>', encoding="utf-8")
    assert f"{path}:4: invalid XML" in run_import(path)


def test_reimport_by_original_id_is_idempotent_and_never_overwrites(tmp_path):
    path = tmp_path / "agence.rss"
    path.write_text(RSS, encoding="utf-8")
    run_import(path)
    assert "0 created, 1 unchanged" in run_import(path)
    path.write_text(RSS.replace("Premier", "Autre premier"), encoding="utf-8")
    output = run_import(path)
    assert (
        "already imported (identifier 'urn:agence:1') with different content" in output
    )
    assert Article.objects.get().body.startswith("Premier")


def test_ninjs_maps_fields(tmp_path):
    path = tmp_path / "item.json"
    path.write_text(json.dumps(NINJS), encoding="utf-8")
    run_import(path)
    article = Article.objects.get()
    assert article.original_id == "urn:ninjs:42"
    assert article.body == "Le conseil a voté.\n\nFin."
    assert article.standfirst == "Un chapô."
    assert article.source.name == "Agence Ninjs"
    assert [t.name for t in article.topics.all()] == ["Politique"]
    assert article.revisions.count() == 1


def test_ninjs_errors_are_located(tmp_path):
    path = tmp_path / "items.json"
    path.write_text(
        json.dumps(
            [NINJS | {"uri": "urn:2", "firstcreated": "hier"}, {"headline": ""}]
        ),
        encoding="utf-8",
    )
    output = run_import(path)
    assert "item 1: missing or invalid 'firstcreated' ('hier')" in output
    assert "item 2: missing 'headline'" in output
    assert list(ninjs.parse(tmp_path / "items.json"))  # parse never raises


def test_feed_parser_never_raises_on_garbage(tmp_path):
    path = tmp_path / "garbage.xml"
    path.write_bytes(b"\x00\xff\xfe garbage <<<")
    assert all(hasattr(x, "message") for x in feeds.parse(path))


def test_progress_is_reported(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(
            f"date 2024-01-0{i + 1} Titre {i}\n\nCorps {i}.", encoding="utf-8"
        )
    err = StringIO()
    call_command("import_articles", str(tmp_path), stdout=StringIO(), stderr=err)
    assert "progress: 3 articles, 3/3 files" in err.getvalue()


def test_interrupted_import_resumes_without_duplicates(tmp_path, monkeypatch):
    from articles.ingest import loader, runner

    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(
            f"date 2024-01-0{i + 1} Titre {i}\n\nCorps {i}.", encoding="utf-8"
        )
    real = loader.import_article
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(runner, "import_article", flaky)
    with pytest.raises(CommandError, match="interrupted") as info:
        call_command(
            "import_articles", str(tmp_path), stdout=StringIO(), stderr=StringIO()
        )
    assert info.value.returncode == 130
    assert Article.objects.count() == 2  # what was done is kept
    monkeypatch.setattr(runner, "import_article", real)
    output = run_import(tmp_path)
    assert "3 created, 2 unchanged, 0 failed" in output
    assert Article.objects.count() == 5


def test_admin_upload_reports_imported_present_and_rejected(client, editor):
    client.force_login(editor)
    url = reverse("admin:articles_article_import")
    upload = SimpleUploadedFile(
        "agence.rss", RSS.encode(), content_type="application/rss+xml"
    )
    response = client.post(url, {"file": upload, "source": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "outcome-created" in html and "outcome-failed" in html
    assert "agence.rss" in html and "/tmp/" not in html
    again = client.post(
        url, {"file": SimpleUploadedFile("agence.rss", RSS.encode()), "source": ""}
    )
    assert "outcome-unchanged" in again.content.decode()
    article = Article.objects.get()
    assert article.origin == "upload:agence.rss"
    # Each imported (or already present) article links to its admin page.
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert f'<a href="{change}">{article.slug}</a>' in html
    assert f'<a href="{change}">' in again.content.decode()


def test_staff_cannot_upload(client, staff):
    client.force_login(staff)
    assert client.get(reverse("admin:articles_article_import")).status_code == 403


def test_an_entry_without_a_web_link_imports_without_one(tmp_path):
    path = tmp_path / "urn.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
        "<item><title>Sans lien</title><guid>urn:agence:9</guid>"
        "<pubDate>Tue, 02 Apr 2024 08:00:00 +0000</pubDate>"
        "<description>Texte.</description></item>"
        "<item><title>Lien hostile</title><link>javascript:alert(1)</link>"
        "<guid>urn:agence:10</guid><pubDate>Tue, 02 Apr 2024 08:00:00 +0000</pubDate>"
        "<description>Autre.</description></item></channel></rss>",
        encoding="utf-8",
    )
    assert "2 created" in run_import(path)
    assert set(Article.objects.values_list("source_url", flat=True)) == {""}
