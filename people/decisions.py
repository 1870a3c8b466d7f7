"""What staff do on an article's review page, each as one unit of work:
mark a missed name or a quotation in the text, choose a quotation's
speaker, make a person from a name, confirm every automatic link.

Every write locks the article first (`services.lock_articles`), so a relink
running at the same moment finishes before it, or waits for it; and every
decision is a row of the audit trail.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from newsroom import page_deps
from people import audit, services
from people.directory import get_gazetteer
from people.linking.normalise import fold, fold_name
from people.linking.spans import at_word_boundary, overlaps
from people.models import Mention, NameSuggestion, Person, Quote
from people.tasks import relink_after_decisions

# Trimmed off a selection: readers select a word with the space or the
# punctuation next to it.
_EDGES = " \t\n\u00a0\u202f.,;:!?«»\"“”‘’'()[]"


def selection(body: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of `body` a selection [start, end) stands for: trimmed of
    spaces and punctuation at its edges; ValidationError when it selects no
    word of the body or cuts one."""
    if not (0 <= start < end <= len(body)):
        raise ValidationError(_("The selection is not in the article's text."))
    while start < end and body[start] in _EDGES:
        start += 1
    while end > start and body[end - 1] in _EDGES:
        end -= 1
    if start == end or not at_word_boundary(body, start, end):
        raise ValidationError(_("Select whole words of the text."))
    return start, end


def words_at(body: str, words: str, near: int = 0) -> tuple[int, int]:
    """Where `words` (typed by someone without a mouse) stand in `body`,
    as whole words: the first place at or after `near`, else the first.
    The offsets come from the text, never from what was typed."""
    words = " ".join(words.split())
    if not words:
        raise ValidationError(_("Select words of the text first."))
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words.split()) + r"(?!\w)"
    found = [(m.start(), m.end()) for m in re.finditer(pattern, body)]
    if not found:
        raise ValidationError(_("These words are not in the text."))
    return next((f for f in found if f[0] >= near), found[0])


def _directory_match(text: str) -> tuple[int | None, list[int]]:
    """The one person the directory knows by this full name (or None),
    and the people it may be by a surname or short form."""
    folded = fold(text)
    gazetteer = get_gazetteer()

    def whole(hits) -> list[int]:
        return sorted(
            {
                pid
                for hit in hits
                if (hit.start, hit.end) == (0, len(folded))
                for pid in hit.person_ids
            }
        )

    # Staff marked these words as a name: one person the directory knows
    # by them (full name, or surname alone) is that name's person.
    found = whole(gazetteer.find(folded)) or whole(gazetteer.find_short(folded))
    if len(found) == 1:
        return found[0], []
    return None, found


@transaction.atomic
def mention_add(*, article: Article, start: int, end: int, by) -> Mention:
    """Mark a name the linker missed: linked (confirmed) when the directory
    knows exactly one person by it, else pending with the people it may be,
    or under a suggestion for a new name. Relinking keeps it."""
    services.lock_articles([article.pk])
    body = Article.objects.values_list("body", flat=True).get(pk=article.pk)
    start, end = selection(body, start, end)
    text = body[start:end]
    if len(text) > Mention._meta.get_field("text").max_length:
        raise ValidationError(_("A name is at most 300 characters."))
    mentions = Mention.objects.filter(article=article, is_anchored=True)
    if any(m.is_kept() for m in mentions if overlaps(m.start, m.end, [(start, end)])):
        raise ValidationError(_("These words already hold a reviewed name."))
    # What the linker found there gives way to the staff's reading.
    mentions.filter(start__lt=end, end__gt=start).delete()
    person, candidates = _directory_match(text)
    mention = Mention(article=article, start=start, end=end, text=text)
    mention.method, mention.candidates = Mention.STAFF, candidates
    if person is not None:
        mention.decide(status=Mention.Status.CONFIRMED, by=by)
        mention.person_id = person
    else:
        mention.status = Mention.Status.PENDING
        if not candidates:
            mention.suggestion = NameSuggestion.objects.get_or_create(
                key=fold_name(text), defaults={"name": text}
            )[0]
    mention.save()
    # A closed suggestion this pending name belongs to is open again.
    NameSuggestion.objects.filter(pk=mention.suggestion_id).settle()
    audit.mention_decision(mention, "", by=by).save()
    relink_after_decisions([article.pk])
    return mention


@transaction.atomic
def person_from_mention(*, mention: Mention, by) -> Person:
    """Make a new person of a pending name (its suggestion's full name when
    it has one) and link it, with every other mention of that name."""
    current = services.current_mentions([mention])
    if not current:
        raise ValidationError(_("This name is no longer in the article."))
    mention = current[0]
    if mention.suggestion_id:
        return services.suggestion_accept(suggestion=mention.suggestion, by=by)
    person = Person.objects.create(name=mention.text)
    services.mentions_link(mentions=[mention], person=person, by=by)
    return person


@transaction.atomic
def not_a_person(*, mention: Mention, by) -> None:
    """Not somebody to follow: a suggested name is dismissed everywhere
    (relinking will not propose it again); any other name is rejected."""
    current = services.current_mentions([mention])
    if current and current[0].suggestion_id:
        services.mentions_decide(
            mentions=current, status=Mention.Status.REJECTED, by=by
        )
        services.suggestion_dismiss(suggestion=current[0].suggestion)
    elif current:
        services.mentions_decide(
            mentions=current, status=Mention.Status.REJECTED, by=by
        )


@transaction.atomic
def confirm_automatic(*, article: Article, by) -> int:
    """Confirm every automatic link of the article at once."""
    services.lock_articles([article.pk])
    auto = Mention.objects.filter(article=article, status=Mention.Status.AUTO)
    return services.mentions_decide(
        mentions=list(auto), status=Mention.Status.CONFIRMED, by=by
    )


@transaction.atomic
def quote_add(*, article: Article, start: int, end: int, speaker, by) -> Quote:
    """Mark a quotation the rules missed, with its speaker (or none). Its
    words are what the selection holds (`Quote.clean`), never typed."""
    services.lock_articles([article.pk])
    body = Article.objects.values_list("body", flat=True).get(pk=article.pk)
    start, end = selection(body, start, end)
    Quote.objects.filter(article=article, start__lt=end, end__gt=start).exclude(
        decided_at__isnull=False
    ).delete()
    if Quote.objects.filter(article=article, start__lt=end, end__gt=start).exists():
        raise ValidationError(_("These words already hold a reviewed quotation."))
    quote = Quote(article=article, start=start, end=end, rule=Mention.STAFF)
    quote.text = body[start:end]
    _set_speaker(quote, speaker, by)
    quote.full_clean()
    quote.save()
    audit.quote_decision(quote, "", by=by).save()
    return quote


@transaction.atomic
def quote_speaker(*, quote: Quote, speaker, by) -> Quote:
    """Say who said a quotation (None: nobody named). The words stay."""
    services.lock_articles([quote.article_id])
    stored = (
        Quote.objects.select_related("speaker").filter(pk=quote.pk).first()
        or Quote.objects.select_related("speaker")
        .filter(article_id=quote.article_id, start=quote.start, end=quote.end)
        .first()
    )
    if stored is None:
        raise ValidationError(_("This quotation is no longer in the article."))
    before = audit.quote_state(stored)
    # The page of whoever was said to speak loses the quotation.
    page_deps.touch_on_commit(*page_deps.naming([stored.speaker_id]))
    _set_speaker(stored, speaker, by)
    stored.rule = Mention.STAFF
    stored.save()
    audit.quote_decision(stored, before, by=by).save()
    return stored


def _set_speaker(quote: Quote, speaker: Person | None, by) -> None:
    quote.speaker = speaker
    quote.speaker_name = speaker.name if speaker else ""
    quote.decided_by, quote.decided_at = by, timezone.now()
