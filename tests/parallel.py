"""Two requests at the same instant (a double tap, two reporters, two app
server processes): each function runs in a thread of its own, with its own
database connection, all released together by a barrier."""

import threading
from collections.abc import Callable

from django.db import connection


def at_once(*calls: Callable[[], object], timeout: float = 30) -> list:
    """Run `calls` at the same instant, each in its own thread; their results,
    in order. An exception raised in a thread is raised here."""
    results: list = [None] * len(calls)
    failures: list[BaseException] = []
    start = threading.Barrier(len(calls))

    def run(n: int) -> None:
        try:
            start.wait(timeout=10)
            results[n] = calls[n]()
        except BaseException as error:  # re-raised below, in the test
            failures.append(error)
        finally:
            connection.close()  # this thread's own

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    if failures:
        raise failures[0]
    return results
