from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"  # "search" is wagtail.search's label
    verbose_name = "Portal search"
