"""Queries planned for their own values, never by a prepared statement's plan.

PostgreSQL keeps a query a worker repeats prepared (DJANGO_DB_PREPARED_STATEMENTS,
newsroom/settings.py), and after five runs may plan it once for any values
(a generic plan). That suits a page's lookups by slug, id or date. It does not
suit a full-text search: its best plan depends on the words (one in most
stories, or one in few), and a generic plan computes `to_tsquery()` of a
parameter again for every row it ranks or highlights, where a plan for the
values computes it once. At 100,000 articles, /en/search/?q=delegasi took
166-205 ms prepared and 73-87 ms planned each time.
"""

import contextlib
import functools

from django.db import DEFAULT_DB_ALIAS, connections


@contextlib.contextmanager
def planned_for_their_values(using: str = DEFAULT_DB_ALIAS):
    """Inside, every query on `using` is planned for its own values (sent
    unprepared); it is still bound on the server, logged and counted."""
    connection = connections[using]
    if not getattr(connection.features, "uses_server_side_binding", False):
        yield
        return
    with connection.execute_wrapper(_unprepared):
        yield


def planned_each_time(view):
    """A view whose queries are planned_for_their_values()."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with planned_for_their_values():
            return view(request, *args, **kwargs)

    return wrapped


def _unprepared(execute, sql, params, many, context):
    if many or params is None:
        return execute(sql, params, many, context)
    connection = context["connection"]
    # As Django's own last step (CursorWrapper._execute), with prepare=False.
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        return context["cursor"].cursor.execute(sql, params, prepare=False)
