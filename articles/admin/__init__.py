"""The editorial desk (articles) and the moderation desk (comments)."""

from . import articles, comments, moderation  # noqa: F401  (registers the admins)
