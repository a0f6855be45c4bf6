import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

# Stored pages of the page cache go out before Django's handler
# (newsroom/pagecache/middleware.py).
from newsroom.pagecache.middleware import StoredPagesHandler  # noqa: E402

application = StoredPagesHandler(application)
