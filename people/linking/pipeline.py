"""The linking stages in order, for one text: names, unknown people, roles."""

from collections.abc import Sequence
from dataclasses import dataclass

from .gazetteer import Gazetteer
from .ner import (
    Entity,
    given_name_candidates,
    merge,
    ner_candidates,
    places,
    rule_candidates,
)
from .organisations import is_organisation, names_an_organisation
from .resolve import link
from .roles import RoleFact, find_roles, resolve_role_phrases
from .spans import Span


@dataclass
class Found:
    spans: list[Span]
    roles: list[RoleFact]


def find_people(
    text: str,
    gazetteer: Gazetteer,
    *,
    context: str = "",
    entities: Sequence[Entity] | None = None,
    held_roles: Sequence[tuple[str, int]] = (),
) -> Found:
    """Every person named in `text`: directory links, pending names, roles.

    `entities` are spaCy's for `text` (None where no model applies: the
    rules still find unknown people); `held_roles` are (title, person id) of
    confirmed roles held at the text's date.
    """
    rules = rule_candidates(text)
    if entities is None:  # no model: a given name is a cue of its own
        rules += given_name_candidates(text)
    ner = ner_candidates(text, entities) if entities is not None else []
    rule_set = set(rules)
    candidates = [
        (start, end, "rule" if (start, end) in rule_set else "ner")
        for start, end in merge([*rules, *ner])
        if not is_organisation(text[start:end])
        and not names_an_organisation(text, start)
    ]
    spans = link(
        text,
        gazetteer,
        context=context,
        candidates=candidates,
        places=places(entities) if entities is not None else (),
    )
    if held_roles:
        taken = [(s.start, s.end) for s in spans]
        spans = sorted(
            [*spans, *resolve_role_phrases(text, held_roles, taken)],
            key=lambda s: s.start,
        )
    return Found(spans=spans, roles=find_roles(text, spans))
