from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """Project-wide wiring: which saves make which cached pages stale."""

    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from newsroom import invalidation

        invalidation.connect()
