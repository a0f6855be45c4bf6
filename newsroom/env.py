"""Reading settings from the environment, shared by newsroom/settings.py and
gunicorn.conf.py so that the two always read a variable the same way."""

import os


def env_bool(name: str, default: bool) -> bool:
    """True for 1, true, yes or on (any case); the default when unset or empty."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """A comma-separated variable as a list, blanks dropped."""
    value = os.environ.get(name) or default
    return [item.strip() for item in value.split(",") if item.strip()]
