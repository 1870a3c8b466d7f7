"""Names in photo captions, linked like names in articles: readers meet
faces there. Only links the linker would make on its own (a directory
name, or a short form of someone the article names in full), and only to
people readers may see."""

from types import SimpleNamespace

from django.utils.safestring import SafeString, mark_safe

from articles.rendering import body_paragraphs
from people.directory import get_gazetteer
from people.linking.pipeline import find_people
from people.linking.spans import AUTO
from people.models import Person


def linked_caption(
    caption: str, context: str = "", shown: dict[int, Person] | None = None
) -> tuple[SafeString, list[int]]:
    """`caption` as HTML with linked names, and the ids of those people.
    `context` is the text around it (the article): people it names in full
    may be named by surname alone in the caption. `shown`: people the page
    already links (public), by id: no query for them."""
    if not caption:
        return mark_safe(""), []
    spans = find_people(caption, get_gazetteer(), context=context).spans
    ids = {s.person_id for s in spans if s.status == AUTO and s.person_id}
    people = {pk: p for pk, p in (shown or {}).items() if pk in ids}
    if ids - people.keys():
        others = Person.objects.public().filter(pk__in=ids - people.keys())
        people |= {p.pk: p for p in others}
    links = [
        SimpleNamespace(
            start=s.start, end=s.end, person_id=s.person_id, person=people[s.person_id]
        )
        for s in spans
        if s.status == AUTO and s.person_id in people
    ]
    html = mark_safe(" ".join(body_paragraphs(caption, links)))  # noqa: S308
    return html, sorted(people)
