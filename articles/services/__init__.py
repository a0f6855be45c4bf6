"""Writes with rules (HackSoft-style services), by topic."""

from .comments import (  # noqa: F401
    CommentOutcome,
    CommentResult,
    CommentsClosed,
    RateLimited,
    ban_create,
    ban_lift,
    comment_create,
    comment_edit,
    comment_flag,
    comment_moderate,
)
from .workflow import (  # noqa: F401
    RESTORED_FIELDS,
    TRANSITIONS,
    EditConflict,
    Transition,
    allowed_transitions,
    article_check_version,
    article_publish,
    article_restore,
    article_return,
    article_save,
    article_submit,
    article_unpublish,
    article_withdraw,
    correction_add,
)
