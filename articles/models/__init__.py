"""Articles and everything hung on them: sections, workflow, corrections, comments."""

from .article import (  # noqa: F401
    BODY_MAX_CHARS,
    Article,
    ArticleInReview,
    ArticleSlugHistory,
    ArticleTransition,
    Correction,
    PreviewLinkStop,
    Section,
    check_body_length,
    check_tag_count,
    check_tag_lengths,
    too_long_tags,
)
from .comment import (  # noqa: F401
    Ban,
    Comment,
    CommentFlag,
    CommentReason,
    ModerationLog,
    ModerationWord,
)
from .desk import (  # noqa: F401
    ArticleAddition,
    ArticleAutosave,
    NotificationLanguage,
    NotificationSetting,
)
from .intake import IntakeRecord  # noqa: F401
from .links import LinksAtDelete  # noqa: F401
from .reader import AuthorProfile, DailyReads, HomePin  # noqa: F401
from .tags import MergedTag, TagSlugHistory  # noqa: F401
