"""How alike two wire copies are, from a small sketch of each: a corrected
re-send ("Kamis (24/3)" become "Kamis (24/3/2022)", a name spelled right, a
paragraph added) is nearly the same copy as the story made from the first.

A copy's text is cut into shingles (every run of SHINGLE_WORDS words, in
lower case, punctuation left out) and each shingle hashed to a signed 64-bit
number; the sketch is the SKETCH_SIZE smallest of those numbers (a
"bottom-k" MinHash sketch). Two sketches estimate the Jaccard resemblance of
the copies' shingles (resemblance()); a copy with fewer shingles than
SKETCH_SIZE keeps them all, and is compared exactly. A few characters
changed in a 300-word copy change about SHINGLE_WORDS of its ~300 shingles:
its resemblance stays above 0.95.

The sketches are kept with the copies' fingerprints (models.CopyShingle,
written by services.copy_fingerprint_keep) and looked up by their values
through an index, so that finding the copies like a new one reads a bounded
number of rows, not every story (services.stories_resembling).
"""

import hashlib
import heapq
import re

from django.utils.translation import gettext_noop

SHINGLE_WORDS = 4
SKETCH_SIZE = 32
# Copy at least this alike (estimated) is "nearly the same": a re-send with a
# few words changed is well above it; two stories that only share an agency's
# boilerplate paragraph or a quote are well below.
SIMILAR_AT = 0.6

WORD = re.compile(r"\w+")

# What the import's report and the draft's history say of each story holding
# nearly the same copy (services.stories_resembling()).
SIMILAR_COPY = gettext_noop(
    "Nearly the same copy (about %(percent)s%% alike) is already in "
    "“%(title)s” (%(state)s, story %(id)s): if this is a corrected re-send, "
    "update that story instead, and delete this draft."
)


def shingle_hashes(text: str) -> set[int]:
    """The hashes of the text's runs of SHINGLE_WORDS words (all of its words
    when it has fewer)."""
    words = WORD.findall(text.casefold())
    if not words:
        return set()
    runs = max(1, len(words) - SHINGLE_WORDS + 1)
    return {_hash(" ".join(words[i : i + SHINGLE_WORDS])) for i in range(runs)}


def copy_sketch(text: str) -> list[int]:
    """The text's sketch: its SKETCH_SIZE smallest shingle hashes, sorted
    (fewer for a short text; none for a text without words)."""
    return heapq.nsmallest(SKETCH_SIZE, shingle_hashes(text))


def resemblance(first: list[int], second: list[int]) -> float:
    """The estimated Jaccard resemblance (0 to 1) of the copies whose
    sketches these are: of the smallest SKETCH_SIZE hashes of both, the
    share that both copies hold."""
    a, b = set(first), set(second)
    smallest = heapq.nsmallest(SKETCH_SIZE, a | b)
    if not smallest:
        return 0.0
    return sum(1 for value in smallest if value in a and value in b) / len(smallest)


def alike_percent(resemblance: float) -> int:
    """The resemblance as the report says it, in whole percent: at most 99,
    since copy that is not the same text (the same is a duplicate) is never
    "100% alike", however close the sketches' estimate."""
    return min(99, int(resemblance * 100))


def least_shared(sketch: list[int]) -> int:
    """How many of its values a sketch must share with another for the two
    to be worth comparing: half of what copies SIMILAR_AT alike share, so
    that none nearly the same is missed."""
    return max(1, int(len(sketch) * SIMILAR_AT / 2))


def _hash(shingle: str) -> int:
    digest = hashlib.blake2b(shingle.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
