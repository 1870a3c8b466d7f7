"""Suggestions, roles, merges and background relinking, end to end."""

import datetime

import pytest
from django.urls import reverse

from people import services
from people.linker import link_article
from people.models import Alias, NameSuggestion, Person, Role
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def test_unknown_names_become_grouped_pending_suggestions():
    first = make_article(
        body="Une commerçante, Hélène Garnier, craint le pire. Garnier insiste.",
        link=True,
    )
    second = make_article(body="« Non », a déclaré Helene GARNIER.", link=True)
    suggestion = NameSuggestion.objects.get()
    assert suggestion.key == "helene garnier"
    assert set(suggestion.articles) == {first, second}
    assert list(
        first.mentions.order_by("start").values_list("text", "status", "person")
    ) == [("Hélène Garnier", "pending", None), ("Garnier", "pending", None)]


def test_english_unknown_names_come_from_titles_and_speech_verbs():
    make_article(
        body='Councillor Rebecca Stone warned of cuts. "No," said Tom Reid.',
        language="en",
        link=True,
    )
    assert sorted(NameSuggestion.objects.values_list("name", flat=True)) == [
        "Rebecca Stone",
        "Tom Reid",
    ]


def test_creating_a_person_from_a_suggestion_moves_its_mentions(
    editor, django_capture_on_commit_callbacks
):
    article = make_article(
        body="Une commerçante, Nathalie Garnier, craint le pire. Garnier insiste.",
        link=True,
    )
    suggestion = NameSuggestion.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        person = services.suggestion_accept(suggestion=suggestion, by=editor)
    assert person.name == "Nathalie Garnier"
    assert list(article.mentions.order_by("start").values_list("person", "status")) == [
        (person.pk, "confirmed"),
        (person.pk, "confirmed"),
    ]
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.person) == ("accepted", person)
    # Relinking later keeps it all.
    link_article(article=article)
    assert article.mentions.filter(person=person).count() == 2


def test_linking_a_suggestion_to_an_existing_person_adds_an_alias(editor):
    person = make_person("Benyamin Netanyahou")
    article = make_article(
        body="Le Premier ministre Benjamin Netanyahu a parlé.", link=True
    )
    suggestion = NameSuggestion.objects.get(key="benjamin netanyahu")
    services.suggestion_accept(suggestion=suggestion, by=editor, person=person)
    assert list(person.aliases.values_list("name", flat=True)) == ["Benjamin Netanyahu"]
    assert article.mentions.get().person == person


def test_a_dismissed_name_is_not_suggested_again():
    article = make_article(
        body="Le groupe Voltaire Mobilité, a déclaré Jean Dupont.", link=True
    )
    for suggestion in NameSuggestion.objects.all():
        services.suggestion_dismiss(suggestion=suggestion)
    assert not article.mentions.exists()
    link_article(article=article)
    assert not article.mentions.exists()


def test_role_apposition_is_recorded_as_a_dated_proposed_role():
    gallant = make_person("Yoav Gallant")
    make_article(
        body="Le ministre de la Défense Yoav Gallant a parlé.",
        date=datetime.date(2023, 1, 10),
        link=True,
    )
    make_article(
        body="Le ministre de la Défense Yoav Gallant a encore parlé.",
        date=datetime.date(2022, 12, 1),
        link=True,
    )
    role = Role.objects.get()
    assert (role.person, role.title, role.organisation, role.status) == (
        gallant,
        "ministre de la Défense",
        "Défense",
        "proposed",
    )
    assert role.start_date == datetime.date(2022, 12, 1)


QUOTED = "« Il faut agir », a déclaré Aïssata Koné.\n\nKoné a ajouté : « Maintenant. »"


def review(client, action: str, mentions, callbacks):
    with callbacks(execute=True):
        response = client.post(
            "/admin/people/mention/",
            {"action": action, "_selected_action": [m.pk for m in mentions]},
        )
    assert response.status_code == 302


def test_rejecting_a_full_name_takes_its_short_forms_and_quotes_along(
    client, staff, django_capture_on_commit_callbacks
):
    koné = make_person("Aïssata Koné")
    article = make_article(body=QUOTED, link=True)
    assert [q.speaker for q in article.quotes.all()] == [koné, koné]
    client.force_login(staff)
    full = article.mentions.get(text="Aïssata Koné")
    review(client, "reject", [full], django_capture_on_commit_callbacks)
    # Another Aïssata Koné: "Koné" stood on the rejected name, so it goes to
    # review, and neither quotation is hers any more.
    short = article.mentions.get(text="Koné")
    assert (short.status, short.person) == ("pending", None)
    assert [q.speaker for q in article.quotes.all()] == [None, None]
    client.logout()
    page = client.get(koné.get_absolute_url()).content.decode()
    assert "Il faut agir" not in page and "Maintenant." not in page


def test_giving_a_full_name_to_someone_else_takes_its_short_forms_along(
    staff, django_capture_on_commit_callbacks
):
    koné = make_person("Aïssata Koné")
    athlete = make_person("Aïssata Koné (athlète)")
    article = make_article(body=QUOTED, link=True)
    full = article.mentions.get(text="Aïssata Koné")
    with django_capture_on_commit_callbacks(execute=True):
        services.mentions_link(mentions=[full], person=athlete, by=staff)
    short = article.mentions.get(text="Koné")
    assert short.person != koné and short.status == "pending"
    assert [q.speaker for q in article.quotes.order_by("start")] == [athlete, None]


def test_a_short_form_stays_linked_while_a_full_name_remains(
    client, staff, django_capture_on_commit_callbacks
):
    koné = make_person("Aïssata Koné")
    article = make_article(body=QUOTED + "\n\nAïssata Koné quitte la salle.", link=True)
    client.force_login(staff)
    first = article.mentions.filter(text="Aïssata Koné").order_by("start").first()
    review(client, "reject", [first], django_capture_on_commit_callbacks)
    short = article.mentions.get(text="Koné")
    assert (short.status, short.person) == ("auto", koné)


def test_confirming_an_automatic_link_relinks_nothing(
    client, staff, django_capture_on_commit_callbacks
):
    make_person("Aïssata Koné")
    article = make_article(body=QUOTED, link=True)
    url = article.get_absolute_url()
    client.get(url)
    client.force_login(staff)
    review(
        client, "confirm", article.mentions.all(), django_capture_on_commit_callbacks
    )
    assert set(article.mentions.values_list("status", flat=True)) == {"confirmed"}
    client.logout()
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_linking_an_unknown_name_to_a_person_gives_them_its_quotes_at_once(
    staff, django_capture_on_commit_callbacks, settings
):
    settings.NEWSROOM_NER = False
    article = make_article(
        body="« Il faut agir », a déclaré Jean-Pierre Dufour, maire de Sète.",
        link=True,
    )
    dufour = make_person("J.-P. Dufour")  # the directory spells it otherwise
    pending = article.mentions.get(text="Jean-Pierre Dufour")
    assert article.quotes.get().speaker is None
    with django_capture_on_commit_callbacks(execute=True):
        services.mentions_link(mentions=[pending], person=dufour, by=staff)
    assert article.quotes.get().speaker == dufour


def test_rejecting_a_confirmed_role_unlinks_its_bare_title(
    client, staff, django_capture_on_commit_callbacks
):
    blinken = make_person("Antony Blinken")
    role = Role.objects.create(
        person=blinken, title="secrétaire d'État", status=Role.Status.CONFIRMED
    )
    article = make_article(body="Le secrétaire d'État a parlé.", link=True)
    assert article.mentions.get().person == blinken
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/people/role/",
            {"action": "reject_roles", "_selected_action": [role.pk]},
        )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.status == Role.Status.REJECTED
    assert not article.mentions.filter(person=blinken).exists()
    public = client.get(article.get_absolute_url()).content.decode()
    assert blinken.get_absolute_url() not in public


def test_retitling_a_confirmed_role_relinks_both_titles(
    django_capture_on_commit_callbacks,
):
    blinken = make_person("Antony Blinken")
    role = Role.objects.create(
        person=blinken, title="secrétaire d'État", status=Role.Status.CONFIRMED
    )
    old = make_article(body="Le secrétaire d'État a parlé.", link=True)
    new = make_article(body="Le chef de la diplomatie a parlé.", link=True)
    assert old.mentions.exists() and not new.mentions.exists()
    role.title = "chef de la diplomatie"
    with django_capture_on_commit_callbacks(execute=True):
        role.save()
    assert not old.mentions.filter(person=blinken).exists()
    assert new.mentions.get().person == blinken


def test_confirmed_role_resolves_a_bare_role_phrase_at_the_right_date(
    django_capture_on_commit_callbacks,
):
    blinken = make_person("Antony Blinken")
    make_article(
        body="Le secrétaire d'État américain Antony Blinken est arrivé.",
        date=datetime.date(2023, 1, 5),
        link=True,
    )
    later = make_article(
        "Visite",
        body="La visite du secrétaire d'État a commencé.",
        date=datetime.date(2023, 2, 1),
        link=True,
    )
    earlier = make_article(
        "Avant",
        body="Le secrétaire d'État a parlé.",
        date=datetime.date(2020, 1, 1),
        link=True,
    )
    assert not later.mentions.exists()
    role = Role.objects.get()
    role.status = Role.Status.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        role.save()  # relinks the affected articles in the background
    mention = later.mentions.get()
    assert (mention.text, mention.person, mention.method) == (
        "secrétaire d'État",
        blinken,
        "role",
    )
    assert not earlier.mentions.exists()  # the role was not held then


def test_new_alias_relinks_affected_articles_in_the_background(
    django_capture_on_commit_callbacks,
):
    person = make_person("Luiz Inácio Lula da Silva")
    article = make_article(body="Lula a parlé.", link=True)
    assert not article.mentions.exists()
    with django_capture_on_commit_callbacks(execute=True):
        Alias.objects.create(person=person, name="Lula")
    assert list(article.mentions.values_list("text", "person", "status")) == [
        ("Lula", person.pk, "auto")
    ]


def test_new_person_relinks_articles_that_name_them(django_capture_on_commit_callbacks):
    article = make_article(body="Gabriel Attal est arrivé. Attal a parlé.", link=True)
    with django_capture_on_commit_callbacks(execute=True):
        person = Person.objects.create(name="Gabriel Attal")
    assert list(article.mentions.values_list("person", "status")) == [
        (person.pk, "auto"),
        (person.pk, "auto"),
    ]


@pytest.mark.parametrize(
    ("in_text", "in_directory"),
    [("Hélène Ténier", "Helene Tenier"), ("Helene Tenier", "Hélène Ténier")],
)
def test_a_new_person_is_found_whatever_the_accents(
    django_capture_on_commit_callbacks, in_text, in_directory
):
    article = make_article(body=f"{in_text} a parlé.", link=True)
    with django_capture_on_commit_callbacks(execute=True):
        person = Person.objects.create(name=in_directory)
    assert list(article.mentions.values_list("text", "person")) == [
        (in_text, person.pk)
    ]


def test_recording_a_gender_relinks_the_namesakes_it_tells_apart(
    django_capture_on_commit_callbacks,
):
    marine = make_person("Marine Le Pen")
    jean_marie = make_person("Jean-Marie Le Pen", gender="m")
    article = make_article(
        body="Marine Le Pen et Jean-Marie Le Pen votent. Mme Le Pen a parlé.",
        link=True,
    )
    mme = article.mentions.get(text="Le Pen", start=47)
    assert (mme.person, mme.status) == (None, "pending")  # Marine's unknown
    with django_capture_on_commit_callbacks(execute=True):
        marine.gender = Person.Gender.FEMALE
        marine.save()
    mme = article.mentions.get(text="Le Pen", start=47)
    assert (mme.person, mme.status) == (marine, "auto")
    assert jean_marie.mentions.count() == 1


def test_a_confirmed_role_without_start_date_counts_as_held_everywhere(client):
    blinken = make_person("Antony Blinken")
    Role.objects.create(
        person=blinken, title="secrétaire d'État", status=Role.Status.CONFIRMED
    )
    article = make_article(
        body="Antony Blinken arrive. La visite du secrétaire d'État commence.",
        link=True,
    )
    # Linking resolves the bare role phrase to its holder...
    assert list(article.mentions.order_by("start").values_list("text", "method")) == [
        ("Antony Blinken", "directory"),
        ("secrétaire d'État", "role"),
    ]
    # ...and the people panel shows the same role.
    response = client.get(article.get_absolute_url())
    assert response.context["people"][0]["role"] == "secrétaire d'État"


def test_staff_may_change_who_said_a_quotation_never_what_was_said(client, staff):

    from people.models import Quote

    koné = make_person("Aïssata Koné")
    article = make_article(body="« Il faut agir », a déclaré Aïssata Koné.", link=True)
    client.force_login(staff)
    add = reverse("admin:people_quote_add")
    invented = {"article": article.pk, "start": 0, "end": 999, "speaker": koné.pk}
    response = client.post(add, {**invented, "text": "Des mots inventés"})
    assert response.status_code == 200  # refused: the offsets select nothing
    assert Quote.objects.count() == 1
    real = {**invented, "start": 2, "end": 14, "text": "Des mots inventés"}
    assert client.post(add, real).status_code == 302
    assert Quote.objects.order_by("pk").last().text == "Il faut agir"
