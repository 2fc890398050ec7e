from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SynonymsConfig(AppConfig):
    name = "portal.synonyms"
    label = "synonyms"
    verbose_name = _("Synonym sets")

    def ready(self) -> None:
        from portal.synonyms import signals
        from portal.synonyms.source import read_vocabulary
        from search import vocabulary

        # The search layer imports no content model: the portal hands it the vocabulary.
        vocabulary.set_source(read_vocabulary)
        signals.connect()
