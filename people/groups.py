"""The two editorial roles, defined once.

Staff: people, aliases, roles, mentions, quotes, name suggestions and topics;
photos (portraits), never deleting one; they may view articles and change
them (the admin lets them change tags and submit for review only), never
publish nor delete. Editors: everything Staff may do, everything on
articles, sources, authors, photos, corrections, and the publish
permission. Synced after every migrate (and every test flush), so new models'
permissions never lag behind.
"""

CRUD = ("add", "change", "delete", "view")
PEOPLE_MODELS = ("person", "alias", "role", "mention", "quote", "namesuggestion")

STAFF = (
    [("people", f"{a}_{m}") for m in PEOPLE_MODELS for a in CRUD]
    + [("people", "view_personmerge"), ("people", "view_decision")]
    + [("articles", f"{a}_topic") for a in CRUD]
    + [
        ("articles", "view_article"),
        ("articles", "change_article"),
        ("articles", "view_source"),
        ("articles", "view_correction"),
        ("articles", "view_articlerevision"),
        ("articles", "view_articletransition"),
        ("articles", "view_author"),
    ]
    + [("photos", f"{a}_photo") for a in ("add", "change", "view")]
)
EDITORS = (
    STAFF
    + [
        ("articles", f"{a}_{m}")
        for m in ("article", "source", "correction", "previewlink", "author", "byline")
        for a in CRUD
    ]
    + [("photos", "delete_photo")]
    + [("articles", "publish_article")]
)
GROUPS = {"Staff": STAFF, "Editors": EDITORS}


def sync_groups(sender=None, **kwargs) -> None:
    """Create the groups and give them exactly their permissions (once per
    migrate: when the people app, the last with models they use, is done)."""
    from django.contrib.auth.models import Group, Permission

    if sender is not None and sender.label != "people":
        return
    for name, wanted in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        query = Permission.objects.none()
        for app_label, codename in dict.fromkeys(wanted):
            query |= Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
        group.permissions.set(query)
