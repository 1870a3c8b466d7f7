"""Directory changes: keep the look-up automaton fresh and relink, in the
background, the articles that may name the people concerned."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from people.models import Alias, Person, Role


def relink_later(names: list[str]) -> None:
    from people.tasks import relink_for_names

    names = sorted({n for n in names if n})
    if names:
        transaction.on_commit(lambda: relink_for_names.enqueue(names=names))


def stored(instance, *fields: str) -> dict | None:
    """`fields` of `instance` as the database holds them before this save
    (None for a new row)."""
    if not instance.pk:
        return None
    return type(instance).objects.filter(pk=instance.pk).values(*fields).first()


@receiver(pre_save, sender=Person)
def remember_linking_fields(sender, instance: Person, **kwargs) -> None:
    instance._previous_linking = stored(instance, "name", "known_by_surname", "gender")


@receiver(post_save, sender=Person)
def relink_person(sender, instance: Person, created: bool, raw=False, **kwargs) -> None:
    if raw:
        return
    previous = getattr(instance, "_previous_linking", None)
    current = {
        "name": instance.name,
        "known_by_surname": instance.known_by_surname,
        "gender": instance.gender,
    }
    if created or previous != current:
        relink_later([instance.name, (previous or {}).get("name", "")])


@receiver(post_save, sender=Alias)
@receiver(post_delete, sender=Alias)
def alias_changed(sender, instance: Alias, raw=False, **kwargs) -> None:
    if raw:
        return
    # Move the directory version so the automaton is rebuilt, and refresh
    # the folded names people search uses.
    person = Person.objects.filter(pk=instance.person_id).first()
    if person is not None:
        Person.objects.filter(pk=person.pk).update(
            updated_at=timezone.now(), search_name=person.folded_names()
        )
    relink_later([instance.name])


@receiver(pre_save, sender=Role)
def remember_role(sender, instance: Role, **kwargs) -> None:
    instance._previous_role = stored(instance, "title", "status")


@receiver(post_save, sender=Role)
def role_changed(sender, instance: Role, raw=False, **kwargs) -> None:
    """A confirmed role links its bare title ("le secrétaire d'État") to the
    person: relink when a role becomes confirmed, and when one stops being
    (rejected, or retitled), so those links go as well."""
    if raw:
        return
    previous = getattr(instance, "_previous_role", None) or {}
    confirmed = Role.Status.CONFIRMED
    titles = []
    if instance.status == confirmed:
        titles.append(instance.title)
    if previous.get("status") == confirmed:
        titles.append(previous["title"])
    relink_later(titles)


@receiver(post_delete, sender=Role)
def role_deleted(sender, instance: Role, **kwargs) -> None:
    if instance.status == Role.Status.CONFIRMED:
        relink_later([instance.title])
