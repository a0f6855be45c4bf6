"""Reader comments: posting with checks and rate limits, flags, moderation, bans."""

from dataclasses import dataclass
from enum import StrEnum


class CommentsClosed(Exception):
    """The article takes no new comments (answer 403)."""


class RateLimited(Exception):
    """Too many comments or flags from one sender (answer 429)."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


class CommentOutcome(StrEnum):
    PUBLISHED = "published"
    QUEUED = "queued"
    REJECTED = "rejected"
    DROPPED = "dropped"


@dataclass(frozen=True)
class CommentResult:
    comment: object | None
    outcome: CommentOutcome


def comment_create(**kwargs):
    raise NotImplementedError


def comment_flag(**kwargs):
    raise NotImplementedError


def comment_moderate(**kwargs):
    raise NotImplementedError


def comment_edit(**kwargs):
    raise NotImplementedError


def ban_create(**kwargs):
    raise NotImplementedError
