"""Scoring the linking pipeline on a gold set (see `bench.gold`): links,
not-a-person traps, ambiguity, suggestions, quotations and roles.

Used by `bench/linking.py` (which prints the figures) and by the tests that
pin the quality floors.
"""

from dataclasses import dataclass, field
from pathlib import Path

from bench.gold import GOLD, GoldArticle, load_directory, parse_gold
from people.linking import ner
from people.linking.normalise import fold
from people.linking.pipeline import find_people
from people.linking.quotes import attribute


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class Score:
    """Counts over the gold set, and what went wrong, line by line."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    deferred: int = 0
    trap_links: int = 0
    ambiguous_ok: int = 0
    unknown_hit: int = 0
    unknown_predicted: int = 0
    unknown_matched: int = 0
    quotes_ok: int = 0
    # Quotations found that the gold does not list (nobody's words, or
    # words the annotator left out): what attribution precision misses.
    quotes_extra: int = 0
    role_tp: int = 0
    role_fp: int = 0
    role_fn: int = 0
    errors: list[str] = field(default_factory=list)


def _same_pending(spans, s: int, e: int) -> bool:
    return any(x.start == s and x.end == e and x.status == "pending" for x in spans)


def _score_links(score: Score, article: GoldArticle, spans, slugs: dict) -> None:
    predicted = {
        (s.start, s.end, slugs[s.person_id])
        for s in spans
        if s.person_id and s.status == "auto"
    }
    gold = set(article.links)
    score.tp += len(predicted & gold)
    for s, e, slug in sorted(predicted - gold):
        score.fp += 1
        score.errors.append(
            f"{article.name}: false link {article.text[s:e]!r} -> {slug}"
        )
        if any(s < te and ts < e for ts, te in article.traps):
            score.trap_links += 1
    for s, e, slug in sorted(gold - predicted):
        score.fn += 1
        pending = _same_pending(spans, s, e)
        score.deferred += pending
        note = " (left pending)" if pending else ""
        score.errors.append(
            f"{article.name}: missed {article.text[s:e]!r} -> {slug}{note}"
        )
    for s, e in article.ambiguous:
        if _same_pending(spans, s, e):
            score.ambiguous_ok += 1
        else:
            score.errors.append(
                f"{article.name}: ambiguous {article.text[s:e]!r} not pending"
            )


def _score_unknown(score: Score, article: GoldArticle, spans) -> None:
    predicted = [(x.start, x.end) for x in spans if x.name]
    score.unknown_predicted += len(predicted)
    for s, e in article.unknown:
        if any(s < pe and ps < e for ps, pe in predicted):
            score.unknown_hit += 1
        else:
            score.errors.append(
                f"{article.name}: unknown {article.text[s:e]!r} not suggested"
            )
    for ps, pe in predicted:
        if any(ps < e and s < pe for s, e in article.unknown):
            score.unknown_matched += 1
        else:
            score.errors.append(
                f"{article.name}: suggested {article.text[ps:pe]!r} (not in gold)"
            )


def _score_quotes(score: Score, article: GoldArticle, quotes, ids, slugs) -> None:
    prefixes = [fold(prefix) for prefix, _ in article.quotes]
    found = [(fold(q.text), q) for q in quotes]
    for text, quote in found:
        if not any(text.startswith(p) for p in prefixes):
            score.quotes_extra += 1
            score.errors.append(f"{article.name}: extra quote {quote.text[:40]!r}")
    for (prefix, speaker), folded in zip(article.quotes, prefixes, strict=True):
        quote = next((q for text, q in found if text.startswith(folded)), None)
        if speaker == "!":  # scare quotes, a title: not a quotation at all
            score.quotes_ok += quote is None
            if quote is not None:
                score.errors.append(f"{article.name}: {prefix!r} is not a quotation")
            continue
        if quote is None:
            score.errors.append(f"{article.name}: quote {prefix!r} not found")
            continue
        if speaker == "-":
            ok = quote.speaker_id is None and not quote.speaker_name
        elif speaker in ids:
            ok = quote.speaker_id == ids[speaker]
        else:  # someone the directory does not know: the name as written
            name = fold(quote.speaker_name)
            ok = quote.speaker_id is None and bool(name) and name in fold(speaker)
        score.quotes_ok += ok
        if not ok:
            got = slugs.get(quote.speaker_id) or quote.speaker_name or "-"
            score.errors.append(
                f"{article.name}: quote {prefix!r} -> {got}, expected {speaker}"
            )


def _score_roles(score: Score, article: GoldArticle, roles, slugs) -> None:
    got = {(slugs[r.person_id], fold(r.title)) for r in roles}
    want = {(slug, fold(title)) for slug, title in article.roles}
    score.role_tp += len(got & want)
    score.role_fp += len(got - want)
    score.role_fn += len(want - got)
    score.errors += [
        f"{article.name}: role {r} not expected" for r in sorted(got - want)
    ]
    score.errors += [f"{article.name}: role {r} missed" for r in sorted(want - got)]


def quality(gold_dir: Path = GOLD) -> dict:
    """Score the pipeline on the gold set."""
    gazetteer, ids = load_directory(gold_dir / "directory.csv")
    slugs = {v: k for k, v in ids.items()}
    articles = [parse_gold(p) for p in sorted(gold_dir.glob("*.txt"))]
    french = [a for a in articles if a.language == "fr"]
    found_ents = ner.entities([a.text for a in french])
    ents = {a.name: e for a, e in zip(french, found_ents, strict=True)}
    score = Score()
    for article in articles:
        found = find_people(
            article.text,
            gazetteer,
            context=article.title,
            entities=ents.get(article.name),
        )
        _score_links(score, article, found.spans, slugs)
        _score_unknown(score, article, found.spans)
        # The directory's genders, as the site passes them (linker_quotes).
        ids_named = {sp.person_id for sp in found.spans if sp.person_id}
        genders = {pid: gazetteer.gender(pid) for pid in ids_named}
        quotes = attribute(
            article.text,
            found.spans,
            genders,
            headline=article.title,
            parse=article.language == "fr",
        )
        _score_quotes(score, article, quotes, ids, slugs)
        _score_roles(score, article, found.roles, slugs)
    return summary(score, articles)


def summary(score: Score, articles: list[GoldArticle]) -> dict:
    """The figures the benchmark prints and the tests pin."""
    n_quotes = sum(len(a.quotes) for a in articles)
    n_unknown = sum(len(a.unknown) for a in articles)
    n_ambiguous = sum(len(a.ambiguous) for a in articles)
    return {
        "articles": len(articles),
        "languages": sorted({a.language for a in articles}),
        "links": {
            "gold": score.tp + score.fn,
            "true": score.tp,
            "false": score.fp,
            "missed": score.fn,
            **prf(score.tp, score.fp, score.fn),
        },
        "missed_but_left_pending": score.deferred,
        "not_a_person_false_links": score.trap_links,
        "not_a_person_cases": sum(len(a.traps) for a in articles),
        "ambiguous_left_pending": f"{score.ambiguous_ok}/{n_ambiguous}",
        "suggestions": {
            "gold": n_unknown,
            "recall": ratio(score.unknown_hit, n_unknown),
            "precision": ratio(score.unknown_matched, score.unknown_predicted),
        },
        "quotes": {
            "gold": n_quotes,
            "attribution_accuracy": ratio(score.quotes_ok, n_quotes),
            "not_in_gold": score.quotes_extra,
        },
        "roles": {
            "gold": score.role_tp + score.role_fn,
            **prf(score.role_tp, score.role_fp, score.role_fn),
        },
        "errors": score.errors,
    }


def ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0
