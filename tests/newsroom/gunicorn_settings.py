"""newsroom.settings exactly as production reads them, except that the
collected static files live in a temporary directory
(NEWSROOM_TEST_STATIC_ROOT) rather than the checkout's staticfiles/, which a
development server would then serve. For the real-gunicorn tests
(test_gunicorn.py)."""

import os

from newsroom.settings import *  # noqa: F403

STATIC_ROOT = os.environ["NEWSROOM_TEST_STATIC_ROOT"]
