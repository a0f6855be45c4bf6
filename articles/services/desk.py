"""The writing screen's private autosaved copies (issue #13).

Every 30 seconds of changes the article form's script sends what the form
holds; it is kept as the person's own copy (ArticleAutosave), one per person
and article (or new article). A copy is never a revision and never written
into the article: it only fills the form again when its owner asks for it.
"""

import json
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Article, ArticleAutosave
from ..permissions import can_edit
from .workflow import CONTENT_FIELDS, PUBLICATION_FIELDS

# The form's fields a copy keeps, by the names the browser sends them under
# (a date and time field sends two: published_at_0 and published_at_1).
AUTOSAVE_FIELDS = frozenset({*CONTENT_FIELDS, "translation_of", *PUBLICATION_FIELDS})
FIELD_NAME = re.compile(r"^(?P<field>[a-z_]+?)(?:_\d)?$")
# A copy larger than this is refused: a long feature is about 60 kB.
MAX_AUTOSAVE_BYTES = 512 * 1024
TOO_LARGE = "too_large"


def can_autosave(user, article: Article | None) -> bool:
    """Who may keep a copy: who may edit the article, or add a new one."""
    if article is None:
        return user.is_active and user.has_perm("articles.add_article")
    return can_edit(user, article)


def autosave_store(
    *,
    user,
    article: Article | None,
    data: dict[str, list[str]],
    base_version: int | None,
) -> ArticleAutosave:
    """Keep `data` (field name -> the values the browser sent) as `user`'s
    copy of `article` (None: the new article they are writing), replacing
    their previous one. Fields the form does not save are dropped.

    `base_version` is the article's version the form was opened on (needed
    for an existing article, one of its versions so far). Raises
    PermissionDenied or ValidationError (not a mapping of names to lists of
    text, over MAX_AUTOSAVE_BYTES, or no such version).
    """
    if not can_autosave(user, article):
        raise PermissionDenied(_("You may not edit this article."))
    kept = _kept_values(data)
    if article is not None and not (
        isinstance(base_version, int) and 0 < base_version <= article.version
    ):
        # None, or a number no version of the article has had.
        raise ValidationError(_("The copy does not say which version it edits."))
    size = len(json.dumps(kept, ensure_ascii=False).encode())
    if size > MAX_AUTOSAVE_BYTES:
        raise ValidationError(
            _("The copy is too large to keep (%(size)s kB, at most %(max)s kB).")
            % {"size": size // 1024, "max": MAX_AUTOSAVE_BYTES // 1024},
            code=TOO_LARGE,
        )
    values = {
        "data": kept,
        "base_version": base_version if article is not None else None,
        "saved_at": timezone.now(),
    }
    # Locks the row, and takes a copy created at the same moment by another
    # request of the same person.
    copy, _created = ArticleAutosave.objects.update_or_create(
        user=user, article=article, defaults=values
    )
    return copy


def _kept_values(data) -> dict[str, list[str]]:
    if not isinstance(data, dict):
        raise ValidationError(_("The copy is not a form's values."))
    kept = {}
    for name, values in data.items():
        match = FIELD_NAME.match(str(name))
        if not match or match["field"] not in AUTOSAVE_FIELDS:
            continue
        if not isinstance(values, list) or not all(
            isinstance(value, str) for value in values
        ):
            raise ValidationError(_("The copy is not a form's values."))
        # A NUL is no text anyone wrote (the form's save refuses it), and
        # PostgreSQL's JSON cannot hold one: the copy is kept without it.
        kept[name] = [value.replace("\x00", "") for value in values]
    return kept


def autosave_discard(*, user, article: Article | None) -> int:
    """Delete `user`'s copy of `article` (None: of their new article);
    returns how many were deleted (0 or 1). Only ever their own."""
    deleted, _by_model = ArticleAutosave.objects.filter(
        user=user, article=article
    ).delete()
    return deleted


def autosave_for(*, user, article: Article | None) -> ArticleAutosave | None:
    """`user`'s copy of `article` (None: of their new article) worth offering
    back: newer than the article's last save, or made on a version older than
    the article's (someone saved since: their text may be over the copy's).
    None when there is none, or it is older than a save that came after it."""
    copy = ArticleAutosave.objects.filter(user=user, article=article).first()
    if copy is None or article is None:
        return copy
    if copy.saved_at > article.updated_at or copy.base_version != article.version:
        return copy
    return None
