"""Person pages rendered into the page cache ahead of their readers
(newsroom.prerender): when a change naming a few people commits (an article
published or edited, a staff decision), and by `manage.py prepare_pages
--people` for a directory loaded without those writes. A person's page met
for the first time cost its reader 25-30 ms of CPU, the slowest of the
pages readers asked for once article pages were rendered ahead.

A change naming many people (a directory import), and people named inside
an import or a relink, are left to their readers: one import would else
render the same person's page once per article naming them.
"""

from django_tasks import task

from articles.preparing import in_bulk_write
from newsroom import page_deps, prerender

# A committed change naming more people than this leaves their pages to
# their readers.
MOST = 20


@task()
def render_person_pages(ids: list[int]) -> int:
    from people.models import Person

    return prerender.render_objects(Person.objects.public().filter(pk__in=ids))


def render_touched(tags) -> None:
    if not prerender.enabled() or in_bulk_write():
        return
    ids = page_deps.person_ids(tags)
    if 0 < len(ids) <= MOST:
        render_person_pages.enqueue(ids)
