"""The checks every new comment passes, each one recorded as a reason, and the
signed stamp of the form it was sent from.

A check either rejects (blocked sender, banned word, the same text sent twice
by the same sender) or queues the comment for a moderator (timing, a reused
form, links, suspect words, the same words from the same email or network, a wave of
the same words from several networks).
A check that fails or takes too long queues the comment with "check
unavailable"; it never rejects.
"""

import datetime as dt
import hashlib
import ipaddress
import logging
import re
import secrets
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Ban, Comment, CommentReason, ModerationWord

logger = logging.getLogger(__name__)

Code = CommentReason.Code
REJECTING = {
    Code.BLOCKED_EMAIL,
    Code.BLOCKED_DOMAIN,
    Code.BLOCKED_IP,
    Code.BANNED_WORD,
    Code.DUPLICATE,
}
URL = re.compile(r"https?://", re.IGNORECASE)

# The signed stamp in every comment form: when it was shown, and a one-time
# number, so that one stamp serves one comment (a bot must fetch a form and
# wait for each post).
RENDERED_AT_SALT = "comments.form"


@dataclass(frozen=True)
class FormStamp:
    shown_at: datetime
    nonce: str


def sign_rendered_at(when: datetime | None = None) -> str:
    """A signed stamp of when a comment form was shown (now, by default)."""
    shown = (when or timezone.now()).timestamp()
    return signing.dumps([shown, secrets.token_urlsafe(12)], salt=RENDERED_AT_SALT)


def read_form_stamp(value: str | None) -> FormStamp | None:
    """The form's stamp, or None when it is missing, forged or of an old kind."""
    if not value:
        return None
    try:
        shown, nonce = signing.loads(value, salt=RENDERED_AT_SALT)
        return FormStamp(dt.datetime.fromtimestamp(float(shown), tz=dt.UTC), nonce)
    except (signing.BadSignature, TypeError, ValueError, OverflowError):
        return None


def read_rendered_at(value: str | None) -> datetime | None:
    """When the form was shown, or None when the stamp is missing or forged."""
    stamp = read_form_stamp(value)
    return stamp.shown_at if stamp else None


@dataclass(frozen=True)
class Submission:
    """What a check may look at. `form_first_use` is False when the form's
    stamp has already served a comment, None when that could not be asked."""

    text: str
    email: str
    ip: str | None
    network: str
    form: FormStamp | None
    now: datetime
    form_first_use: bool | None = None
    shape: str = ""  # text_shape(text)


@dataclass
class Findings:
    reasons: list[tuple[str, str]] = field(default_factory=list)
    # The earlier comments of the wave this comment makes (check_wave), by
    # id: posted before the wave was seen, they are held with it.
    wave: list[int] = field(default_factory=list)

    def add(self, code: str, detail: str = "") -> None:
        self.reasons.append((code, detail[:255]))

    @property
    def rejected(self) -> bool:
        return any(code in REJECTING for code, _ in self.reasons)

    @property
    def held(self) -> bool:
        return bool(self.reasons) and not self.rejected


def normalise(text: str) -> str:
    """Lower case, accents removed: "Café" and "CAFE" read alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# What may stand between the words of a phrase: any run of spaces, hyphens
# and other punctuation reads as one break ("obat  kuat", "obat-kuat").
WORD_BREAK = r"[\W_]+"


def word_pattern(word: str) -> re.Pattern | None:
    """The pattern that finds `word` (or a phrase) as whole words in a
    normalised text, with any break between its words; None for a blank one."""
    needle = normalise(word.strip())
    if not needle:
        return None
    # Words and the runs of other characters between them; those before the
    # first word or after the last ("c++") are matched as they are.
    pieces = re.split(f"({WORD_BREAK})", needle)  # word, break, word, …
    body = "".join(
        WORD_BREAK if n % 2 and pieces[n - 1] and pieces[n + 1] else re.escape(piece)
        for n, piece in enumerate(pieces)
    )
    return re.compile(rf"(?<!\w){body}(?!\w)")


def whole_word_matches(text: str, words: list[str]) -> list[str]:
    """The words (or phrases) found in text as whole words, case and accents
    aside, and however many spaces, hyphens or punctuation marks part them."""
    haystack = normalise(text)
    found = []
    for word in words:
        pattern = word_pattern(word)
        if pattern is not None and pattern.search(haystack):
            found.append(word)
    return found


def check_blocked(sub: Submission, findings: Findings) -> None:
    email = sub.email.lower()
    domain = email.rpartition("@")[2]
    # Only the bans that could match this sender: the list grows with spam.
    labels = domain.split(".")
    domains = [".".join(labels[i:]) for i in range(len(labels))] if domain else []
    candidates = Q(kind=Ban.Kind.EMAIL, value=email) | Q(
        kind=Ban.Kind.DOMAIN, value__in=domains
    )
    if sub.ip:
        candidates |= Q(kind=Ban.Kind.IP)
    bans = list(
        Ban.objects.active(sub.now).filter(candidates).values_list("kind", "value")
    )
    address = ipaddress.ip_address(sub.ip) if sub.ip else None
    for kind, value in bans:
        if kind == Ban.Kind.EMAIL and email and email == value:
            findings.add(Code.BLOCKED_EMAIL, value)
        elif (
            kind == Ban.Kind.DOMAIN
            and domain
            and (domain == value or domain.endswith("." + value))
        ):
            findings.add(Code.BLOCKED_DOMAIN, value)
        elif kind == Ban.Kind.IP and address is not None:
            if address in ipaddress.ip_network(value, strict=False):
                findings.add(Code.BLOCKED_IP, value)


def check_words(sub: Submission, findings: Findings) -> None:
    lists: dict[str, list[str]] = {kind: [] for kind in ModerationWord.Kind}
    for word, kind in ModerationWord.objects.values_list("word", "kind"):
        lists.setdefault(kind, []).append(word)
    banned = whole_word_matches(sub.text, lists[ModerationWord.Kind.BANNED])
    if banned:
        findings.add(Code.BANNED_WORD, ", ".join(banned))
    suspect = whole_word_matches(sub.text, lists[ModerationWord.Kind.SUSPECT])
    if suspect:
        findings.add(Code.SUSPECT_WORD, ", ".join(suspect))


def comparable(text: str) -> str:
    """A text's words, for spotting the same message typed again: case,
    accents, punctuation and spacing aside."""
    return " ".join(re.findall(r"\w+", normalise(text)))


SIMILAR_LOOKBACK = 200  # recent comments from one email or network compared


def check_duplicate(sub: Submission, findings: Findings) -> None:
    """The same text from the same sender (email and network) as a comment
    of theirs published or waiting is rejected; the
    same words from the same email or network are held. Carrier NAT puts many
    readers on one network, and "Setuju dengan artikel ini." is common."""
    since = sub.now - timedelta(seconds=settings.COMMENTS_DUPLICATE_SECONDS)
    recent = Comment.objects.filter(created_at__gte=since)
    # Accepted copies only (published or waiting, as copies_of reads them): a
    # copy refused as a duplicate had started the window again, and a reader
    # retrying was refused for good, a rejected row each time (a tester's).
    if Comment.objects.copies_of(
        text=sub.text, email=sub.email, network=sub.network, since=since
    ).exists():
        findings.add(Code.DUPLICATE)
        return
    words = comparable(sub.text)
    if not words:
        return
    texts = (
        recent.from_sender(email=sub.email, network=sub.network)
        .latest_first()
        .values_list("text", flat=True)[:SIMILAR_LOOKBACK]
    )
    if any(comparable(text) == words for text in texts):
        findings.add(Code.SIMILAR)


def check_timing(sub: Submission, findings: Findings) -> None:
    if sub.form is None:
        findings.add(Code.FORM_EXPIRED, "missing or altered form timestamp")
        return
    if sub.form_first_use is False:
        findings.add(Code.FORM_REUSED)
    age = (sub.now - sub.form.shown_at).total_seconds()
    if age < settings.COMMENTS_MIN_FORM_SECONDS:
        findings.add(Code.TOO_FAST, f"{age:.1f} s")
    elif age > settings.COMMENTS_MAX_FORM_SECONDS:
        findings.add(Code.FORM_EXPIRED, f"{age / 60:.0f} min")


def check_links(sub: Submission, findings: Findings) -> None:
    links = len(URL.findall(sub.text))
    if links > settings.COMMENTS_MAX_LINKS:
        findings.add(Code.LINKS, str(links))


# A wave: near-identical comments (one text shape) from many senders, each
# with a link of its own (a spam run through many networks and addresses).
# At least WAVE_SIZE of them, from WAVE_NETWORKS networks, within
# WAVE_SECONDS; a text of fewer than WAVE_MIN_WORDS words ("Setuju!") has no
# shape and is never one.
WAVE_SIZE = 5
WAVE_NETWORKS = 3
WAVE_SECONDS = 30 * 60
WAVE_MIN_WORDS = 4
WAVE_LOOKBACK = 200  # earlier comments of the shape read, latest first
LINK = re.compile(r"(?:https?://|www\.)\S*", re.IGNORECASE)
LETTERS = re.compile(r"[^\W\d_]+")  # a word without its digits


def text_shape(text: str) -> str:
    """A digest of a text's shape: its words without links, numbers and
    punctuation, case and accents aside; "" when it has fewer than
    WAVE_MIN_WORDS words. "Beli obat murah di https://spam1.example/ #1" and
    "… https://spam2.example/ #2" have one shape."""
    words = LETTERS.findall(normalise(LINK.sub(" ", text)))
    if len(words) < WAVE_MIN_WORDS:
        return ""
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def is_wave(networks: list[str]) -> bool:
    """Whether comments of one shape sent from these networks (one entry
    a comment) are a wave."""
    return len(networks) >= WAVE_SIZE and len(set(networks)) >= WAVE_NETWORKS


def check_wave(sub: Submission, findings: Findings) -> None:
    """Held when this comment makes, or joins, a wave: WAVE_SIZE comments of
    its shape, itself included, from WAVE_NETWORKS networks within
    WAVE_SECONDS. When it makes one (the earlier comments were none),
    `findings.wave` names those earlier comments (WAVE_LOOKBACK at most),
    for the service to hold them too. One indexed query (comment_shape_idx)."""
    if not sub.shape:
        return
    since = sub.now - timedelta(seconds=WAVE_SECONDS)
    earlier = list(
        Comment.objects.shaped_like(sub.shape, since).values_list("pk", "ip_network")[
            :WAVE_LOOKBACK
        ]
    )
    networks = [network for _pk, network in earlier]
    if not is_wave([*networks, sub.network]):
        return
    findings.add(Code.WAVE)
    if not is_wave(networks):
        # Joining a wave, a comment finds the earlier ones held already: the
        # comment that made it held them.
        findings.wave = [pk for pk, _network in earlier]


CHECKS: list[Callable[[Submission, Findings], None]] = [
    check_blocked,
    check_words,
    check_duplicate,
    check_timing,
    check_links,
    check_wave,
]


def run_checks(sub: Submission, checks=None) -> Findings:
    """Run every check; one that fails or is too slow holds the comment."""
    findings = Findings()
    for check in checks or CHECKS:
        started = time.monotonic()
        own = Findings()
        try:
            with transaction.atomic():  # a failing query must not spoil the rest
                check(sub, own)
        except Exception:
            logger.exception("comment check %s failed", check.__name__)
            findings.add(Code.CHECK_UNAVAILABLE, check.__name__)
            continue
        if time.monotonic() - started > settings.COMMENTS_CHECK_TIMEOUT_SECONDS:
            findings.add(Code.CHECK_UNAVAILABLE, f"{check.__name__} timed out")
            # What a slow check found may only hold the comment, never reject it.
            own.reasons = [(c, d) for c, d in own.reasons if c not in REJECTING]
        findings.reasons += own.reasons
        findings.wave += own.wave
    return findings
