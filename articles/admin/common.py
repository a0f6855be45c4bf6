"""What the admin modules share: read-only pages, how a user is named, how
long a ban lasts, how a comment status reads."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from ..models import Comment


class ReadOnlyMixin:
    """For a ModelAdmin or an inline: its rows are shown, never added, changed
    or deleted here (the services write them)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def display_user(user, empty: str = "–") -> str:
    """A user as the admin names them: full name, else username; `empty`
    when there is none."""
    if user is None:
        return str(empty)
    return user.get_full_name() or user.get_username()


# How long a ban lasts: the choices of the ban forms (key: (label, length)).
DURATIONS = {
    "1": (_("1 day"), timedelta(days=1)),
    "7": (_("7 days"), timedelta(days=7)),
    "30": (_("30 days"), timedelta(days=30)),
    "forever": (_("For good"), None),
}
DURATION_CHOICES = [(key, label) for key, (label, _length) in DURATIONS.items()]


def status_label(value: str) -> str:
    """The readable name of a comment status kept as a code (log entries)."""
    Status = Comment.Status
    return str(Status(value).label) if value in Status.values else value or "–"
