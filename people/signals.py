"""Directory changes: keep the look-up automaton fresh and relink, in the
background, the articles that may name the people concerned."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from people.linking.normalise import fold_name
from people.models import Alias, NameSuggestion, Person, Role
from people.tasks import relink_later


@receiver(post_save, sender=Person)
def relink_person(sender, instance: Person, created: bool, raw=False, **kwargs) -> None:
    """A new person, or a change of what linking reads of one (name,
    "known by surname alone", gender), relinks the articles naming them."""
    if raw:
        return
    if created or instance.tracked_changed():
        loaded = instance.tracked_as_loaded() or {}
        relink_later([instance.name, loaded.get("name", "")])
        # A suggestion for this name is answered: relinking links its
        # mentions to the person.
        NameSuggestion.objects.filter(
            key=fold_name(instance.name),
            status__in=[NameSuggestion.Status.OPEN, NameSuggestion.Status.CLOSED],
        ).update(status=NameSuggestion.Status.ACCEPTED, person=instance)
    instance.remember_tracked()


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


@receiver(post_save, sender=Role)
def role_changed(sender, instance: Role, raw=False, **kwargs) -> None:
    """A confirmed role links its bare title ("le secrétaire d'État") to the
    person: relink when a role becomes confirmed, and when one stops being
    (rejected, or retitled), so those links go as well."""
    if raw:
        return
    loaded = instance.tracked_as_loaded() or {}
    confirmed = Role.Status.CONFIRMED
    titles = []
    if instance.status == confirmed:
        titles.append(instance.title)
    if loaded.get("status") == confirmed:
        titles.append(loaded["title"])
    relink_later(titles)
    instance.remember_tracked()


@receiver(post_delete, sender=Role)
def role_deleted(sender, instance: Role, **kwargs) -> None:
    if instance.status == Role.Status.CONFIRMED:
        relink_later([instance.title])
