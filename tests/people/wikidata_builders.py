"""Entities in Wikidata's JSON shape, for tests (and the fixture file in
tests/fixtures/wikidata/, written by `python -m tests.people.wikidata_builders`).
Every id, name and office here is invented."""

import json
from pathlib import Path

FIXTURE = (
    Path(__file__).resolve().parent.parent / "fixtures" / "wikidata" / "heads.json"
)
HEAD_OF_STATE, HEAD_OF_GOVERNMENT, MINISTER = "Q48352", "Q2285706", "Q83307"
FEMALE, MALE = "Q6581072", "Q6581097"
VALMORIE, ELSEWHERE = "Q9000142", "Q9000143"
PRESIDENT, PRIME_MINISTER, DEFENCE, STATE = (
    "Q9100001",
    "Q9100002",
    "Q9100003",
    "Q9100004",
)


def texts(**by_language) -> dict:
    return {lang: {"language": lang, "value": v} for lang, v in by_language.items()}


def item_claim(prop: str, target: str, *, n: int = 0, rank: str = "normal") -> dict:
    return {
        "id": f"$-{prop}-{target}-{n}",
        "rank": rank,
        "mainsnak": {
            "snaktype": "value",
            "property": prop,
            "datavalue": {"type": "wikibase-entityid", "value": {"id": target}},
        },
    }


def time_snak(date: str, precision: int = 11) -> list:
    return [
        {"datavalue": {"value": {"time": f"+{date}T00:00:00Z", "precision": precision}}}
    ]


def held(position: str, start: str | None, end: str | None = None, **kw) -> dict:
    claim = item_claim("P39", position, **kw)
    claim["id"] = f"{position}-{start}-{kw.get('n', 0)}"
    claim["qualifiers"] = {}
    if start:
        claim["qualifiers"]["P580"] = time_snak(start)
    if end:
        claim["qualifiers"]["P582"] = time_snak(end)
    return claim


def human(qid, fr=None, en=None, **facts) -> dict:
    """A human; facts: gender, positions, country, aliases, description,
    dead."""
    # Statement ids start with their subject's id, as Wikidata's do.
    positions = [{**p, "id": f"{qid}${p['id']}"} for p in facts.get("positions", ())]
    claims = {
        "P31": [item_claim("P31", "Q5")],
        "P21": [item_claim("P21", facts.get("gender", FEMALE))],
        "P27": [item_claim("P27", facts.get("country", VALMORIE))],
        "P39": positions,
    }
    if facts.get("dead"):
        claims["P570"] = [{"rank": "normal", "mainsnak": {"snaktype": "value"}}]
    labels = {k: v for k, v in (("fr", fr), ("en", en)) if v}
    return {
        "type": "item",
        "id": qid,
        "labels": texts(**labels),
        "descriptions": texts(**facts.get("description", {})),
        "aliases": {
            lang: [{"language": lang, "value": a} for a in names]
            for lang, names in facts.get("aliases", {}).items()
        },
        "claims": claims,
    }


def office(qid, *, fr, en, cls) -> dict:
    return {
        "type": "item",
        "id": qid,
        "labels": texts(fr=fr, en=en),
        "claims": {"P31": [item_claim("P31", cls)]},
    }


def entities() -> list[dict]:
    """Heads of state and ministers of an invented country, and traps;
    some offices are read after the people who held them."""
    return [offices()[0], *people(), *traps(), *offices()[1:]]


def offices() -> list[dict]:
    return [
        office(
            PRESIDENT,
            fr="président de la République de Valmorie",
            en="President of Valmorie",
            cls=HEAD_OF_STATE,
        ),
        office(
            PRIME_MINISTER,
            fr="Premier ministre de Valmorie",
            en="Prime Minister of Valmorie",
            cls=HEAD_OF_GOVERNMENT,
        ),
        office(
            DEFENCE,
            fr="ministre des Armées",
            en="Minister of the Armed Forces",
            cls=MINISTER,
        ),
        office(
            STATE,
            fr="secrétaire d'État des États-Unis",
            en="United States Secretary of State",
            cls=MINISTER,
        ),
    ]


def people() -> list[dict]:
    return [
        human(
            "Q9000001",
            fr="Hélène Marchal",
            en="Helene Marchal",
            description={"fr": "femme d'État valmorienne"},
            aliases={"fr": ["H. Marchal"]},
            positions=[held(PRESIDENT, "2012-05-15", "2017-05-14")],
        ),
        human(
            "Q9000002",
            fr="Paul Renaud",
            gender=MALE,
            positions=[held(PRESIDENT, "2017-05-14")],
        ),
        human(
            "Q9000003",
            fr="Claire Dubois",
            positions=[
                held(PRIME_MINISTER, "2020-07-03", "2022-05-16"),
                held(DEFENCE, "2022-05-20", "2024-01-11"),
            ],
        ),
        human(
            "Q9000004",
            fr="Marc Lenoir",
            gender=MALE,
            positions=[held(PRIME_MINISTER, "2022-05-16", "2024-01-09")],
        ),
        human(
            "Q9000005",
            en="Anna Keller",
            country=ELSEWHERE,
            positions=[held(STATE, "2021-01-26")],
        ),
    ]


def traps() -> list[dict]:
    return [
        # A deprecated statement: never a role.
        human(
            "Q9000006",
            fr="Louis Faux",
            gender=MALE,
            positions=[held(PRESIDENT, "2013-01-01", rank="deprecated")],
        ),
        # No French or English label: reported, not loaded.
        {**human("Q9000007"), "labels": texts(de="Nur Deutsch")},
        # Hostile values: labels that are not texts, a claim that is a string.
        {**human("Q9000008", fr="X"), "labels": {"fr": {"value": ["x"]}}},
        {**human("Q9000009", fr="Y"), "claims": {"P31": "Q5"}},
        human(
            "Q9000010",
            fr="Ancien Mort",
            gender=MALE,
            dead=True,
            positions=[held(DEFENCE, "1990-01-01", "1992-01-01")],
        ),
        {"type": "property", "id": "P39"},
    ]


def write_dump(path: Path, items: list[dict]) -> Path:
    """The weekly dump's shape: an array, one entity a line."""
    lines = ["["] + [json.dumps(e, ensure_ascii=False) + "," for e in items] + ["]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    write_dump(FIXTURE, entities())
