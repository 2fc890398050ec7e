from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "ingest"
    verbose_name = "Ingestion"

    def ready(self) -> None:
        # All signal wiring of the ingestion pipeline lives in one module.
        from ingest import signals

        signals.connect()
