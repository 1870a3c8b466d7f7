"""Keep the directory version moving when aliases change, so the look-up
automaton is rebuilt (see people.services.get_gazetteer)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from people.models import Alias, Person


@receiver(post_save, sender=Alias)
@receiver(post_delete, sender=Alias)
def touch_person(sender, instance: Alias, **kwargs) -> None:
    Person.objects.filter(pk=instance.person_id).update(updated_at=timezone.now())
