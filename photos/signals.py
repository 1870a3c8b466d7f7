"""A photo deleted from the library takes its files with it (after the
deletion commits: a rolled-back delete keeps them)."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from photos.models import Photo, Rendition


@receiver(post_delete, sender=Photo, dispatch_uid="photo-files")
@receiver(post_delete, sender=Rendition, dispatch_uid="rendition-files")
def remove_files(sender, instance, **kwargs) -> None:
    field = instance.image if sender is Photo else instance.file
    storage, name = field.storage, field.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))
