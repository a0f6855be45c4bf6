"""Reading settings from the environment, shared by newsroom/settings.py and
gunicorn.conf.py so that the two always read a variable the same way.

An empty variable (`DATABASE_URL=`, as `.env.example` leaves many) counts as
unset: its default applies. A value that cannot be used stops start-up with
ImproperlyConfigured, in one line naming the variable, its value and what is
expected.
"""

import os
import re
import secrets
import tempfile
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    """The variable as set; the default when unset or blank."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    """True for 1, true, yes or on (any case); the default when unset or empty."""
    value = env_str(name)
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """A whole number of at least `minimum`; the default when unset or empty."""
    value = env_str(name)
    if not value:
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a whole number: write it in digits, "
            f"or leave it empty for the default ({default})"
        ) from None
    if number < minimum:
        raise ImproperlyConfigured(
            f"{name}={value!r} is too small: it must be at least {minimum}"
        )
    return number


def env_choice(name: str, default: str, choices: Iterable[str]) -> str:
    """One of `choices` (any case, given back as listed); the default when
    unset or empty."""
    value = env_str(name)
    if not value:
        return default
    allowed = list(choices)
    for choice in allowed:
        if value.strip().lower() == choice.lower():
            return choice
    raise ImproperlyConfigured(
        f"{name}={value!r} is not one of the allowed values: {', '.join(allowed)}"
    )


def env_list(name: str, default: str) -> list[str]:
    """A comma-separated variable as a list, blanks dropped."""
    value = env_str(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


REDIS_SCHEMES = ("redis", "rediss", "unix")


def env_redis_url(name: str) -> str:
    """A Redis address (several, as Django's RedisCache takes them, separated
    by commas), or empty when unset; an address without a scheme Redis
    knows stops start-up."""
    value = env_str(name).strip()
    for url in filter(None, re.split("[;,]", value)):
        if urlsplit(url.strip()).scheme not in REDIS_SCHEMES:
            raise ImproperlyConfigured(
                f"{name}={value!r} is not a Redis address: expected "
                "redis://host:port/db (e.g. redis://127.0.0.1:6379/0), "
                "rediss://host:port/db (TLS) or unix:///path/to/redis.sock"
            )
    return value


def development_secret_key(path: Path) -> str:
    """A secret key for development (DEBUG on, DJANGO_SECRET_KEY unset), never
    one written in the repository: made at random the first time and kept
    in `path` (ignored by git, readable by its owner alone), so that
    sessions outlive a restart of `make run`. Two processes starting at
    once keep the same key (the file appears whole, or not at all). Where
    the file can be neither read nor made, a new key for this process."""
    for _ in range(2):
        try:
            key = path.read_text().strip()
        except FileNotFoundError:
            key = ""
        except OSError:
            break
        if key:
            return key
        try:
            return _keep_new_key(path)
        except FileExistsError:
            continue  # another process made it just now: read theirs
        except OSError:
            break
    return secrets.token_urlsafe(50)


def _keep_new_key(path: Path) -> str:
    """A new random key, written to a file of its own and then linked as
    `path` (FileExistsError when `path` exists already)."""
    key = secrets.token_urlsafe(50)
    descriptor, draft = tempfile.mkstemp(dir=path.parent, prefix=f"{path.name}.")
    try:
        with os.fdopen(descriptor, "w") as file:  # mkstemp: mode 0600
            file.write(key)
        os.link(draft, path)
    finally:
        os.unlink(draft)
    return key
