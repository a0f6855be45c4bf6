"""The benchmark's own processes: started, remembered by pid, stopped by pid.

Nothing is ever stopped by name: only the pids recorded here (a server's
master and the workers it had when last looked at) are signalled.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie child of ours counts as gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    state = next((ln for ln in status.splitlines() if ln.startswith("State:")), "")
    return "Z" not in state.split(":", 1)[-1].split()[:1]


def children(pid: int) -> list[int]:
    """The direct children of `pid` (a gunicorn master's workers)."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return []
    return [int(p) for p in text.split()]


def rss_mb(pid: int) -> float:
    """VmRSS of `pid` in MB (from /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Processes:
    """Start processes and stop every one of them (and the pids added by
    `remember`) on `stop_all`, whatever happened in between."""

    def __init__(self):
        self.popen: list[subprocess.Popen] = []
        self.pids: list[int] = []

    def start(self, args, *, env=None, log: Path | None = None, cwd=None):
        out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
        process = subprocess.Popen(
            args,
            env=env,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        if log:
            out.close()
        self.popen.append(process)
        self.remember(process.pid)
        return process

    def remember(self, pid: int) -> None:
        if pid not in self.pids:
            self.pids.append(pid)

    def stop(self, pid: int, timeout: float = 10.0) -> None:
        """TERM `pid`, then KILL it if still there after `timeout` seconds;
        its children known now (a master's workers) that outlive it are
        stopped the same way."""
        workers = children(pid)
        for target in [pid, *workers]:
            self.remember(target)
        for target, wait in [(pid, timeout), *((w, 2.0) for w in workers)]:
            if not alive(target):
                continue
            _signal(target, signal.SIGTERM)
            if not self._gone(target, wait):
                _signal(target, signal.SIGKILL)
                self._gone(target, 5.0)

    def _gone(self, pid: int, wait: float) -> bool:
        deadline = time.monotonic() + wait
        while alive(pid):
            self._reap()
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def stop_all(self) -> list[int]:
        """Stop everything started or remembered; returns the pids that were
        still running."""
        running = [pid for pid in self.pids if alive(pid)]
        for pid in reversed(running):
            if alive(pid):
                self.stop(pid)
        self._reap(wait=True)
        return running

    def _reap(self, wait: bool = False) -> None:
        for process in self.popen:
            if wait and process.returncode is None and not alive(process.pid):
                process.wait(timeout=5)
            else:
                process.poll()


def _signal(pid: int, sig) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def wait_for_http(url: str, timeout: float = 60.0, process=None) -> int:
    """Wait until `url` answers (any status); returns the status."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server for {url} exited ({process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f}s")
