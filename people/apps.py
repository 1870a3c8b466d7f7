from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from newsroom import page_deps
        from people import signals  # noqa: F401
        from people.groups import sync_groups
        from people.preparing import render_touched

        page_deps.committed_listeners.append(render_touched)

        # After the auth app has created permissions (it runs first).
        post_migrate.connect(sync_groups, dispatch_uid="people-sync-groups")
