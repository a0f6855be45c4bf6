"""The editorial desk (articles, wire copy imports) and the moderation desk
(comments)."""

from . import (  # noqa: F401  (registers the admins)
    articles,
    authors,
    comments,
    frontpage,
    intake,
    moderation,
    notifications,
)
