"""django-tasks-db's app under a translatable name (its own module: an
apps module with two configurations would leave Django unsure which is the
project's own)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_tasks_db.apps import TasksAppConfig


class TasksConfig(TasksAppConfig):
    """django-tasks-db under a name the admin can translate (its own is a
    plain English string)."""

    verbose_name = _("Background tasks")
    default = False


# The task admin's labels, which django-tasks-db marks for translation but
# ships no French for: listed so that makemessages keeps them in our
# catalogue, which Django reads first.
TASK_LABELS = [
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
    gettext_noop("args kwargs"),
    gettext_noop("worker id"),
]
