"""PostgreSQL search: extensions, accent-insensitive text search
configurations, GIN indexes, and vectors for existing rows.

Nothing happens on other databases (the embedded SQLite searches the folded
`search_text` column instead).
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION french_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'english_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english);
            ALTER TEXT SEARCH CONFIGURATION english_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
        END IF;
    END $$""",
    "CREATE INDEX IF NOT EXISTS articles_article_search_gin "
    "ON articles_article USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS people_person_search_name_trgm "
    "ON people_person USING gin (search_name gin_trgm_ops)",
    """UPDATE articles_article SET search_vector =
        setweight(to_tsvector(CASE WHEN language = 'fr' THEN 'french_unaccent'
            ELSE 'english_unaccent' END::regconfig, coalesce(title, '')), 'A') ||
        setweight(to_tsvector(CASE WHEN language = 'fr' THEN 'french_unaccent'
            ELSE 'english_unaccent' END::regconfig, coalesce(standfirst, '')), 'B') ||
        setweight(to_tsvector(CASE WHEN language = 'fr' THEN 'french_unaccent'
            ELSE 'english_unaccent' END::regconfig, coalesce(body, '')), 'C')""",
]
BACKWARD = [
    "DROP INDEX IF EXISTS people_person_search_name_trgm",
    "DROP INDEX IF EXISTS articles_article_search_gin",
]


def forwards(apps, schema_editor):
    from articles.models import fold_for_search
    from people.linking.normalise import fold_name

    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("title", "standfirst", "body").iterator():
        Article.objects.filter(pk=article.pk).update(
            search_text=fold_for_search(article.title, article.standfirst, article.body)
        )
    Person = apps.get_model("people", "Person")
    for person in Person.objects.prefetch_related("aliases").iterator(chunk_size=500):
        names = [person.name, *(a.name for a in person.aliases.all())]
        Person.objects.filter(pk=person.pk).update(
            search_name=" | ".join(fold_name(n) for n in names)
        )
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_search"),
        ("people", "0004_search"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
