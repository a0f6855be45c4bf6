"""Writes with rules (HackSoft-style services), by topic."""

from .comments import (  # noqa: F401
    CommentOutcome,
    CommentResult,
    CommentsClosed,
    RateLimited,
    comment_check,
    comment_create,
    comment_flag,
)
from .links import (  # noqa: F401
    LinkResult,
    article_add,
    article_link,
    article_recognition,
    article_text,
    links_from_text,
    recognised_links,
)
from .moderation import (  # noqa: F401
    MODERATION_ACTIONS,
    CommentChanged,
    Moderated,
    ModerationAction,
    ban_create,
    ban_lift,
    comment_edit,
    comment_moderate,
    comment_moderate_as_seen,
)
from .previews import preview_links_stop, stop_preview_links  # noqa: F401
from .slugs import free_slug, slug_holder, slug_taken, title_slug  # noqa: F401
from .workflow import (  # noqa: F401
    CONTENT_FIELDS,
    CONTENT_GROUPS,
    PUBLICATION_FIELDS,
    SCHEDULED,
    TRANSITIONS,
    AlreadyAdded,
    EditConflict,
    Transition,
    allowed_transitions,
    article_check_version,
    article_publish,
    article_recover,
    article_restore,
    article_return,
    article_save,
    article_submit,
    article_unpublish,
    article_withdraw,
    correction_add,
    correction_check_article,
    publication_time_check,
    revision_content,
    workflow_state,
)
