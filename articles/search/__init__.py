"""Finding articles: the reader's search, on PostgreSQL and elsewhere.

- `query.py`: which published articles match a query and its filters, best
  first (`find_articles()`);
- `index.py`: the stored search vectors (PostgreSQL) and what keeps them
  current;
- `snippets.py`: the passages shown under each result, matched words marked.

On PostgreSQL every article stores a search vector (`Article.search_vector`,
GIN-indexed) made of its title (weight A); its summary, tags and the acronyms,
names and aliases of the agencies it mentions (B); and its body (C). Each text
is read twice: with the `newsroom_indonesian` configuration (English stories:
`newsroom_english`), which stems ("pencegahan" and "mencegah" both become
"cegah"), and with `newsroom_simple`, which keeps every word as written
(names, acronyms, English phrases). A query is read the same ways and an
article matches either reading. The three are PostgreSQL's indonesian,
english and simple with the `unaccent` extension's dictionary first
(migration 0028): a word is read without its accents, so that "Ano" finds
"Año" and "Año" finds "Ano". Hyphens and slashes are read as spaces
("Indonesia-Filipina", "ke-4": two words each), in the texts as in the query,
where such a word is the phrase of its parts. Matches are ranked by a second,
small vector of the title (A) and summary (B) alone (`Article.rank_vector`,
stored in the row), then newest first: a story naming the words in its
headline or lead comes before one that mentions them only in its body, tags
or agencies, and ranking the newest 1,000 matches never reads the large
vectors. The query is first read into
terms as on SQLite (`newsroom.search_terms.Terms`: "quoted phrase",
-excluded, or; at most `MAX_TERMS`, operator-only tokens dropped) and handed
to PostgreSQL in web-search syntax with every term quoted, so that no
reader's text can build a query PostgreSQL cannot evaluate.

The vectors are derived data, kept current by the writes themselves: the
article services (`article_save()` with the tags, agencies and people,
restore, recover, the workflow steps) refresh the article's vector, and the
agency service's signals (`agencies.signals`) make `index.py` refresh the
articles that mention an agency renamed, given or stripped of an alias, or
deleted. `manage.py update_search_index` rebuilds them all.

Elsewhere (SQLite, the embedded default) the search is simpler: each word must
begin a word of the title, summary, body, tags or agency names (words of three
letters or fewer, such as most acronyms, must match whole), its Latin and Greek
letters with or without accents; "quoted phrases", hyphenated words,
-excluded words and "or" work as on PostgreSQL. Title matches rank first, then
summary matches, then the newest.
"""
