from django.db import migrations
from django.utils.text import slugify


def bylines_to_authors(apps, schema_editor):
    """Every byline already stored becomes author entities, as imports now
    make them (the byline text itself is kept)."""
    from articles.authors import byline_names  # pure text: no model used

    Article = apps.get_model("articles", "Article")
    Author = apps.get_model("articles", "Author")
    Byline = apps.get_model("articles", "Byline")
    Source = apps.get_model("articles", "Source")
    sources = set(Source.objects.values_list("name", flat=True))
    for article in Article.objects.exclude(byline="").iterator():
        for position, name in enumerate(byline_names(article.byline, sources)):
            author = Author.objects.filter(name__iexact=name).first()
            if author is None:
                base = slugify(name)[:190] or "author"
                slug, n = base, 2
                while Author.objects.filter(slug=slug).exists():
                    slug, n = f"{base}-{n}", n + 1
                author = Author.objects.create(
                    name=name, slug=slug, source_id=article.source_id
                )
            Byline.objects.get_or_create(
                article=article, author=author, defaults={"position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_authors")]
    operations = [migrations.RunPython(bylines_to_authors, migrations.RunPython.noop)]
