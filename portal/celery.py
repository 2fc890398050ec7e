"""The Celery application.

Without ``CELERY_BROKER_URL`` tasks run in-process (``task_always_eager``),
so the portal works on a laptop with no broker; with it, a worker started by
``celery -A portal worker`` consumes them.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
