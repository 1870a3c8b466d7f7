"""Slugs every model of the project makes the same way."""

from django.db import models
from django.utils.text import slugify


def unique_slug(model: type[models.Model], text: str, *, max_length: int = 80) -> str:
    """Return a slug for `text` that no row of `model` uses yet."""
    base = slugify(text)[:max_length].strip("-") or "item"
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exists():
        n += 1
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
    return slug


class SlugFromName:
    """A model mixin: an empty `slug` is made from `name` on save, unique
    among the model's rows."""

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name)
        super().save(*args, **kwargs)
