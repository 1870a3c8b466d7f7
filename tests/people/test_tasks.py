"""The production path: relinking queued in the database, run by db_worker."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from people.models import Alias
from tests.factories import make_article, make_person

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_alias_queues_a_relink_that_the_worker_runs():
    from django_tasks_db.models import DBTaskResult

    person = make_person("Luiz Inácio Lula da Silva")
    article = make_article(body="Lula a parlé.", link=True)
    Alias.objects.create(person=person, name="Lula")
    # Queued, not run: the article is not relinked yet.
    assert DBTaskResult.objects.filter(status="READY").count() >= 1
    assert not article.mentions.exists()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert list(article.mentions.values_list("person", "status")) == [
        (person.pk, "auto")
    ]
    assert not DBTaskResult.objects.filter(status="READY").exists()
