"""Model fields several apps declare alike."""

from django.conf import settings
from django.db import models


def user_stamp() -> models.ForeignKey:
    """Who made a row or its last change (kept empty if the user goes)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )


def photo_link(verbose_name, **kwargs) -> models.ForeignKey:
    """A photo chosen from the library (emptied if the photo is deleted)."""
    return models.ForeignKey(
        "photos.Photo",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **kwargs,
    )
