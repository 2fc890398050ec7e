"""docker-compose.yml parses and agrees with the settings and the test stack."""

import re
from pathlib import Path

import elasticsearch
import yaml

REPO = Path(__file__).resolve().parents[3]


def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def test_compose_defines_the_production_services_with_healthchecks():
    services = compose()["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis", "elasticsearch"}
    for name, service in services.items():
        assert "healthcheck" in service, f"{name} has no healthcheck"
    assert "gunicorn" in services["web"]["command"]
    assert "celery -A portal worker" in services["worker"]["command"]
    assert "celery -A portal beat" in services["beat"]["command"]  # scheduled publishing
    assert set(compose()["volumes"]) >= {"postgres-data", "redis-data", "elasticsearch-data", "media"}


def test_compose_configures_the_portal_through_the_variables_settings_read():
    web_env = compose()["services"]["web"]["environment"]
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL", "SECRET_KEY", "ALLOWED_HOSTS"):
        assert name in web_env
        assert re.search(rf'get_str\("{name}"|require\("{name}"\)', _settings_source()), f"settings never read {name}"
    assert web_env["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
    # Secrets have no defaults: compose refuses to start without them.
    assert ":?" in web_env["SECRET_KEY"]


def test_elasticsearch_image_client_and_test_server_share_a_major_version():
    image = compose()["services"]["elasticsearch"]["image"]
    image_version = image.rsplit(":", 1)[1]
    provision = (REPO / "scripts" / "provision").read_text()
    test_version = re.search(r"PORTAL_ES_VERSION:-([0-9.]+)", provision).group(1)
    client_major = elasticsearch.__versionstr__.split(".")[0]
    assert image_version.split(".")[0] == test_version.split(".")[0] == client_major
    assert image_version == test_version


def _settings_source() -> str:
    return "".join(p.read_text() for p in (REPO / "portal" / "settings").glob("*.py"))
