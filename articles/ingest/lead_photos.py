"""The lead photo an imported article's input names, fetched and put in
the library after the article is stored.

Apart from the article's own transaction, on purpose: a photo that cannot
be fetched or is refused (not an image, a decompression bomb, too large,
no alt text) leaves the article imported without it and a located warning
in the report; importing the same input again tries the photo again."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

from articles.ingest import IngestError, ParsedArticle
from articles.models import Article
from newsroom.invalidation import article_tags
from newsroom.page_deps import touch_on_commit
from photos.fetch import FetchError, fetch
from photos.services import photo_create, refusal


def attach_lead_photo(article: Article, parsed: ParsedArticle, user=None) -> None:
    """Raises an IngestError naming the input's place when the photo is
    refused; does nothing when the input names none or the article has one."""
    if not parsed.images or article.lead_photo_id:
        return
    image = parsed.images[0]
    where = f"photo {image.url[:200]}"
    alt = (image.alt or image.caption)[:300]
    if not alt:
        raise IngestError(parsed.path, parsed.line, f"{where}: no alt text or caption")
    try:
        data = fetch(image.url)
        photo, _created = photo_create(
            data,
            name=urlsplit(image.url).path,
            fields={
                "alt_text": alt,
                "caption": image.caption,
                "credit": image.credit[:200],
                "source_url": image.url if len(image.url) <= 500 else "",
            },
            user=user,
        )
    except FetchError as exc:
        raise IngestError(parsed.path, parsed.line, f"{where}: {exc}") from None
    except ValidationError as exc:
        message = f"{where}: {refusal(exc)}"
        raise IngestError(parsed.path, parsed.line, message) from None
    if Article.objects.filter(pk=article.pk, lead_photo__isnull=True).update(
        lead_photo=photo
    ):
        article.lead_photo = photo
        touch_on_commit(*article_tags(article))
