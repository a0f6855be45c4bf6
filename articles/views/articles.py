"""Public pages: articles with their discussion, previews, sections, tags."""

from django.contrib import messages
from django.core import signing
from django.db import router
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from newsroom import cachetags
from newsroom.bilingual import alternates, default_language
from newsroom.media.rendering import rendition_for

from ..forms import CommentForm
from ..loading import reusable
from ..models import Article, Comment, Section
from ..permissions import can_preview, can_share_preview
from ..preview import preview_address, read_share_token, share_link
from ..querysets import story_links
from ..reads import record_read
from ..services import preview_links_stop
from ..sharing import share_links
from .discussion import discussion
from .editions import edition_page, other_language


def article_detail(request, year: int, month: int, slug: str):
    # Slugs are lowercase: one asked in another case is the same story's, and
    # its address moves to the canonical one below.
    slug = slug.lower()
    article = published_story(slug)
    if article is None:
        # A published article's old slug: its old address moves for good.
        renamed = get_object_or_404(Article.objects.published().formerly_at(slug))
        return redirect(with_query(request, renamed.get_absolute_url()), permanent=True)
    canonical = article.get_absolute_url()
    if request.path != canonical:
        return redirect(with_query(request, canonical), permanent=True)
    response = render_article(request, article)
    record_read(request, article)
    depend_on_story(request, article)
    return response


def with_query(request, path: str) -> str:
    """`path` with the query of the address asked for, so that a link moved
    to a story's address keeps what it opens (?reply=, ?report=, ?comments=).
    The tracking parameters are gone from it by now (the page cache drops
    them first: newsroom.pagecache.middleware.without_tracking())."""
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path


def in_lowercase(request, slug: str):
    """A permanent redirect to the address asked for with its `slug` in
    lowercase, query kept, when it was asked in another case (slugs are
    lowercase ASCII: /en/agencies/BNPT/ is /en/agencies/bnpt/); else None.
    Asked once the page's object is found at slug.lower(): a slug that no
    page has stays a 404, and the lowercase address costs nothing more."""
    lowercase = slug.lower()
    if slug == lowercase:
        return None
    match = request.resolver_match
    path = reverse(match.view_name, kwargs={**match.kwargs, "slug": lowercase})
    return redirect(with_query(request, path), permanent=True)


def published_story(slug: str) -> Article | None:
    """The published story at `slug`, for its page (for_detail()): one
    query, compiled once and run with each request's slug and time
    (articles.loading.reusable)."""
    query = reusable(("story", router.db_for_read(Article)), _story_at, slug=str)
    now = timezone.now()
    if query is None:
        found = list(_story_at(now, None, slug))
    else:
        found = query.run(now, slug=slug)
    return found[0] if found else None


def _story_at(now, day, slug: str):
    return Article.objects.published(now).for_detail().filter(slug=slug)[:1]


def depend_on_story(request, article: Article) -> None:
    """What a story's page shows besides the lists: its discussion, its
    agencies, people and meeting (page cache, newsroom/cachetags.py); its
    comment form until the comments close."""
    cachetags.depend_on(
        request,
        cachetags.comments_tag(article.pk),
        *article.agencies.all(),
        *article.people.all(),
        article.meeting,
        lists=(cachetags.SITE, cachetags.ARTICLES),
    )
    if article.comments_open():
        cachetags.expires(request, article.comments_close_at)


def render_article(
    request,
    article: Article,
    *,
    preview: bool = False,
    comment_form: CommentForm | None = None,
    thread_page: int | None = None,
    status: int = 200,
):
    """The article page; a preview adds its banner and keeps out of search.

    With `comment_form`, the page shows that bound form with its errors (at its
    comment when it is a reply, on the page of the discussion that holds it).
    """
    related = related_stories(article)
    more = more_in_section(article, related)
    translations = published_translations(article)
    context = {
        "article": article,
        # The same story in the other language(s), published (hreflang, the
        # switcher, "Read in English").
        "translations": translations,
        "alternates": {} if preview else alternates(request, article, translations),
        # A preview has no address of its own to name in hreflang, but its
        # switcher and notice lead to the published translations as the page's.
        "switch_to": (
            {other.language: other.get_absolute_url() for other in translations}
            if preview
            else {}
        ),
        "related": related,
        "more_in_section": more,
        "preview": preview,
        "author_profile": article.byline_profile(),
        # og:image: the 1200×630 card (or the nearest size stored so far).
        "card_image": (
            rendition_for(article.featured_image, "card")
            if article.featured_image
            else None
        ),
    }
    if not preview:
        share_url = request.build_absolute_uri(article.get_absolute_url())
        context["share_url"] = share_url
        context["share"] = share_links(share_url, article.title)
        context["breadcrumbs"] = [
            (article.section.local_name, article.section.get_absolute_url()),
            (article.title, article.get_absolute_url()),
        ]
        context.update(
            discussion(
                request,
                article,
                form=comment_form,
                page_number=thread_page or request.GET.get(Comment.PAGE_PARAMETER),
            )
        )
    response = render(request, "articles/article_detail.html", context, status=status)
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def more_in_section(article: Article, shown: list[Article]) -> list[Article]:
    """The edition's latest MORE_IN_SECTION in `article`'s section, but
    `article` and the stories `shown`: one query, compiled once for so many
    stories left out (articles.loading.reusable)."""
    left_out = {f"story{n}": int for n in range(1 + len(shown))}
    ids = dict(zip(left_out, [article.pk, *(s.pk for s in shown)], strict=True))
    key = ("more in section", len(left_out), router.db_for_read(Article))
    query = reusable(key, _more_at, language=str, section=int, **left_out)
    now = timezone.now()
    given = {"language": article.language, "section": article.section_id, **ids}
    return query.run(now, **given) if query else list(_more_at(now, None, **given))


MORE_IN_SECTION = 4
RELATED_STORIES = 4


def related_stories(article: Article) -> list[Article]:
    """The RELATED_STORIES stories of `article`'s edition most related to it
    (related_to()): one query, compiled once for stories with as many
    agencies and tags, with or without a meeting (articles.loading.reusable)."""
    meeting_id, agency_ids, tag_ids = story_links(article)
    if not (meeting_id or agency_ids or tag_ids):
        return []
    links = {
        **({"meeting": meeting_id} if meeting_id else {}),
        **{f"agency{n}": pk for n, pk in enumerate(agency_ids)},
        **{f"tag{n}": pk for n, pk in enumerate(tag_ids)},
    }
    shape = (bool(meeting_id), len(agency_ids), len(tag_ids))
    key = ("related", *shape, router.db_for_read(Article))
    query = reusable(
        key, _related_at, story=int, language=str, **dict.fromkeys(links, int)
    )
    now = timezone.now()
    given = {"story": article.pk, "language": article.language, **links}
    return query.run(now, **given) if query else list(_related_at(now, None, **given))


def _related_at(now, day, story: int, language: str, **links: int):
    return (
        Article.objects.published(now)
        .in_language(language)
        .related_by_links(
            story,
            meeting_id=links.get("meeting"),
            agency_ids=[pk for name, pk in links.items() if name.startswith("agency")],
            tag_ids=[pk for name, pk in links.items() if name.startswith("tag")],
        )
        .for_headlines()[:RELATED_STORIES]
    )


def _more_at(now, day, language: str, section: int, **left_out: int):
    return (
        Article.objects.published(now)
        .in_language(language)
        .in_section(section)
        .exclude(pk__in=list(left_out.values()))
        .for_headlines()
        .latest_first()[:MORE_IN_SECTION]
    )


def published_translations(article: Article) -> list[Article]:
    """The same story in the other language(s), published: one query,
    compiled once (articles.loading.reusable)."""
    key = ("translations", router.db_for_read(Article))
    query = reusable(key, _translations_at, story=int, pk=int)
    now = timezone.now()
    given = {"story": article.story_id, "pk": article.pk}
    return (
        query.run(now, **given) if query else list(_translations_at(now, None, **given))
    )


def _translations_at(now, day, story: int, pk: int):
    # in_story() reads the story and the article's own id only.
    return (
        Article.objects.published(now)
        .in_story(Article(pk=pk, translation_of_id=story))
        .only("slug", "language", "title", "published_at", "created_at")
    )


@never_cache
def article_preview(request, pk: int):
    """Any article, published or not, as readers will see it; staff only."""
    if not can_preview(request.user):
        raise Http404
    article = get_object_or_404(Article.objects.for_detail(), pk=pk)
    if moved := preview_moved(request, article, pk=pk):
        return moved
    return render_preview(request, article)


def preview_moved(request, article: Article, **kwargs):
    """A permanent redirect to this preview's address in `article`'s edition
    (preview_address()), query kept, when asked at the other edition's, as
    a public English story's unprefixed address moves to /en/; else None."""
    path = preview_address(article, request.resolver_match.view_name, **kwargs)
    if request.path == path:
        return None
    return redirect(with_query(request, path), permanent=True)


def render_preview(request, article: Article):
    """The preview in the article's own edition: an English draft reads as
    the English page (interface, dates, names)."""
    with override(article.language):
        response = render_article(request, article, preview=True)
        response["Content-Language"] = article.language
    return response


@never_cache
def article_shared_preview(request, token: str):
    """The preview behind a signed share link, for readers without an account."""
    try:
        shared = read_share_token(token)
    except signing.BadSignature:
        raise Http404 from None
    article = get_object_or_404(Article.objects.for_detail(), pk=shared.article_id)
    if not shared.is_current(article):
        raise Http404  # stopped since it was made
    response = preview_moved(request, article, token=token) or render_preview(
        request, article
    )
    # The token is the key: links out of the page must not carry it along.
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def article_share(request, pk: int):
    """A fresh share link to an article's preview, with its expiry, and the
    last stop of its links; editors only. A POST stops every link made so far
    (CSRF-checked), then shows the page again with a new one."""
    if not (can_preview(request.user) and can_share_preview(request.user)):
        raise Http404
    article = get_object_or_404(Article, pk=pk)
    if request.method == "POST":
        preview_links_stop(article=article, user=request.user)
        messages.success(
            request,
            _(
                "Every link shared before now has stopped working. The link below "
                "is new."
            ),
        )
        return redirect("articles:article_share", pk=article.pk)
    return render(
        request,
        "articles/article_share.html",
        {
            "article": article,
            "link": share_link(request, article),
            "last_stop": article.preview_link_stops.select_related("by").first(),
        },
    )


def section_detail(request, slug: str):
    section = get_object_or_404(Section, slug=slug.lower())
    if moved := in_lowercase(request, slug):
        return moved
    articles = Article.objects.published().in_section(section).for_listing()
    return render(
        request,
        "articles/section_detail.html",
        {
            "section": section,
            **edition_page(request, articles.latest_first()),
            "breadcrumbs": [(section.local_name, section.get_absolute_url())],
        },
    )


def tag_detail(request, slug: str):
    # A tag is a page once a published story carries it: the desk's new tag,
    # or one only an embargoed story carries, is not found (its name would
    # tell of the story). In an edition without a story of its own, the page
    # shows the other's and is not indexed (the template).
    other = other_language(translation.get_language() or default_language())
    tags = Article.objects.published().carried_tags_across(other)
    try:
        tag = get_object_or_404(tags, slug=slug.lower())
    except Http404:
        from .coverage import tag_moved_or_404  # coverage imports this module

        return tag_moved_or_404(request, slug.lower())
    if moved := in_lowercase(request, slug):
        return moved
    articles = Article.objects.published().tagged(tag).for_listing().latest_first()
    page = edition_page(request, articles)
    return render(
        request,
        "articles/tag_detail.html",
        {
            "tag": tag,
            **page,
            "switch_to": tag_switch_to(
                tag, other, told_here=bool(page["page_obj"].paginator.count)
            ),
            "breadcrumbs": [
                (tag.name, reverse("articles:tag_detail", kwargs={"slug": tag.slug}))
            ],
        },
    )


def tag_switch_to(tag, other: str, *, told_here: bool) -> dict[str, str | None]:
    """The page's `switch_to` (newsroom/templatetags/edition_tags.py): empty
    when both editions have stories with `tag` (each edition's page of it is
    the other's translation); else, for the `other` language, where its
    switcher leads: the tag's page there if that edition has stories with
    it, else the tag its translations of these stories carry most
    (`counterpart_slug`; of tags carried as often, the one named most
    alike: tied_counterpart(), one more query), else None: the page has no
    counterpart there (the switcher says so and leads to that edition's
    home). `told_here`: whether this edition has stories with `tag`."""
    if tag.in_edition and told_here:
        return {}
    slug = tag.slug if tag.in_edition else tag.counterpart_slug
    if slug is None and tag.counterpart_tied:
        closest = Article.objects.published().tied_counterpart(tag, other)
        slug = closest["tag__slug"] if closest else None
    if slug is None:
        return {other: None}
    with override(other):
        return {other: reverse("articles:tag_detail", kwargs={"slug": slug})}
