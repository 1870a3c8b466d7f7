"""Trigram indexes for the admin's article search (PostgreSQL only).

The admin searches title, standfirst and slug with icontains, which
PostgreSQL writes as UPPER(column) LIKE UPPER('%…%'): without an index on
that expression, every search read the whole table (~300 ms at 100,000
articles). GIN trigram indexes on the same expressions serve it (17-170 ms
depending on how many articles match). Nothing happens on other databases.
"""

from django.db import migrations

COLUMNS = ["title", "standfirst", "slug"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in COLUMNS:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS articles_article_{column}_trgm "
                f"ON articles_article USING gin (UPPER({column}) gin_trgm_ops)"
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in COLUMNS:
            schema_editor.execute(f"DROP INDEX IF EXISTS articles_article_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_newest_first_index"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
