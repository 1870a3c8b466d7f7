"""Which cached pages a saved or deleted row makes stale: the tags each
model's rows touch (see `newsroom.page_deps`), sent after commit.

Writes that send no signals (bulk updates in the linker and the staff
services, status moves made with `update()`) touch their tags themselves.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete

from newsroom import caching
from newsroom import page_deps as deps


def article_tags(article) -> list[str]:
    """An article's own page; when readers may see it (a draft is on no
    list), the lists too, and the pages of the people it names or gives a
    role (an embargo lifted shows them)."""
    if article.status != article.Status.PUBLISHED:
        return [deps.article(article.pk)]
    return [*shown_tags([article.pk]), *_source_left(article)]


def _source_left(article) -> list[str]:
    """A published article moved from its source (to another, or to none):
    the old source's page and the sources' index no longer count it."""
    from articles.models import Source

    loaded = article.tracked_as_loaded() or {}
    old = loaded.get("source_id")
    if not old or old == article.source_id:
        return []
    return [deps.source(old), deps.index(Source)]


def shown_tags(article_ids) -> list[str]:
    """What a published article's arrival, change or departure shows on:
    its page, the lists, the people A–Z, the pages of the people it names
    or gives a role, and the pages of its topics and source (which follow
    their own articles only, not every publication) and authors, and the
    indexes of those kinds it has (their counts)."""
    from articles.models import Article, Author, Byline, Source, Topic
    from people.models import Mention, Role

    ids = list(article_ids)
    named = Mention.objects.linked().filter(article_id__in=ids)
    roles = Role.objects.filter(article_id__in=ids)
    persons = {*named.values_list("person_id", flat=True)}
    persons |= {*roles.values_list("person_id", flat=True)}
    topics = Article.topics.through.objects.filter(article_id__in=ids)
    sources = Article.objects.filter(pk__in=ids, source__isnull=False)
    bylines = Byline.objects.filter(article_id__in=ids)
    kinds = {  # the pages of each topic, source, author it has
        Topic: {*map(deps.topic, topics.values_list("topic_id", flat=True))},
        Source: {*map(deps.source, sources.values_list("source_id", flat=True))},
        Author: {*map(deps.author, bylines.values_list("author_id", flat=True))},
    }
    return [
        *map(deps.article, ids),
        deps.LISTS,
        *people_tags(persons, ids),
        *deps.naming(persons),
        *(tag for tags in kinds.values() for tag in tags),
        *(deps.index(model) for model, tags in kinds.items() if tags),
    ]


def mention_tags(mention) -> list[str]:
    loaded = mention.tracked_as_loaded() or {}
    persons = [mention.person_id, loaded.get("person_id")]
    return [
        deps.article(mention.article_id),
        *people_tags(persons, [mention.article_id]),
        *deps.naming(persons),
    ]


def people_tags(person_ids, article_ids) -> list[str]:
    """A change to the links of these articles: `mentions`, and `people`
    when it may change who is public. That only happens to someone these
    articles name who is linked in no other published article; everyone
    else is public before and after (one query; without it every staff
    decision made the people A–Z and its count go stale)."""
    from articles.models import published_q
    from people.models import Mention

    persons = {pk for pk in person_ids if pk}
    elsewhere = set(
        Mention.objects.linked()
        .filter(published_q("article__"), person_id__in=persons)
        .exclude(article_id__in=list(article_ids))
        .values_list("person_id", flat=True)
        .distinct()
    )
    return [deps.MENTIONS, *([deps.PEOPLE] if persons - elsewhere else [])]


def _byline_tags(byline) -> list[str]:
    from articles.models import Author

    return [
        deps.article(byline.article_id),
        deps.author(byline.author_id),
        deps.index(Author),  # the author's count of articles
    ]


def _tags_of(model_name: str, instance) -> list[str]:
    by_model = {
        "Article": article_tags,
        "Mention": mention_tags,
        "Quote": lambda q: [deps.article(q.article_id), *deps.naming([q.speaker_id])],
        "Correction": lambda c: [deps.article(c.article_id), deps.LISTS],
        "Person": lambda p: [deps.person(p.pk), deps.PEOPLE],
        "Alias": lambda a: [deps.person(a.person_id)],
        "Role": lambda r: [deps.person(r.person_id)],
        "Topic": lambda t: [deps.topic(t.pk), deps.LISTS, deps.index(t)],
        # A source's name is on every card of its articles, on pages of
        # every kind: rare enough to refresh them all.
        "Source": lambda s: [deps.source(s.pk), deps.ALL],
        "Photo": lambda p: [deps.photo(p.pk)],
        "Author": lambda a: [deps.author(a.pk), deps.index(a)],
        "Byline": _byline_tags,
        "Rendition": lambda r: [deps.photo(r.photo_id)],
    }
    return by_model[model_name](instance)


def on_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    if sender.__name__ == "Mention":
        # Saved with what readers see of it unchanged (a confirmation of an
        # automatic link): no page changes.
        changed = instance.tracked_changed()
        # Read before remember_tracked() forgets the loaded person; only
        # when something changed (it costs a query).
        tags = mention_tags(instance) if changed else []
        instance.remember_tracked()
        if not changed:
            return
    else:
        tags = _tags_of(sender.__name__, instance)
        if sender.__name__ == "Article":
            instance.remember_tracked()  # its source, as now stored
            schedule_changed()
    deps.touch_on_commit(*tags)


def on_delete(sender, instance, **kwargs) -> None:
    # Before the row goes (pre_delete): an article's topics are deleted
    # with it without signals, and what it showed is read from them.
    withdrawn = sender.__name__ == "Article"  # gone at once, never served stale
    deps.touch_on_commit(*_tags_of(sender.__name__, instance), withdrawn=withdrawn)


def on_topics(sender, instance, pk_set=None, **kwargs) -> None:
    from articles.models import Topic

    if kwargs.get("action", "").startswith("post_"):
        topics = [deps.topic(pk) for pk in pk_set or ()]
        deps.touch_on_commit(
            deps.article(instance.pk), deps.LISTS, deps.index(Topic), *topics
        )


def connect() -> None:
    caching.next_live_source = next_live_at
    from articles.models import Article, Author, Byline, Correction, Source, Topic
    from people.models import Alias, Mention, Person, Quote, Role
    from photos.models import Photo, Rendition

    for model in (Article, Correction, Source, Topic, Mention, Quote, Person):
        _connect(model)
    for model in (Alias, Role, Photo, Rendition, Author, Byline):
        _connect(model)
    m2m_changed.connect(
        on_topics, sender=Article.topics.through, dispatch_uid="pages-topics"
    )


def _connect(model) -> None:
    post_save.connect(on_save, sender=model, dispatch_uid=f"pages-{model.__name__}")
    pre_delete.connect(
        on_delete, sender=model, dispatch_uid=f"pages-del-{model.__name__}"
    )


def touch_articles_shown(article_ids, *, withdrawn: bool = False) -> None:
    """Articles that came into or out of readers' sight (published,
    scheduled time reached, unpublished, archived): their pages, the lists,
    the people A–Z and the pages of everyone they name. After commit.
    `withdrawn` (out of sight): no page showing them is served stale."""
    deps.touch_on_commit(*shown_tags(article_ids), withdrawn=withdrawn)
    schedule_changed()


def schedule_changed() -> None:
    """Once committed, tell the page cache when the next scheduled article
    goes live: no page is kept past that moment (every save of an article,
    status move and publication made may change it)."""
    caching.set_next_live(next_live_at())
    # Again once committed (what this transaction scheduled as others see
    # it). The value said before is this transaction's view: if it rolls
    # back after moving a publication later, that later time stands until
    # the next article save, status move or publication says it again.
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: caching.set_next_live(next_live_at()))


def next_live_at() -> float | None:
    from articles.models import Article

    return Article.objects.next_live_at()
