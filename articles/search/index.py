"""The stored search vectors (PostgreSQL) and what keeps them current.

An article's search vector, which a query matches, is computed from its
texts (its body as a reader sees it: `articles.text.body_text()`, no
markup, no link's address), its tags and the names and aliases of the
agencies it mentions (see the package's docstring); its rank vector, which
orders the matches, from its headline and lead alone. The article services
call `update_search_vectors()` after every write of those; the agency
service announces its writes with the signals of `agencies.signals`, which
`ArticlesConfig.ready()` connects to the two receivers below.
"""

import operator
from collections.abc import Callable, Iterable
from functools import partial, reduce

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchVector
from django.db import connections, router
from django.db.models import (
    Case,
    F,
    Func,
    JSONField,
    OuterRef,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from taggit.models import TaggedItem

from agencies.models import Agency, AgencyAlias

from ..models import Article
from ..text import body_text

# Every text is read twice: stemmed in its article's language (English
# stories with English word forms, the others Indonesian), and words as
# written (names, acronyms, phrases in the other language). A query is read
# in all three, as a reader of either edition may search either language.
# The configurations are the newsroom's own (migration 0028): PostgreSQL's
# indonesian, english and simple, each taking the accents off a word before
# reading it ("Año" is "ano"), so that a word is found with or without them.
STEMMED = {"en": "newsroom_english"}
DEFAULT_STEMMED = "newsroom_indonesian"
AS_WRITTEN = "newsroom_simple"
CONFIGS = (DEFAULT_STEMMED, *STEMMED.values(), AS_WRITTEN)
# PostgreSQL's parser reads a hyphen or a slash between two words as part of
# a word ("ke-4" is "ke" and the number "-4", "Indonesia/Filipina" one file
# name), where a reader's query reads the words apart (newsroom.search_terms:
# the word "Indonesia-Filipina" is the phrase "Indonesia Filipina"). So the
# texts are read with each such one in a stand-in, a control character the
# parser reads as a space in any locale: one for one, so that a headline cut
# from such a text reads as the text once they are put back (snippets.py).
# Those not between two word characters are left as they are: an HTML tag's
# ("</b>"), an address's ("https://"), a list's ("- item").
JOINER_STAND_INS = {"-": "\x01", "/": "\x02"}
# Articles whose vectors one UPDATE recomputes: their bodies' texts (made in
# Python, body_text()) travel with it, some megabytes at most.
VECTOR_BATCH = 200


def stemmed_config():
    """The article's own language's text search configuration (a column
    expression, so one UPDATE serves articles in both languages)."""
    return Case(
        *[When(language=code, then=Value(config)) for code, config in STEMMED.items()],
        default=Value(DEFAULT_STEMMED),
    )


def words_apart(text):
    """A text expression with the hyphens and slashes between two word
    characters in their stand-ins (JOINER_STAND_INS), for PostgreSQL's
    parser to read as spaces."""
    for joiner, stand_in in JOINER_STAND_INS.items():
        text = Func(
            text,
            Value(rf"(\w){joiner}(?=\w)"),
            Value(rf"\1{stand_in}"),
            Value("g"),
            function="regexp_replace",
            output_field=TextField(),
        )
    return text


def stores_vectors() -> bool:
    """Whether the articles' database keeps search vectors (PostgreSQL)."""
    return connections[router.db_for_write(Article)].vendor == "postgresql"


def update_search_vectors(article_ids: Iterable[int]) -> int:
    """Recompute the search and rank vectors of these articles from their
    current texts, tags and agencies; returns how many rows were updated.

    Only PostgreSQL stores vectors: elsewhere this does nothing and returns 0.
    `article_ids` may be a list or a queryset of primary keys.
    """
    if not stores_vectors():
        return 0
    articles = Article.objects.using(router.db_for_write(Article))
    if isinstance(article_ids, QuerySet):
        article_ids = article_ids.values_list("pk", flat=True)
    ids = sorted(set(article_ids))
    updated = 0
    for start in range(0, len(ids), VECTOR_BATCH):
        batch = articles.filter(pk__in=ids[start : start + VECTOR_BATCH])
        texts = {
            str(pk): body_text(body) for pk, body in batch.values_list("pk", "body")
        }
        updated += batch.update(
            search_vector=_vector(_searched_texts(texts)),
            rank_vector=_vector(_headline_and_lead()),
        )
    return updated


def _headline_and_lead() -> dict[str, list]:
    """The texts a match is ranked by, by weight: the title (A) and the
    summary (B)."""
    return {"A": [F("title")], "B": [F("dek")]}


def _searched_texts(body_texts: dict[str, str]) -> dict[str, list]:
    """The texts a query is matched against, by weight: the headline and
    lead, with the tags and the agencies' names and aliases beside the
    lead (B), and the body's text (C), each article's in `body_texts` by
    its id (as a string)."""
    agencies = Agency.objects.filter(articles=OuterRef("pk")).annotate(
        names=Concat(
            "acronym",
            Value(" "),
            "name",
            Value(" "),
            "name_en",
            output_field=TextField(),
        )
    )
    aliases = AgencyAlias.objects.filter(agency__articles=OuterRef("pk"))
    tags = TaggedItem.objects.filter(article=OuterRef("pk"))
    texts = _headline_and_lead()
    texts["B"] += [
        _joined(tags.values("tag__name")),
        _joined(agencies.values("names")),
        _joined(aliases.values("name")),
    ]
    texts["C"] = [
        Func(
            Value(body_texts, output_field=JSONField()),
            Cast("pk", TextField()),
            function="jsonb_extract_path_text",
            output_field=TextField(),
        )
    ]
    return texts


def _vector(texts_by_weight: dict[str, list]):
    """One vector of these texts, each read in its article's language and as
    written, with its weight, their words apart at hyphens and slashes."""
    return reduce(
        operator.add,
        [
            SearchVector(*map(words_apart, texts), config=config, weight=weight)
            for weight, texts in texts_by_weight.items()
            for config in (stemmed_config(), AS_WRITTEN)
        ],
    )


def _joined(values_queryset):
    """The values of a one-column subquery as one space-separated text."""
    return Func(
        ArraySubquery(values_queryset),
        Value(" "),
        function="array_to_string",
        output_field=TextField(),
    )


# The agencies' writes (agencies.signals), connected in ArticlesConfig.ready().


def refresh_articles_mentioning(sender, *, agencies, **kwargs) -> None:
    """`agency_names_changed`: the articles that mention these agencies are
    found by their new acronyms, names and aliases, no longer by the old."""
    update_search_vectors(Article.objects.filter(agencies__in=agencies).values("pk"))


def collect_articles_mentioning(
    sender, *, agencies, **kwargs
) -> Callable[[], int] | None:
    """`agencies_deleting`: note the articles that mention these agencies
    before they go, and return what refreshes those articles once they have
    gone (the agency service calls it after the delete)."""
    if not stores_vectors():
        return None
    mentioning = set(
        Article.objects.filter(agencies__in=agencies).values_list("pk", flat=True)
    )
    return partial(update_search_vectors, mentioning)
