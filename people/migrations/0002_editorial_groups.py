"""Create the Editors and Staff groups with their permissions.

Staff: people, aliases, roles, mentions, quotes, name suggestions and topics;
they may view articles and change them (the admin lets them change tags
only), never publish nor delete. Editors: everything Staff may do, plus
everything on articles and sources, and the publish permission.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ("add", "change", "delete", "view")
PEOPLE_MODELS = ("person", "alias", "role", "mention", "quote", "namesuggestion")

STAFF = (
    [("people", f"{action}_{model}") for model in PEOPLE_MODELS for action in CRUD]
    + [("articles", f"{action}_topic") for action in CRUD]
    + [
        ("articles", "view_article"),
        ("articles", "change_article"),
        ("articles", "view_source"),
    ]
)
EDITORS = (
    STAFF
    + [("articles", f"{action}_{model}") for model in ("article", "source") for action in CRUD]
    + [("articles", "publish_article")]
)


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrations; make sure they exist.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in (("Staff", STAFF), ("Editors", EDITORS)):
        group, _ = Group.objects.get_or_create(name=name)
        perms = []
        for app_label, codename in dict.fromkeys(wanted):
            perms.append(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Staff", "Editors"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
