"""Related articles: published articles sharing the most people, then topics."""

import datetime

from django.db import connections

from articles.models import Article, visibility_now
from people.models import Mention, linked_q


def related_articles(article: Article, people_ids: list[int]) -> list[Article]:
    """Published articles sharing the most people (twice the weight), then
    topics; scored over a small candidate set: articles naming one of the
    people, and the latest 20 sharing a topic.

    One hand-written statement (portable SQL): the ORM version spent more
    time compiling its subqueries than the database spent running them.
    The rules it applies still come from their one place: a linked mention
    from `linked_q()`, a published article from `published()`.
    """
    topic_ids = [t.pk for t in article.topics.all()]
    if not people_ids and not topic_ids:
        return []
    connection = connections[Article.objects.db]
    parts, params = [], []
    if people_ids:
        sql, linked_params = _by_people(article, people_ids, connection)
        parts.append(sql)
        params += linked_params
    if topic_ids:
        marks = ", ".join(["%s"] * len(topic_ids))
        parts.append(
            "SELECT article_id, COUNT(*) AS score FROM ("
            "SELECT article_id FROM articles_article_topics "
            f"WHERE topic_id IN ({marks}) AND article_id <> %s "
            "ORDER BY article_id DESC LIMIT 60) latest GROUP BY article_id"
        )
        params += [*topic_ids, article.pk]
    sql = (
        "SELECT a.id, a.title, a.slug, a.date, a.date_precision, a.language "
        "FROM articles_article a JOIN ("
        + " UNION ALL ".join(parts)
        # ArticleQuerySet.published(), written out: status alone would
        # list articles still under embargo.
        + ") c ON c.article_id = a.id WHERE a.status = %s "
        "AND (a.publish_at IS NULL OR a.publish_at <= %s) "
        "GROUP BY a.id, a.title, a.slug, a.date, a.date_precision, a.language "
        "ORDER BY SUM(c.score) DESC, a.date DESC LIMIT 5"
    )
    now = _as_publish_at(visibility_now(), connection)
    params += [Article.Status.PUBLISHED, now]
    return list(Article.objects.raw(sql, params))


def _by_people(article: Article, people_ids: list[int], connection) -> tuple:
    """Other articles with a linked mention of one of the people, scored."""
    linked, params = _linked_where(connection)
    marks = ", ".join(["%s"] * len(people_ids))
    sql = (
        "SELECT article_id, 2 * COUNT(DISTINCT person_id) AS score "
        f"FROM people_mention WHERE person_id IN ({marks}) "
        f"AND {linked} AND article_id <> %s GROUP BY article_id"
    )
    return sql, [*people_ids, *params, article.pk]


def _linked_where(connection) -> tuple[str, list]:
    """`linked_q()` compiled for hand-written SQL over people_mention: the
    WHERE condition and its parameters, from the one rule."""
    query = Mention.objects.filter(linked_q()).query
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.compile(query.where)
    return sql, list(params)


def _as_publish_at(value: datetime.datetime, connection) -> object:
    """`value` as `connection`'s backend writes a `publish_at` parameter,
    for hand-written SQL."""
    return Article._meta.get_field("publish_at").get_db_prep_value(value, connection)
