"""Python run in a process of its own, from the project's directory, for the
tests that need a fresh interpreter (another database, production settings,
gunicorn's set-up)."""

import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


def run_python(env: dict[str, str], *args: str, timeout: int = 300) -> str:
    """Run `python *args` with `env`; it must succeed. Returns its output."""
    done = subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
