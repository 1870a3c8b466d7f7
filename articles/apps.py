from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from articles.preparing import prepare_touched
        from newsroom import page_deps

        page_deps.committed_listeners.append(prepare_touched)
