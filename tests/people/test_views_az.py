"""The people A–Z as a French reader expects it, and the timeline's
accessible table."""

import pytest

from people.linking.normalise import sort_key
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("sort_name", "key"),
    [
        ("Élysée, Anne", "elysee, anne"),
        ("al-Assad, Bashar", "assad, bashar"),
        ("El-Sissi, Abdel", "sissi, abdel"),
        ("d'Ormesson, Jean", "ormesson, jean"),
        ("Zoé", "zoe"),
    ],
)
def test_sort_key_folds_case_accents_and_particles(sort_name, key):
    assert sort_key(sort_name) == key


def test_people_a_to_z_order_and_letters(client):
    names = ["Zoé Martin", "Paul Éluard", "Bashar al-Assad", "Anne Bernard"]
    for name in names:
        make_person(name)
    make_article("Tous", " ".join(f"{n} parle." for n in names), link=True)
    page = client.get("/people/").content.decode()
    listed = page.split('<ul class="index">', 1)[1]
    order = sorted(names, key=lambda n: listed.index(n.split()[-1]))
    # al- skipped, É with the Es (a binary collation puts it after Z).
    assert order == ["Bashar al-Assad", "Anne Bernard", "Paul Éluard", "Zoé Martin"]
    assert '<a href="?letter=A">A</a>' in page
    assert '<span class="unused">Q</span>' in page
    assert "Éluard" in client.get("/people/", {"letter": "E"}).content.decode()
    assert "Assad" in client.get("/people/", {"letter": "A"}).content.decode()


def test_letters_are_links_only_for_people_readers_may_see(client):
    from articles.models import Article

    make_person("Quentin Yvert")  # named in no article
    make_person("Ursule Vidal")  # named in a draft only
    make_person("Walter Kern")
    make_article(
        "Brouillon", "Ursule Vidal parle.", status=Article.Status.DRAFT, link=True
    )
    make_article("Publié", "Walter Kern parle.", link=True)
    page = client.get("/people/").content.decode()
    assert '<a href="?letter=K">K</a>' in page
    for unused in "VYZ":
        assert f'<span class="unused">{unused}</span>' in page


def test_timeline_months_are_a_table_of_links(client):
    import datetime

    person = make_person("Claire Dubois")
    for day in (datetime.date(2024, 1, 5), datetime.date(2024, 3, 2)):
        make_article(f"Le {day}", "Claire Dubois parle.", date=day, link=True)
    page = client.get(person.get_absolute_url()).content.decode()
    table = page.split("<table>", 1)[1].split("</table>")[0]
    assert table.count('<th scope="row">') == 2  # February had none
    link = "/?person=claire-dubois&amp;date_from=2024-03&amp;date_to=2024-03"
    assert link in table
    month = client.get(link.replace("&amp;", "&")).content.decode()
    assert "Le 2024-03-02" in month and "Le 2024-01-05" not in month
