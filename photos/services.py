"""Photos arriving in the library, whichever way they come: each one
checked (`images.inspect`), checked by the model's rules (alt text
required, lengths, URL), stored once by content, with its renditions."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from photos import images
from photos.models import Photo, Rendition


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def existing(data: bytes) -> Photo | None:
    """The library's photo with this very content, if any."""
    return Photo.objects.filter(checksum=checksum(data)).first()


def photo_create(
    data: bytes, *, name: str, fields: dict, user=None
) -> tuple[Photo, bool]:
    """The photo for `data`: the library's own when the same image is
    already there (its texts kept), else a new one with `fields` (alt_text,
    caption, credit, source_url). Returns (photo, created). Raises a
    ValidationError naming the field (or the image) that is refused."""
    checked = images.inspect(data)
    found = existing(data)
    if found is not None:
        return found, False
    photo = Photo(checksum=checksum(data), created_by=user, **fields)
    photo.full_clean(exclude=["image", "checksum"])
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "photo"
    written = []
    try:
        with transaction.atomic():
            photo.image.save(stem + checked.extension, ContentFile(data), save=False)
            written.append(photo.image.name)
            photo.width, photo.height = checked.width, checked.height
            photo.save()
            written += _make_renditions(photo, data)
    except IntegrityError:
        _remove(photo.image.storage, written)
        # The same image arrived meanwhile by another way: that one.
        if (found := existing(data)) is not None:
            return found, False
        raise
    except BaseException:
        _remove(photo.image.storage, written)
        raise
    return photo, True


def photo_replace_renditions(photo: Photo) -> None:
    """Renditions made again (after the original file changed)."""
    with photo.image.open("rb") as handle:
        data = handle.read()
    images.inspect(data)
    old = [r.file.name for r in photo.renditions.all()]
    with transaction.atomic():
        photo.renditions.all().delete()
        _make_renditions(photo, data)
    transaction.on_commit(lambda: _remove(photo.image.storage, old))


def _make_renditions(photo: Photo, data: bytes) -> list[str]:
    names = []
    prefix = f"renditions/{photo.checksum[:2]}/{photo.checksum[:20]}"
    for fmt, width, height, content in images.render(data):
        rendition = Rendition(photo=photo, format=fmt, width=width, height=height)
        ext = "jpg" if fmt == "jpeg" else fmt
        rendition.file.save(f"{prefix}-{width}.{ext}", ContentFile(content), save=False)
        names.append(rendition.file.name)
        rendition.save()
    return names


def _remove(storage, names) -> None:
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            pass


def refusal(exc: ValidationError) -> str:
    """One line saying what was refused, for import reports."""
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        return f"{field}: {errors[0].messages[0]}"
    return exc.messages[0]
