"""The staff authors' pages: who they are and the stories they wrote."""

from django.shortcuts import get_object_or_404, render

from newsroom.media.rendering import rendition_for

from ..models import Article, AuthorProfile
from .articles import in_lowercase
from .editions import edition_page


def public_profile(slug: str) -> AuthorProfile:
    """The public profile at `slug`, with its photo (whose renditions the
    page loads with its stories' pictures); 404 when there is none or it is
    not public."""
    profiles = AuthorProfile.objects.select_related("photo")
    return get_object_or_404(profiles, slug=slug, is_public=True)


def author_detail(request, slug: str):
    profile = public_profile(slug.lower())
    if moved := in_lowercase(request, slug):
        return moved
    articles = (
        Article.objects.published()
        .bylined_to(profile.user_id)
        .for_listing()
        .latest_first()
    )
    return render(
        request,
        "articles/author_detail.html",
        {
            "profile": profile,
            **edition_page(request, articles, images=[profile.photo]),
            "share_image": rendition_for(profile.photo, "square")
            if profile.photo
            else None,
            "breadcrumbs": [(profile.name, profile.get_absolute_url())],
        },
    )
