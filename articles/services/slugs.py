"""A story's slug: the last part of its address, which no other story has
or had (an old slug redirects to its story, ArticleSlugHistory)."""

from newsroom.text import slug_of

from ..models import Article, ArticleSlugHistory

SLUG_MAX = Article._meta.get_field("slug").max_length
TITLE_SLUG_MAX = 100  # a slug made from a title: room for "-2", "-3"…


def _others(article: Article | None, **lookup):
    """The slugs of other stories that match `lookup`: their current ones
    and their old ones (`article` may take back an old slug of its own)."""
    current = Article.objects.filter(**lookup)
    old = ArticleSlugHistory.objects.filter(**lookup)
    if article is not None and article.pk:
        current = current.exclude(pk=article.pk)
        old = old.exclude(article=article)
    return current.values_list("slug", flat=True), old.values_list("slug", flat=True)


def slug_taken(slug: str, *, article: Article | None = None) -> bool:
    """Whether another story is at `slug`, or was."""
    current, old = _others(article, slug=slug)
    return current.exists() or old.exists()


def slug_holder(slug: str, *, article: Article | None = None) -> Article | None:
    """The other story at `slug`, or the one that was (an old slug is one
    story's): whom the desk is told of when `slug` is taken."""
    current = Article.objects.filter(slug=slug)
    old = ArticleSlugHistory.objects.filter(slug=slug)
    if article is not None and article.pk:
        current = current.exclude(pk=article.pk)
        old = old.exclude(article=article)
    holder = current.first()
    if holder is None and (entry := old.select_related("article").first()):
        holder = entry.article
    return holder


def free_slug(slug: str, *, article: Article | None = None) -> str:
    """`slug` if no other story has or had it, else the first of `slug-2`,
    `slug-3`… that is free (cut to fit the field)."""
    if not slug_taken(slug, article=article):
        return slug
    current, old = _others(article, slug__startswith=slug[: SLUG_MAX - 8].rstrip("-"))
    taken = {*current, *old}
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = f"{slug[: SLUG_MAX - len(suffix)].rstrip('-')}{suffix}"
        if candidate not in taken:
            return candidate
        number += 1


def cut_at_word(slug: str, limit: int) -> str:
    """`slug` cut to `limit` at its last whole word ("…-pertemuan", never
    "…-pertemua"); a first word longer than `limit` is cut within it."""
    slug = slug.strip("-")
    if len(slug) <= limit:
        return slug
    if slug[limit] == "-":
        return slug[:limit].rstrip("-")
    words = slug[:limit].rpartition("-")[0].rstrip("-")
    return words or slug[:limit]


def _title_base(title: str) -> str:
    return cut_at_word(slug_of(title), TITLE_SLUG_MAX) or "wire-copy"


def title_slug(title: str, *, article: Article | None = None) -> str:
    """A free slug made from a title (an imported or pasted story's, or a
    story's whose slug follows its headline: `article`, which may keep its
    own)."""
    return free_slug(_title_base(title), article=article)


def slug_made_from(slug: str, title: str) -> bool:
    """Whether `slug` is the one `title` makes: title_slug's (or the one it
    made before it cut at a word: at TITLE_SLUG_MAX), or the one the admin
    fills in as the title is typed (cut at SLUG_MAX), with or without
    free_slug's "-2", "-3"… A slug written by hand is not."""
    made = slug_of(title)
    bases = {
        _title_base(title),
        made[:TITLE_SLUG_MAX].strip("-"),
        made[:SLUG_MAX].strip("-"),
    }
    if slug in bases:
        return True
    base, dash, number = slug.rpartition("-")
    if not (dash and number.isdecimal() and int(number) >= 2):
        return False
    cut = SLUG_MAX - len(dash + number)
    return any(base == made_base[:cut].rstrip("-") for made_base in bases)
