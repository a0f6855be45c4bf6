"""Who may do what to an article (and to an author's profile): one place for
the admin, views and services."""

from .models import Article, AuthorProfile

PUBLISH = "articles.publish_article"


def can_publish(user) -> bool:
    """Editors: publish, schedule, unpublish, return stories to reporters."""
    return user.is_active and user.has_perm(PUBLISH)


def can_edit(user, article: Article | None) -> bool:
    """Editors edit any article; reporters only their own drafts."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if article is None or article.pk is None or can_publish(user):
        return True
    return article.created_by_id == user.pk and article.status == Article.Status.DRAFT


def can_withdraw(user, article: Article) -> bool:
    """The author takes back a story they submitted, while it waits for review."""
    return (
        user.is_active
        and user.has_perm("articles.change_article")
        and article.pk is not None
        and article.created_by_id == user.pk
        and article.status == Article.Status.IN_REVIEW
    )


def can_correct(user) -> bool:
    """Editors who may add correction and update notes to published articles."""
    return can_publish(user) and user.has_perm("articles.add_correction")


def can_delete(user) -> bool:
    """Editors who may delete articles, and so recover deleted ones."""
    return can_publish(user) and user.has_perm("articles.delete_article")


def can_preview(user) -> bool:
    """Staff who may see unpublished articles as readers will."""
    return user.is_active and user.is_staff and user.has_perm("articles.view_article")


def can_share_preview(user) -> bool:
    return user.is_active and user.has_perm("articles.share_preview_article")


def can_manage_authors(user) -> bool:
    """Editors (and whoever may change profiles): every author's profile."""
    return user.is_active and (
        can_publish(user) or user.has_perm("articles.change_authorprofile")
    )


def can_edit_profile(user, profile: AuthorProfile | None) -> bool:
    """Editors edit any profile; other staff only their own."""
    if not (user.is_active and user.is_staff):
        return False
    if can_manage_authors(user):
        return True
    return profile is not None and profile.user_id == user.pk
