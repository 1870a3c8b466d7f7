"""Anonymous, Staff and Editors against every admin page and write, and the
public pages. The expected rights are written out here, not derived from the
code under test."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from articles.models import Article, ArticleTransition, Correction, Source, Topic
from people.models import (
    Alias,
    Decision,
    Mention,
    NameSuggestion,
    Person,
    PersonMerge,
    Quote,
    Role,
)
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

ALL = "vacd"  # view, add, change, delete
EXPECTED = {
    # model: (Staff, Editors)
    "articles.article": ("vc", ALL),
    "articles.source": ("v", ALL),
    "articles.topic": (ALL, ALL),
    "articles.correction": ("v", ALL),
    "people.person": (ALL, ALL),
    "people.alias": (ALL, ALL),
    "people.role": (ALL, ALL),
    # Mentions are marked in the text on the review page, never typed in.
    "people.mention": ("vcd", "vcd"),
    "people.quote": (ALL, ALL),
    "people.namesuggestion": (ALL, ALL),
    "people.personmerge": ("v", "v"),
    "people.decision": ("v", "v"),
    "auth.user": ("", ""),
    "auth.group": ("", ""),
}


@pytest.fixture
def objects():
    source = Source.objects.create(name="AFP")
    topic = Topic.objects.create(name="Port")
    person = Person.objects.create(name="Aïssata Koné")
    article = make_article(body="Aïssata Koné parle.", source=source, link=True)
    return {
        "articles.article": article,
        "articles.source": source,
        "articles.topic": topic,
        "articles.correction": Correction.objects.create(article=article, text="x"),
        "people.person": person,
        "people.alias": Alias.objects.create(person=person, name="A. Koné"),
        "people.role": Role.objects.create(person=person, title="secrétaire"),
        "people.mention": Mention.objects.get(),
        "people.quote": Quote.objects.create(
            article=article, start=0, end=3, text="Aïs"
        ),
        "people.namesuggestion": NameSuggestion.objects.create(name="X Y", key="x y"),
        "people.decision": Decision.objects.create(
            article=article, subject="mention", text="Aïs", start=0, end=3
        ),
        "people.personmerge": PersonMerge.objects.create(
            kept=person, merged_name="Old", merged_slug="old"
        ),
        "auth.user": User.objects.create_user("someone"),
        "auth.group": Group.objects.get(name="Staff"),
    }


def login(client, role: str):
    if role != "anonymous":
        client.force_login(
            make_user(role, groups=["Staff" if role == "staff" else "Editors"])
        )


CASES = [
    (model, role, right)
    for model in EXPECTED
    for role in ("anonymous", "staff", "editor")
    for right in "vacd"
]


@pytest.mark.parametrize(("model", "role", "right"), CASES)
def test_admin_rights(client, objects, model, role, right):
    login(client, role)
    app, name = model.split(".")
    obj = objects[model]
    allowed = role != "anonymous" and right in EXPECTED[model][role == "editor"]
    if right == "v":
        response = client.get(reverse(f"admin:{app}_{name}_changelist"))
    elif right == "a":
        response = client.get(reverse(f"admin:{app}_{name}_add"))
    elif right == "c":
        response = client.post(reverse(f"admin:{app}_{name}_change", args=[obj.pk]), {})
    else:
        response = client.post(
            reverse(f"admin:{app}_{name}_delete", args=[obj.pk]), {"post": "yes"}
        )
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif allowed:
        assert response.status_code in (200, 302), response.status_code
    else:
        assert response.status_code == 403, response.status_code
    if right == "d" and not allowed:
        assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize(
    ("role", "import_status", "restore_allowed"),
    [("anonymous", 302, False), ("staff", 403, False), ("editor", 200, True)],
)
def test_custom_admin_pages(client, objects, role, import_status, restore_allowed):
    from articles.services import revision_create

    article = objects["articles.article"]
    # An article with a status history can still be deleted by Editors.
    ArticleTransition.objects.create(
        article=article, from_status="draft", to_status="in_review"
    )
    revision_create(article=article, by=None)
    article.body = "Changé."
    article.save()
    revision_create(article=article, by=None)
    login(client, role)
    assert (
        client.get(reverse("admin:articles_article_import")).status_code
        == import_status
    )
    restore = client.post(
        reverse("admin:articles_article_revisions", args=[article.pk]),
        {"restore": 1, "confirmed": "yes"},
    )
    article.refresh_from_db()
    assert (article.body == "Aïssata Koné parle.") is restore_allowed
    if role == "staff":
        assert restore.status_code == 403
    delete = client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert Article.objects.filter(pk=article.pk).exists() is (role != "editor")
    assert delete.status_code in ((302,) if role != "staff" else (403,))


@pytest.mark.parametrize("role", ["anonymous", "staff", "editor"])
def test_public_pages_and_previews(client, role):
    published = make_article("Publié")
    draft = make_article("Brouillon", status=Article.Status.DRAFT)
    scheduled = make_article(
        "Programmé",
        publish_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC),
    )
    login(client, role)
    for url in [
        "/",
        "/search/?q=x",
        "/people/",
        "/topics/",
        "/sources/",
        "/corrections/",
        "/feeds/rss/",
        "/sitemap.xml",
        "/robots.txt",
        published.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url
    preview = 200 if role != "anonymous" else 404
    assert client.get(draft.get_absolute_url()).status_code == preview
    assert client.get(scheduled.get_absolute_url()).status_code == preview
    home = client.get("/").content.decode()
    assert "Brouillon" not in home and "Programmé" not in home
