"""The image library: photos with their alt text, caption and credit, and
the renditions made of each once, when it arrives."""

import posixpath

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.fields import user_stamp
from newsroom.text import PlainCharField, PlainTextField, http_url


def original_path(photo: "Photo", filename: str) -> str:
    """Originals by month of arrival, named by content (never two files
    for one image, never a name a reader's upload chose)."""
    ext = posixpath.splitext(filename)[1].lower() or ".jpg"
    month = timezone.now().strftime("%Y/%m")
    return f"photos/{month}/{photo.checksum[:20]}{ext}"


class PhotoQuerySet(models.QuerySet):
    def with_renditions(self) -> "PhotoQuerySet":
        return self.prefetch_related("renditions")


class Photo(models.Model):
    image = models.ImageField(
        _("image"),
        upload_to=original_path,
        width_field="width",
        height_field="height",
        max_length=200,
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    alt_text = PlainCharField(
        _("alt text"),
        max_length=300,
        help_text=_("What the image shows, for readers who cannot see it. Required."),
    )
    caption = PlainTextField(
        _("caption"),
        blank=True,
        help_text=_("Names of people in the directory are linked, as in articles."),
    )
    credit = PlainCharField(
        _("credit"), max_length=200, blank=True, help_text=_("Photographer, agency.")
    )
    source_url = models.URLField(
        _("fetched from"), max_length=500, blank=True, validators=[http_url]
    )
    # The image's content: the same file uploaded or fetched twice is one
    # photo.
    checksum = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = user_stamp()

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.alt_text[:80] or self.image.name


class Rendition(models.Model):
    """One size of a photo in one format, made once with Pillow."""

    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    photo = models.ForeignKey(
        Photo, on_delete=models.CASCADE, related_name="renditions"
    )
    format = models.CharField(max_length=4, choices=Format.choices)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file = models.FileField(max_length=200)

    class Meta:
        ordering = ["format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "format", "width"], name="rendition_unique_size"
            )
        ]

    def __str__(self) -> str:
        return f"{self.photo_id} {self.format} {self.width}w"

    @property
    def url(self) -> str:
        return self.file.url
