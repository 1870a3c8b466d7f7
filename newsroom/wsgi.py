"""WSGI entry point (gunicorn newsroom.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# Serving the web: database timeouts apply (see the settings).
os.environ.setdefault("NEWSROOM_SERVING", "1")

application = get_wsgi_application()
