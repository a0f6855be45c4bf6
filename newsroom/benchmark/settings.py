"""The product's settings, with the static files collected where the
benchmark says (NEWSROOM_BENCH_STATIC_ROOT, a temporary directory), so that
production settings (DJANGO_DEBUG=false, hashed static names) run without
writing into the checkout."""

import os
from pathlib import Path

from newsroom.settings import *  # noqa: F403

if os.environ.get("NEWSROOM_BENCH_STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["NEWSROOM_BENCH_STATIC_ROOT"])
