"""The editorial desk (articles, wire copy imports) and the moderation desk
(comments)."""

from . import articles, comments, intake, moderation  # noqa: F401  (registers the admins)
