"""Settings shared by every environment.

With no environment variables set the portal runs on the embedded default:
SQLite, Celery tasks executed in-process, and the embedded SQLite FTS5 search
backend.  Setting ``DATABASE_URL``, ``CELERY_BROKER_URL`` and
``ELASTICSEARCH_URL`` switches to PostgreSQL, a real worker and
Elasticsearch.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from portal import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env.get_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "home",
    "portal.core",
    "portal.taxonomy",
    "portal.projects",
    "portal.events",
    "portal.technologies",
    "portal.news",
    "portal.accounts",
    "portal.synonyms",
    "portal.contact",
    "ingest",
    "search",
    "wagtail.api.v2",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.core.security.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Security headers (production.py adds HSTS, secure cookies, the HTTPS redirect) ---
# The Content Security Policy of the public site is portal/core/security.DEFAULT_CSP (the admins get
# none); PORTAL_CSP and PORTAL_CSP_EXCLUDED_PATHS here would override it.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview frames mark themselves SAMEORIGIN

# --- Rate limits (portal/core/ratelimit.py): "<requests>/<seconds>" per client address; "0" = none ---
PORTAL_RATE_LIMITS = {
    "search": env.get_str("PORTAL_RATE_LIMIT_SEARCH", "120/60"),
    "suggest": env.get_str("PORTAL_RATE_LIMIT_SUGGEST", "600/60"),
    "login": env.get_str("PORTAL_RATE_LIMIT_LOGIN", "10/300"),
    # Contact requests sent, per member and address (portal/contact/views.py).
    "contact": env.get_str("PORTAL_RATE_LIMIT_CONTACT", "5/3600"),
}
# Reverse proxies in front of the application that append to X-Forwarded-For (0: use REMOTE_ADDR).
PORTAL_TRUSTED_PROXIES = env.get_int("PORTAL_TRUSTED_PROXIES", 0)
# Counters live in the default cache; several processes must share one (CACHE_URL, e.g. redis://redis:6379/1).
CACHE_URL = env.get_str("CACHE_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}
}

# --- Database: SQLite in var/ unless DATABASE_URL names another -------------
# Connections persist for DATABASE_CONN_MAX_AGE seconds (0: one per request; each gunicorn thread holds
# its own, so workers x threads must stay below PostgreSQL's max_connections), and are checked before a
# request reuses one, so a restarted database costs a reconnect, not an error.
DATABASES = {
    "default": dj_database_url.parse(
        env.get_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=env.get_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=env.get_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The public interface speaks German (default) and English; visitors switch
# with the language menu (a cookie), so addresses stay the same.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.get_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Accounts (portal/accounts/): Django's login, logout and password reset under /accounts/ ---
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# Pages and collections private to members send visitors to the portal's own login page.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# Password reset mails: printed to the console unless an SMTP server is configured.
EMAIL_HOST = env.get_str("EMAIL_HOST")
EMAIL_BACKEND = env.get_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                            else "django.core.mail.backends.console.EmailBackend")
EMAIL_PORT = env.get_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env.get_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.get_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env.get_str("DEFAULT_FROM_EMAIL", "portal@localhost")
# Contact requests (portal/contact/): a copy goes here, and those for institutions without a contact
# address go here to be forwarded. Empty: no copy; such requests wait in Reports › Contact requests.
PORTAL_CONTACT_MANAGEMENT_EMAIL = env.get_str("PORTAL_CONTACT_MANAGEMENT_EMAIL", "")

# --- Wagtail ---------------------------------------------------------------
WAGTAIL_SITE_NAME = "Metals Recycling Cluster"
WAGTAILADMIN_BASE_URL = env.get_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_DOCUMENT_MODEL = "ingest.PortalDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf"]
# No avatars from gravatar.com: nothing is fetched from outside, and editors' e-mail hashes stay here.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Documents are served through Django so that privacy rules apply to them.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The document form shows what ingestion found and offers the detected tags (ingest/forms.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "ingest.forms.PortalDocumentForm"
# Wagtail's own admin search uses the database; the portal's search is ours.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Portal search (search/) -----------------------------------------------
ELASTICSEARCH_URL = env.get_str("ELASTICSEARCH_URL")
if ELASTICSEARCH_URL:
    PORTAL_SEARCH = {
        "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
        "URL": ELASTICSEARCH_URL,
        "INDEX": env.get_str("PORTAL_SEARCH_INDEX", "portal"),
        "TIMEOUT": env.get_int("ELASTICSEARCH_TIMEOUT", 10),
    }
else:
    PORTAL_SEARCH = {
        "BACKEND": "search.backends.embedded.EmbeddedBackend",
        "PATH": env.get_str("PORTAL_SEARCH_PATH", str(VAR_DIR / "search.sqlite3")),
    }

# The query log (search/query_log.py) is buffered per process and written in one statement this often,
# by a background thread (0: no thread; written when MAX_PENDING searches wait, at exit and by the report).
PORTAL_QUERY_LOG_FLUSH_SECONDS = env.get_int("PORTAL_QUERY_LOG_FLUSH_SECONDS", 10)
PORTAL_QUERY_LOG_MAX_PENDING = env.get_int("PORTAL_QUERY_LOG_MAX_PENDING", 500)

# --- Celery: in-process unless a broker is configured ---------------------
# In-process mode still needs a broker URL for Celery to be configured; the
# in-memory transport is never used because every task runs eagerly.
CELERY_TASK_ALWAYS_EAGER = not env.get_str("CELERY_BROKER_URL")
CELERY_BROKER_URL = env.get_str("CELERY_BROKER_URL") or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-task leaves it for another
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # PDFs are slow; don't hoard them
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# Scheduled publishing: Wagtail stores go-live and expiry times; something has
# to act on them. `celery -A portal beat` sends this every minute.
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {"task": "portal.core.publish_scheduled_pages", "schedule": 60.0},
    # Repairs whatever tasks were lost (broker or search engine down, a killed worker).
    "reconcile-index": {"task": "ingest.reconcile_index", "schedule": float(env.get_int("PORTAL_RECONCILE_SECONDS", 900))},
    # Search query counts are kept for search.query_log.RETENTION_DAYS days, then forgotten.
    "prune-search-queries": {"task": "portal.core.prune_search_queries", "schedule": 24 * 3600.0},
}

# --- Ingestion (ingest/) ---------------------------------------------------
PORTAL_MAX_UPLOAD_BYTES = env.get_int("PORTAL_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
# Each extraction runs in a forked child with these limits (ingest/sandbox.py);
# a file that exceeds one fails with the reason, and the worker carries on.
PORTAL_EXTRACTION_TIMEOUT_SECONDS = env.get_int("PORTAL_EXTRACTION_TIMEOUT_SECONDS", 180)  # wall clock, OCR included
PORTAL_EXTRACTION_CPU_SECONDS = env.get_int("PORTAL_EXTRACTION_CPU_SECONDS", 120)
PORTAL_EXTRACTION_MEMORY_MB = env.get_int("PORTAL_EXTRACTION_MEMORY_MB", 1024)  # on top of the worker's own
# Off (0) only to debug an extractor: it then runs inside the worker, unprotected.
PORTAL_EXTRACTION_CONTAINED = env.get_bool("PORTAL_EXTRACTION_CONTAINED", True)
# Pages of one document recognised by OCR at most (scans without a text layer).
PORTAL_OCR_MAX_PAGES = env.get_int("PORTAL_OCR_MAX_PAGES", 200)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.get_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "celery.app.trace": {"level": "WARNING"},
    },
}
