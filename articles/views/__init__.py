"""Public views, by topic: the home page (home.py), pages (articles.py),
readers' comments (comments.py), the search page (search.py) and the pages of
an agency, a person or a meeting with the articles about them (coverage.py)."""

from .articles import (  # noqa: F401
    article_detail,
    article_preview,
    article_share,
    article_shared_preview,
    section_detail,
    tag_detail,
)
from .authors import author_detail  # noqa: F401
from .comment_tokens import comment_tokens  # noqa: F401
from .comments import comment_create, comment_flag  # noqa: F401
from .coverage import (  # noqa: F401
    agency_detail,
    meeting_detail,
    person_detail,
    person_list,
)
from .home import home  # noqa: F401
from .search import search  # noqa: F401
