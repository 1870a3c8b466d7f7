"""The review page of an article: what it shows, each action it posts, the
audit trail, and that relinking keeps what staff did there."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from people.linker import link_article
from people.models import Decision, Mention, NameSuggestion
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db

BODY = (
    "« Nous irons jusqu'au bout », a déclaré Aïssata Koné.\n\n"
    "Anne Martin et Paul Martin ont voté. Martin a parlé. "
    "Le préfet Girard n'a rien dit. « Rien ne presse », a glissé un élu."
)


@pytest.fixture
def article():
    for name in ("Aïssata Koné", "Anne Martin", "Paul Martin", "Marc Girard"):
        make_person(name)
    return make_article(body=BODY, link=True)


def act(client, article, **data):
    # In English (the French admin is checked on its own).
    with translation.override("en"):
        url = reverse("admin:people_review_act", args=[article.pk])
    return client.post(url, data)


def test_the_page_marks_every_name_and_quotation(client, staff, article):
    client.force_login(staff)
    url = reverse("admin:people_review", args=[article.pk])
    html = client.get(url).content.decode()
    koné = article.mentions.get(text="Aïssata Koné")
    martin = article.mentions.get(text="Martin")
    quote = article.quotes.get(text__startswith="Nous irons")
    assert f'data-mention-id="{koné.pk}" data-status="auto"' in html
    assert f'data-mention-id="{martin.pk}" data-status="pending"' in html
    assert f'data-quote-id="{quote.pk}" data-speaker="aissata-kone"' in html
    # The page's text is the body, character for character.
    assert "Anne Martin</button> et <button" in html


def test_the_page_speaks_french(client, staff, article):
    client.force_login(staff)
    koné = article.mentions.get(text="Aïssata Koné")
    act(client, article, action="confirm", mention=koné.pk)
    with translation.override("fr"):
        url = reverse("admin:people_review", args=[article.pk])
    html = client.get(url).content.decode()
    assert "Relire les noms et les citations" in html
    assert "Confirmer tous les liens automatiques" in html
    assert "relié automatiquement : Aïssata Koné" in html
    assert "confirmé : Aïssata Koné" in html


def test_the_page_costs_a_fixed_number_of_queries(
    client, staff, article, django_assert_max_num_queries
):
    client.force_login(staff)
    url = reverse("admin:people_review", args=[article.pk])
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200


def test_confirm_reject_and_link_are_stored_and_recorded(client, staff, article):
    client.force_login(staff)
    koné = article.mentions.get(text="Aïssata Koné")
    martin = article.mentions.get(text="Martin")
    assert act(client, article, action="confirm", mention=koné.pk).status_code == 200
    # A name two people share cannot be confirmed before it is linked.
    refused = act(client, article, action="confirm", mention=martin.pk)
    assert refused.status_code == 400
    assert "Link this name" in refused.json()["message"]
    paul = martin.candidates[1]
    answer = act(client, article, action="link", mention=martin.pk, person=paul)
    assert answer.json()["ok"] and 'data-status="confirmed"' in answer.json()["live"]
    martin.refresh_from_db()
    assert (martin.status, martin.person_id, martin.decided_by) == (
        "confirmed",
        paul,
        staff,
    )
    rows = Decision.objects.filter(by=staff).order_by("pk")
    assert [(d.text, d.before, d.after) for d in rows] == [
        ("Aïssata Koné", "auto: Aïssata Koné", "confirmed: Aïssata Koné"),
        ("Martin", "pending", "confirmed: Paul Martin"),
    ]


def test_a_missed_name_is_marked_from_a_selection_and_survives_relinking(
    client, staff, article
):
    client.force_login(staff)
    start = BODY.index("Girard")
    # The selection took the space before and the word after's first letter
    # away from nothing: spaces are trimmed, cut words refused.
    assert (
        act(client, article, action="add", start=start, end=start + 3).status_code
        == 400
    )
    answer = act(client, article, action="add", start=start - 1, end=start + 6)
    assert answer.status_code == 200, answer.json()
    girard = article.mentions.get(text="Girard")
    assert (girard.status, girard.person.name, girard.method) == (
        "confirmed",
        "Marc Girard",
        "staff",
    )
    link_article(article=article)
    assert article.mentions.get(text="Girard").pk == girard.pk


def test_an_unknown_name_marked_waits_as_a_suggestion_and_is_kept(
    client, staff, article
):
    client.force_login(staff)
    start = BODY.index("préfet")
    act(client, article, action="add", start=start, end=start + len("préfet"))
    mention = article.mentions.get(text="préfet")
    assert mention.status == "pending" and mention.suggestion.status == "open"
    link_article(article=article)
    assert article.mentions.filter(text="préfet", status="pending").exists()
    act(client, article, action="person", mention=mention.pk)
    mention.refresh_from_db()
    assert mention.person.name == "préfet" and mention.status == "confirmed"


def test_offsets_outside_the_text_are_refused(client, staff, article):
    client.force_login(staff)
    answer = act(client, article, action="add", start=5, end=10**6)
    assert answer.status_code == 400
    assert act(client, article, action="add", start="x", end=2).status_code == 400
    assert act(client, article, action="wipe").status_code == 400


def test_a_quotation_marked_with_its_speaker_is_kept_by_relinking(
    client, staff, article
):
    client.force_login(staff)
    paul = article.mentions.get(text="Paul Martin").person
    start = BODY.index("Rien ne presse")
    answer = act(
        client,
        article,
        action="quote",
        start=start - 2,
        end=start + len("Rien ne presse") + 2,
        person=paul.pk,
    )
    assert answer.status_code == 200, answer.json()
    link_article(article=article)
    quote = article.quotes.get(start=start)
    assert (quote.text, quote.speaker, quote.rule) == ("Rien ne presse", paul, "staff")
    assert quote.decided_by == staff


def test_a_quotation_speaker_change_is_kept_and_the_words_never_change(
    client, staff, article
):
    client.force_login(staff)
    quote = article.quotes.get(text__startswith="Nous irons")
    paul = article.mentions.get(text="Paul Martin").person
    act(client, article, action="speaker", quote=quote.pk, person=paul.pk)
    link_article(article=article)
    kept = article.quotes.get(text__startswith="Nous irons")
    assert kept.speaker == paul and kept.text == "Nous irons jusqu'au bout"
    row = Decision.objects.get(subject="quote")
    assert (row.before, row.after) == ("speaker: Aïssata Koné", "speaker: Paul Martin")


def test_confirm_every_automatic_link_at_once(client, staff, article):
    client.force_login(staff)
    answer = act(client, article, action="confirmall")
    assert "3 automatic links confirmed" in answer.json()["message"]
    assert not article.mentions.filter(status="auto").exists()


def test_staff_without_change_rights_cannot_act(client, article):
    from tests.factories import make_user

    viewer = make_user("viewer")
    client.force_login(viewer)
    koné = article.mentions.get(text="Aïssata Koné")
    assert act(client, article, action="confirm", mention=koné.pk).status_code == 403
    assert Mention.objects.get(pk=koné.pk).status == "auto"


def test_next_article_with_pending_names(client, staff, article):
    client.force_login(staff)
    make_article(body="Rien à relire.")
    url = reverse("admin:people_review_next")
    answer = client.get(url, {"after": 0})
    assert answer["Location"] == reverse("admin:people_review", args=[article.pk])
    article.mentions.filter(status="pending").delete()
    assert client.get(url)["Location"] == reverse("admin:index")


def test_topics_set_on_the_page_keep_what_others_set_meanwhile(client, staff, article):
    from articles.models import Topic

    port, budget, vote = (
        Topic.objects.create(name=n, slug=n) for n in ("port", "budget", "vote")
    )
    article.topics.add(port)
    client.force_login(staff)
    url = reverse("admin:people_review_topics", args=[article.pk])
    # Meanwhile an editor tags "vote"; this page, loaded with "port" only,
    # removes "port" and adds "budget".
    article.topics.add(vote)
    answer = client.post(url, {"topics": [budget.pk], "loaded": str(port.pk)})
    assert answer.status_code == 302
    assert set(article.topics.values_list("slug", flat=True)) == {"budget", "vote"}


def test_the_trail_exports_as_csv(client, staff, article):
    client.force_login(staff)
    koné = article.mentions.get(text="Aïssata Koné")
    act(client, article, action="reject", mention=koné.pk)
    url = reverse("admin:people_decision_export")
    response = client.get(url, {"article__id__exact": article.pk})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["at", "by", "article"]
    assert ["staff", "mention", "Aïssata Koné"] == [rows[1][1], rows[1][3], rows[1][4]]
    assert rows[1][-2:] == ["auto: Aïssata Koné", "rejected: Aïssata Koné"]
    # The linker's runs are in the trail too.
    assert any(row[1] == "linker" for row in rows[1:])


def test_a_suggestion_closes_when_nothing_is_pending_and_on_a_new_person(
    client, staff, django_capture_on_commit_callbacks
):
    article = make_article(
        body="« Le port vivra », a déclaré la directrice Rokia Traoré.", link=True
    )
    suggestion = NameSuggestion.objects.get(name="Rokia Traoré")
    mention = article.mentions.get(suggestion=suggestion)
    client.force_login(staff)
    act(client, article, action="reject", mention=mention.pk)
    suggestion.refresh_from_db()
    assert suggestion.status == "closed"
    assert NameSuggestion.objects.open_work().count() == 0
    # A new article naming her opens it again; creating the person in the
    # directory answers it.
    make_article(body="La directrice Rokia Traoré a répondu : « Non. »", link=True)
    suggestion.refresh_from_db()
    assert suggestion.status == "open"
    with django_capture_on_commit_callbacks(execute=True):
        person = make_person("Rokia Traoré")
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.person) == ("accepted", person)
    assert Mention.objects.filter(person=person, status="auto").exists()


def test_without_a_mouse_typed_words_are_found_in_the_text(client, staff, article):
    client.force_login(staff)
    answer = act(client, article, action="add", words="Girard", near=0)
    assert answer.status_code == 200, answer.json()
    girard = article.mentions.get(text="Girard")
    assert (girard.start, girard.end) == (
        BODY.index("Girard"),
        BODY.index("Girard") + 6,
    )
    missing = act(client, article, action="add", words="Dupont")
    assert missing.status_code == 400
    assert "not in the text" in missing.json()["message"]
