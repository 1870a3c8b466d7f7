"""Merging people, and the review actions of the admin, end to end."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from people import services
from people.linker import link_article
from people.models import Alias, Mention, Person, PersonMerge, Role
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def test_merge_moves_everything_records_it_and_redirects(client, editor):
    keep = make_person("Benyamin Netanyahou", description="Premier ministre")
    dup = make_person("Benjamin Netanyahu", aliases=["Bibi"], wikidata_id="Q43")
    article = make_article(
        body="« Non », a déclaré Benjamin Netanyahu mardi.", link=True
    )
    Role.objects.create(person=dup, title="Premier ministre")
    record = services.person_merge(keep=keep, merged=dup, by=editor)
    assert not Person.objects.filter(pk=dup.pk).exists()
    assert article.mentions.get().person == keep
    assert article.quotes.get().speaker == keep
    assert keep.roles.get().title == "Premier ministre"
    assert sorted(keep.aliases.values_list("name", flat=True)) == [
        "Benjamin Netanyahu",
        "Bibi",
    ]
    keep.refresh_from_db()
    assert keep.wikidata_id == "Q43"
    assert record.moved == {
        "mentions": 1,
        "quotes": 1,
        "roles": 1,
        "suggestions": 0,
        "aliases": 2,
    }
    assert (record.merged_by, record.merged_slug) == (editor, "benjamin-netanyahu")
    response = client.get("/people/benjamin-netanyahu/")
    assert response.status_code == 301
    assert response["Location"] == keep.get_absolute_url()


def test_a_merged_persons_feeds_and_pages_redirect_in_every_language(client, editor):
    keep = make_person("Benyamin Netanyahou")
    dup = make_person("Benjamin Netanyahu")
    make_article(body="Benyamin Netanyahou parle.", link=True)
    services.person_merge(keep=keep, merged=dup, by=editor)
    for old in ["/people/{}/rss/", "/en/people/{}/atom/", "/en/people/{}/?page=2"]:
        response = client.get(old.format("benjamin-netanyahu"))
        assert response.status_code == 301
        assert response["Location"] == old.format("benyamin-netanyahou")
    assert client.get("/people/benyamin-netanyahou/rss/").status_code == 200
    assert client.get("/people/nobody-at-all/rss/").status_code == 404


def test_a_person_with_mentions_cannot_be_deleted():
    person = make_person("Antony Blinken")
    make_article(body="Antony Blinken.", link=True)
    with pytest.raises(ProtectedError):
        person.delete()


def test_merge_action_in_the_admin(english, client, staff):
    keep = make_person("Benyamin Netanyahou")
    dup = make_person("Benjamin Netanyahu")
    client.force_login(staff)
    url = reverse("admin:people_person_changelist")
    data = {"action": "merge_people", "_selected_action": [keep.pk, dup.pk]}
    page = client.post(url, data)
    assert page.status_code == 200
    assert "Keep this person" in page.content.decode()
    client.post(url, {**data, "apply": "1", "keep": keep.pk})
    assert list(Person.objects.all()) == [keep]
    assert PersonMerge.objects.get().merged_by == staff


def test_link_mentions_to_a_person_action(english, client, staff):
    make_person("Fidel Castro")
    raul = make_person("Raúl Castro")
    article = make_article(body="Fidel Castro et Raúl Castro. Castro parle.", link=True)
    pending = article.mentions.get(status="pending")
    client.force_login(staff)
    url = reverse("admin:people_mention_changelist")
    data = {"action": "link_to_person", "_selected_action": [pending.pk]}
    assert "Link mentions to a person" in client.post(url, data).content.decode()
    client.post(url, {**data, "apply": "1", "person": raul.pk, "add_alias": "on"})
    pending.refresh_from_db()
    assert (pending.person, pending.status, pending.decided_by) == (
        raul,
        "confirmed",
        staff,
    )
    # "Castro" is one word: refused as an alias (every later "Castro" would
    # be Raúl)...
    assert not raul.aliases.exists()
    # ... unless staff marked him known by surname alone.
    raul.known_by_surname = True
    raul.save()
    pending.refresh_from_db()
    client.post(url, {**data, "apply": "1", "person": raul.pk, "add_alias": "on"})
    assert raul.aliases.get().kind == Alias.Kind.SHORT


def test_also_adding_the_name_as_an_alias_is_off_by_default():
    from people.admin import ChoosePersonForm

    assert ChoosePersonForm().fields["add_alias"].initial is False


def test_review_queue_shows_context_and_counts(english, client, staff):
    make_person("Fidel Castro")
    make_person("Raúl Castro")
    make_article(
        body="Fidel Castro et Raúl Castro. Castro parle longuement.", link=True
    )
    client.force_login(staff)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Review queue" in index
    assert "status__exact=pending" in index
    queue = client.get(
        reverse("admin:people_mention_changelist"), {"status__exact": "pending"}
    ).content.decode()
    assert "<mark>Castro</mark> parle longuement." in queue


def test_rejecting_keeps_the_decision_through_admin_actions(client, staff):
    make_person("Antony Blinken")
    article = make_article(body="Antony Blinken. Blinken.", link=True)
    mention = article.mentions.order_by("start").last()
    client.force_login(staff)
    client.post(
        reverse("admin:people_mention_changelist"),
        {"action": "reject", "_selected_action": [mention.pk]},
    )
    link_article(article=article)
    assert article.mentions.order_by("start").last().status == Mention.Status.REJECTED
