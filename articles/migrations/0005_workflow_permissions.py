"""Give the editorial groups the permissions of the workflow models.

Editors: corrections (all), revisions and status changes (view). Staff:
view corrections, revisions and status changes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = [f"{a}_correction" for a in ("add", "change", "delete", "view")] + [
    "view_articlerevision",
    "view_articletransition",
]
STAFF = ["view_correction", "view_articlerevision", "view_articletransition"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editors", EDITORS), ("Staff", STAFF)):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="articles", codename__in=codenames
                )
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editors", EDITORS), ("Staff", STAFF)):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="articles", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_workflow"),
        ("people", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
