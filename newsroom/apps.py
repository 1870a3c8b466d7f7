from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """Project-wide wiring: which saves make cached pages stale."""

    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from articles.models import Article, Correction, Source, Topic
        from newsroom.caching import invalidate_if_changed, invalidate_pages
        from people.models import Alias, Mention, Person, Quote, Role

        # Everything a public page shows: any change makes every page stale
        # (a mention only when what readers see of it changed).
        shown = [Article, Correction, Source, Topic]
        shown += [Mention, Quote, Person, Alias, Role]
        for model in shown:
            post_save.connect(
                invalidate_if_changed if model is Mention else invalidate_pages,
                sender=model,
                dispatch_uid=f"pages-{model}",
            )
            post_delete.connect(
                invalidate_pages, sender=model, dispatch_uid=f"pages-del-{model}"
            )
        m2m_changed.connect(
            invalidate_pages, sender=Article.topics.through, dispatch_uid="pages-topics"
        )
