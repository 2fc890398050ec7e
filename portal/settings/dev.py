"""Local development: debug on, a fixed throwaway secret, loopback only."""

from portal import env
from portal.settings.base import *  # noqa: F401,F403

DEBUG = env.get_bool("DEBUG", True)
SECRET_KEY = env.get_str("SECRET_KEY", "dev-only-secret-not-for-production")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

# SQLite, media and the embedded index live in var/; create it on first use.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
