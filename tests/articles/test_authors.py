"""Authors as entities: bylines mapped on import, an author page and feed,
authors in the article page, its JSON-LD and feeds; wire copy credited to
its source."""

import json

import pytest

from articles.authors import byline_names, set_authors
from articles.models import Article, Author
from tests.factories import make_article, make_source, run_import


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Par Marie Lefort et Paul Girard", ["Marie Lefort", "Paul Girard"]),
        ("By Ann Cole, Raj Patel and Li Wei", ["Ann Cole", "Raj Patel", "Li Wei"]),
        ("Marie Lefort (avec AFP)", ["Marie Lefort"]),
        ("Paul Girard avec Reuters", ["Paul Girard"]),
        ("AFP", []),
        ("Agence Test", []),  # a source's name is the source, not a person
        ("Léa Roux / Agence Test", ["Léa Roux"]),
        ("  ", []),
    ],
)
def test_byline_names(byline, names):
    assert byline_names(byline, {"Agence Test"}) == names


def jsonld(page: str) -> dict:
    return json.loads(page.split('application/ld+json">', 1)[1].split("</script>")[0])


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Agence Test</title>
<id>urn:feed</id><updated>2024-06-03T08:00:00Z</updated>
<entry><title>Le budget voté</title><id>urn:e:1</id>
<updated>2024-06-03T08:00:00Z</updated><author><name>{author}</name></author>
<content type="text">Le conseil municipal a voté le budget mardi soir.</content>
</entry></feed>"""


@pytest.mark.django_db
def test_an_import_maps_the_byline_to_authors_once(tmp_path):
    path = tmp_path / "wire.atom"
    path.write_text(ATOM.format(author="Par Marie Lefort et Paul Girard"))
    assert "1 created" in run_import(path, status="published")
    assert "1 unchanged" in run_import(path, status="published")
    article = Article.objects.get()
    assert [b.author.name for b in article.bylines.all()] == [
        "Marie Lefort",
        "Paul Girard",
    ]
    assert Author.objects.count() == 2
    assert Author.objects.get(name="Marie Lefort").source.name == "Agence Test"


@pytest.mark.django_db
def test_wire_copy_without_an_author_is_credited_to_its_source(client, tmp_path):
    path = tmp_path / "wire.atom"
    path.write_text(ATOM.format(author="AFP"))
    run_import(path, status="published")
    article = Article.objects.get()
    assert not article.bylines.exists()
    page = client.get(article.get_absolute_url()).content.decode()
    assert jsonld(page)["author"] == {"@type": "Organization", "name": "Agence Test"}
    atom = client.get("/feeds/atom/").content.decode()
    assert "<author><name>AFP</name></author>" in atom


@pytest.mark.django_db
def test_author_page_feed_and_article_page(client):
    source = make_source()
    ann = Author.objects.create(name="Ann Cole", slug="ann-cole", source=source)
    raj = Author.objects.create(name="Raj Patel", slug="raj-patel")
    shown = make_article("Publié", source=source)
    draft = make_article("Brouillon", status=Article.Status.DRAFT)
    set_authors(shown, [raj, ann])
    set_authors(draft, [ann])
    page = client.get(shown.get_absolute_url()).content.decode()
    assert page.index(">Raj Patel</a>") < page.index(">Ann Cole</a>")
    assert 'href="/authors/ann-cole/" rel="author"' in page
    assert [a["name"] for a in jsonld(page)["author"]] == ["Raj Patel", "Ann Cole"]
    assert jsonld(page)["author"][1]["url"] == "http://testserver/authors/ann-cole/"
    author_page = client.get("/authors/ann-cole/").content.decode()
    assert "Publié" in author_page and "Brouillon" not in author_page
    feed = client.get("/authors/ann-cole/atom/").content.decode()
    assert "<author><name>Raj Patel, Ann Cole</name></author>" in feed
    assert "Brouillon" not in feed
    assert "Ann Cole" in client.get("/authors/").content.decode()


@pytest.mark.django_db
def test_an_author_of_drafts_only_has_no_public_page(client):
    ann = Author.objects.create(name="Ann Cole", slug="ann-cole")
    set_authors(make_article("Brouillon", status=Article.Status.DRAFT), [ann])
    assert client.get("/authors/ann-cole/").status_code == 404
    assert client.get("/authors/ann-cole/rss/").status_code == 404
    assert "Ann Cole" not in client.get("/authors/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_renaming_an_author_refreshes_their_articles_pages(client):
    ann = Author.objects.create(name="Ann Cole", slug="ann-cole")
    article = make_article("Publié")
    set_authors(article, [ann])
    assert b"Ann Cole" in client.get(article.get_absolute_url()).content
    ann.name = "Ann Cole-Marsh"
    ann.save()
    assert b"Ann Cole-Marsh" in client.get(article.get_absolute_url()).content
    assert b"Ann Cole-Marsh" in client.get("/authors/ann-cole/").content


@pytest.mark.django_db
def test_authors_survive_an_export_and_import(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    article = make_article("Publié", byline="Rédaction")
    set_authors(
        article,
        [
            Author.objects.create(name="Raj Patel", slug="raj-patel"),
            Author.objects.create(name="Ann Cole", slug="ann-cole"),
        ],
    )
    out = tmp_path / "export.jsonl"
    call_command("export_articles", output=str(out), stdout=StringIO())
    Article.objects.all().delete()
    Author.objects.all().delete()
    assert "1 created" in run_import(out)
    again = Article.objects.get()
    # The authors as they were (not the byline's "Rédaction"), in order.
    assert [a.name for a in again.credited_authors] == ["Raj Patel", "Ann Cole"]
    assert again.byline == "Rédaction"
