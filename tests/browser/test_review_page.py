"""A Staff member reviews the names of one article on its review page, by
keyboard mostly, and readers see the result. Every key press, click, fill
and drag is counted: the issue's bound is 15 for this mix of 10 names."""

import pytest

from articles.models import Article
from people.models import Decision, Mention, Person
from tests.browser.axe import serious_violations
from tests.factories import make_article, make_person, make_user

pytestmark = pytest.mark.django_db(transaction=True)

# Written for this test in the constructions of local news: a name two
# people share, honorifics of people never named in full, a husband beside
# his wife, a company quoted like a person, a nickname, a name after a
# role word the rules do not take.
BODY = (
    "Le conseil municipal a voté mardi soir le budget du port, après trois "
    "heures de débat.\n\n"
    "« Nous ne signerons pas un chèque en blanc », a lancé Anne Martin en "
    "ouvrant la séance. Paul Martin, son cousin et adjoint aux finances, a "
    "défendu le texte. Martin a rappelé que la dette avait baissé.\n\n"
    "M. Benali, qui préside la commission des transports, s'est abstenu. "
    "Mme Carrère a demandé un audit, soutenue par M. Dutertre. Mme Lemaire, "
    "la doyenne du conseil, a voté pour. Son mari, M. Lemaire, assistait à "
    "la séance depuis le public.\n\n"
    "« Les délais seront tenus », a précisé Marseille Fret dans un "
    "communiqué. Le contrat, a expliqué la directrice Rokia Traoré, sera "
    "renégocié. « Les bus ne partiront pas à l'heure sans cela », a prévenu "
    "Jeannot Dufresne, délégué syndical. Le préfet Girard n'a pas commenté."
)
PEOPLE = [
    "Anne Martin",
    "Paul Martin",
    "Karim Benali",
    "Hélène Carrère",
    "Olivier Dutertre",
    "Sophie Lemaire",
    "Jean Dufresne",
    "Marc Girard",
]


class Counted:
    """The user's actions on a page, counted."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def press(self, key: str) -> None:
        self.count += 1
        self.page.keyboard.press(key)

    def fill(self, selector: str, text: str) -> None:
        self.count += 1
        self.page.fill(selector, text)

    def drag_select(self, start: int, end: int) -> None:
        """Select body[start:end] with the mouse, as one drag."""
        box = self.page.evaluate(
            """([start, end]) => {
              const body = document.getElementById("review-body");
              const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
              const at = (offset) => {
                let seen = 0, node;
                while ((node = walker.nextNode())) {
                  if (seen + node.length >= offset) return [node, offset - seen];
                  seen += node.length;
                }
              };
              const r = document.createRange();
              const [n1, o1] = at(start); r.setStart(n1, o1);
              walker.currentNode = body;
              const [n2, o2] = at(end); r.setEnd(n2, o2);
              const b = r.getClientRects()[0];
              return [b.left, b.right, b.top + b.height / 2];
            }""",
            [start, end],
        )
        left, right, middle = box
        self.count += 1
        self.page.mouse.move(left + 1, middle)
        self.page.mouse.down()
        self.page.mouse.move(right - 1, middle, steps=5)
        self.page.mouse.up()


def wait_saved(page, expected: str) -> None:
    page.wait_for_function(
        "(t) => document.getElementById('review-status').textContent.includes(t)",
        arg=expected,
    )


def log_in(page, live_server, username: str, groups: list[str]) -> None:
    user = make_user(username, groups=groups)
    user.set_password("a-long-test-password")
    user.save()
    page.goto(live_server.url + "/en/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/en/admin/")


def test_staff_review_ten_names_in_at_most_fifteen_actions(
    browser, page, shot, live_server
):
    people = {name: make_person(name) for name in PEOPLE}
    article = make_article(title="Le budget du port voté", body=BODY, link=True)
    pending = article.mentions.filter(status="pending").order_by("start")
    assert [m.text for m in pending] == [
        "Martin",
        "Benali",
        "Carrère",
        "Dutertre",
        "Lemaire",
        "Lemaire",
        "Marseille Fret",
        "Rokia Traoré",
        "Jeannot Dufresne",
    ]
    log_in(page, live_server, "relectrice", ["Staff"])
    page.goto(f"{live_server.url}/en/admin/people/mention/review/{article.pk}/")
    shot(page, "1-review-desktop")
    assert serious_violations(page) == []

    user = Counted(page)
    review_by_keyboard(page, user)
    print(f"review actions: {user.count}")
    assert user.count <= 15
    assert page.locator("#review-body [data-status=pending]").count() == 0
    assert serious_violations(page) == []
    shot(page, "2-reviewed-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "3-reviewed-390px")

    check_stored(article)
    check_public(browser, live_server, article, people)


def next_saved(page, expected: str) -> None:
    wait_saved(page, expected)
    page.evaluate("document.getElementById('review-status').textContent = ''")


def review_by_keyboard(page, user: Counted) -> None:
    # The page opens on the first pending name: "Martin", after Anne and
    # Paul Martin. The second person listed is Paul.
    assert page.evaluate("document.activeElement.textContent") == "Martin"
    user.press("2")
    next_saved(page, "Paul Martin")
    for _ in range(4):  # M. Benali, Mme Carrère, M. Dutertre, Mme Lemaire
        user.press("c")
        next_saved(page, "Confirmed")
    user.press("r")  # M. Lemaire is her husband, not the directory's Lemaire
    next_saved(page, "Rejected")
    user.press("r")  # Marseille Fret is a company
    next_saved(page, "Rejected")
    user.press("a")  # Rokia Traoré: a new person
    next_saved(page, "added to the directory")
    user.press("l")  # Jeannot Dufresne is the directory's Jean Dufresne
    user.fill("#review-search-input", "Dufresne")
    page.wait_for_selector("#review-search-results [role=option]")
    user.press("Enter")
    next_saved(page, "Jean Dufresne")
    # "Le préfet Girard": the linker missed it; select it and mark it.
    start = BODY.index("Girard")
    user.drag_select(start, start + len("Girard"))
    user.press("m")
    wait_saved(page, "marked as a name")


def check_stored(article: Article) -> None:
    by_text = {}
    for m in Mention.objects.filter(article=article).select_related("person"):
        by_text.setdefault(m.text, []).append((m.status, m.person and m.person.name))
    assert by_text["Martin"] == [("confirmed", "Paul Martin")]
    assert by_text["Benali"] == [("confirmed", "Karim Benali")]
    assert sorted(by_text["Lemaire"]) == [
        ("confirmed", "Sophie Lemaire"),
        ("rejected", "Sophie Lemaire"),
    ]
    assert by_text["Marseille Fret"] == [("rejected", None)]
    assert by_text["Rokia Traoré"] == [("confirmed", "Rokia Traoré")]
    assert by_text["Jeannot Dufresne"] == [("confirmed", "Jean Dufresne")]
    assert by_text["Girard"] == [("confirmed", "Marc Girard")]
    staff_rows = Decision.objects.filter(article=article, by__username="relectrice")
    assert staff_rows.count() == 10


def check_public(browser, live_server, article: Article, people: dict) -> None:
    reader = browser.new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    linked = set(reader.locator("a.person-link").all_inner_texts())
    assert {"Martin", "Benali", "Rokia Traoré", "Jeannot Dufresne", "Girard"} <= linked
    assert "Marseille Fret" not in linked
    assert reader.locator("a.person-link", has_text="Lemaire").count() == 1
    html = reader.content()
    assert Person.objects.get(name="Rokia Traoré").get_absolute_url() in html
    assert people["Paul Martin"].get_absolute_url() in html
    reader.close()


def test_quotations_marked_and_given_a_speaker_by_keyboard_alone(page, live_server):
    for name in ("Aïssata Koné", "Paul Martin"):
        make_person(name)
    body = (
        "« Le port vivra », a déclaré Aïssata Koné. Paul Martin a répondu "
        "plus tard. Rien ne presse, a-t-il glissé."
    )
    article = make_article(body=body, link=True)
    refused = []
    page.on(
        "console",
        lambda msg: (
            refused.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    log_in(page, live_server, "relecteur", ["Staff"])
    page.goto(f"{live_server.url}/en/admin/people/mention/review/{article.pk}/")
    # No mouse: "q" asks for the words, found in the text; "2" is the second
    # person named (Paul Martin).
    page.keyboard.press("q")
    page.keyboard.type("Rien ne presse")
    page.keyboard.press("Enter")
    page.keyboard.press("2")
    wait_saved(page, "Quotation marked")
    quote = article.quotes.get(text="Rien ne presse")
    assert (quote.speaker.name, quote.rule) == ("Paul Martin", "staff")
    # Tab to the first quotation, "s", then "0": nobody named.
    first = page.locator(".quote").first
    first.focus()
    page.keyboard.press("s")
    page.keyboard.press("0")
    wait_saved(page, "Speaker saved")
    said = article.quotes.get(text="Le port vivra")
    assert (said.speaker, said.decided_by.username) == (None, "relecteur")
    marked = page.locator(f'[data-quote-id="{quote.pk}"]')
    assert marked.get_attribute("data-speaker") == "paul-martin"
    assert refused == []
