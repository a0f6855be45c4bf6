import os

from django.conf import settings
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# An application server (gunicorn, uWSGI, Daphne…) serves the public: it
# starts in production (DEBUG off, so a secret key is required) unless
# DJANGO_DEBUG says otherwise. `manage.py runserver` has read the settings
# before it imports this module: it stays in development.
# An empty value counts as unset, as everywhere (newsroom/env.py).
if not settings.configured and not os.environ.get("DJANGO_DEBUG", "").strip():
    os.environ["DJANGO_DEBUG"] = "false"

application = get_asgi_application()
