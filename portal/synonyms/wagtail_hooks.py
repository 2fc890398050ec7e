from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.synonyms.models import SynonymSet


class SynonymSetViewSet(SnippetViewSet):
    """Listed, searched and edited by editors in the admin menu, next to the taxonomy."""

    model = SynonymSet
    icon = "list-ul"
    add_to_admin_menu = True
    list_display = ["__str__", "active", "note"]
    list_filter = ["active"]
    search_fields = ["terms", "note"]  # the model is not indexed: the admin searches with the database


register_snippet(SynonymSetViewSet)
