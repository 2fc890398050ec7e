from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.taxonomy.models import Institution, Metal, Process


class MetalViewSet(SnippetViewSet):
    model = Metal
    icon = "tag"
    list_display = ["name_de", "name_en", "symbol", "slug", "group", "critical_raw_material", "strategic_raw_material"]
    list_filter = ["critical_raw_material", "strategic_raw_material", "group"]
    search_fields = ["name_de", "name_en", "symbol"]


class ProcessViewSet(SnippetViewSet):
    model = Process
    icon = "cogs"
    list_display = ["name_de", "name_en", "slug", "parent"]
    search_fields = ["name_de", "name_en"]


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "group"
    list_display = ["name", "kind", "town"]
    list_filter = ["kind"]
    search_fields = ["name", "town"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Taxonomy"
    menu_icon = "folder-open-inverse"
    items = (MetalViewSet, ProcessViewSet, InstitutionViewSet)


register_snippet(TaxonomyGroup)
