from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from portal import search_sources

        # The search layer imports no content model: the portal hands it names and scope pages.
        search_sources.register()
