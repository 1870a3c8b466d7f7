"""The French catalogue: every message translated, and the compiled .mo
that Django loads says the same as the .po we edit."""

import ast
import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "fr" / "LC_MESSAGES"


def po_entries(path: Path) -> list[dict]:
    """Entries of a .po file: msgid, msgid_plural, msgstr[n], fuzzy flag."""
    entries, entry, key = [], {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, key = {}, None
        elif line.startswith("#,"):
            entry["fuzzy"] = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return [e for e in entries if e.get("msgid")]  # not the header


def test_every_message_has_a_french_translation():
    entries = po_entries(LOCALE / "django.po")
    assert len(entries) > 100
    missing = [
        e["msgid"]
        for e in entries
        if e.get("fuzzy") or not all(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    assert not missing


def test_the_compiled_catalogue_matches_the_source():
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for e in po_entries(LOCALE / "django.po"):
        assert "msgctxt" not in e  # none yet; compare them if some appear
        if "msgid_plural" in e:
            for n, key in ((1, "msgstr[0]"), (2, "msgstr[1]")):
                assert compiled.ngettext(e["msgid"], e["msgid_plural"], n) == e[key]
        else:
            assert compiled.gettext(e["msgid"]) == e["msgstr"], e["msgid"]


def test_placeholders_survive_translation():
    for e in po_entries(LOCALE / "django.po"):
        source = e["msgid"] + e.get("msgid_plural", "")
        for k, v in e.items():
            if k.startswith("msgstr"):
                pattern = r"%\(\w+\)s|\{\w*\}"
                assert sorted(set(re.findall(pattern, v))) == sorted(
                    set(re.findall(pattern, source))
                ), e["msgid"]


@pytest.mark.django_db
def test_the_french_admin_speaks_french(client):
    """The admin home's review counts, how a name was found, and plurals
    (issue: "1 mention reliée")."""
    from django.urls import reverse
    from django.utils import translation

    from people.admin_filters import METHODS
    from tests.factories import make_user

    client.force_login(make_user("editrice", groups=["Editors"]))
    with translation.override("fr"):
        home = client.get(reverse("admin:index")).content.decode()
        assert "Mentions à vérifier" in home and "Fonctions proposées" in home
        assert str(METHODS["honorific"]).startswith("une civilité")
        from django.utils.translation import ngettext

        one = ngettext(
            "%(count)d mention linked to %(name)s.",
            "%(count)d mentions linked to %(name)s.",
            1,
        ) % {"count": 1, "name": "X"}
        assert one == "1 mention reliée à X."


@pytest.mark.django_db
def test_the_task_admin_speaks_french(client):
    from tests.factories import make_user

    client.force_login(make_user("chef", superuser=True))
    page = client.get("/admin/").content.decode()
    assert "Tâches de fond" in page and "Résultats de tâches" in page
    assert "Tasks Database Backend" not in page and "Task Results" not in page
    photos = client.get("/admin/photos/photo/add/").content.decode()
    assert "Texte alternatif" in photos and "Légende" in photos


@pytest.mark.django_db
def test_system_notes_on_revisions_read_in_french(client, tmp_path):
    from articles.models import Article
    from tests.factories import make_user, run_import

    path = tmp_path / "depeche.txt"
    path.write_text("date 2024-04-02 Un titre\n\nUn paragraphe.\n", encoding="utf-8")
    run_import(path)
    client.force_login(make_user("chef", superuser=True))
    article = Article.objects.get()
    page = client.get(f"/admin/articles/article/{article.pk}/revisions/")
    assert "<td>importé</td>" in page.content.decode()


@pytest.mark.django_db
def test_the_layout_links_in_the_page_language(client):
    # The layout's links are worked out once per language, then remembered:
    # each language keeps its own.
    from django.urls import reverse
    from django.utils import translation

    from articles.templatetags.site import page_url

    for code in ("fr", "en", "fr"):
        with translation.override(code):
            assert page_url("people:person-list") == reverse("people:person-list")
    english = client.get("/en/").content.decode()
    assert 'href="/en/people/"' in english
    assert 'href="/people/"' in client.get("/").content.decode()
