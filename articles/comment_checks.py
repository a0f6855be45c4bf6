"""The checks every new comment passes, each one recorded as a reason.

A check either rejects (blocked sender, banned word, duplicate) or queues the
comment for a moderator (timing, links, suspect words). A check that fails or
takes too long queues the comment with "check unavailable"; it never rejects.
"""

import ipaddress
import logging
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

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


@dataclass(frozen=True)
class Submission:
    """What a check may look at."""

    text: str
    email: str
    ip: str | None
    network: str
    rendered_at: datetime | None
    now: datetime


@dataclass
class Findings:
    reasons: list[tuple[str, str]] = field(default_factory=list)

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


def whole_word_matches(text: str, words: list[str]) -> list[str]:
    """The words (or phrases) found in text as whole words, case and accents aside."""
    haystack = normalise(text)
    found = []
    for word in words:
        needle = normalise(word.strip())
        if needle and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack):
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


def check_duplicate(sub: Submission, findings: Findings) -> None:
    since = sub.now - timedelta(seconds=settings.COMMENTS_DUPLICATE_SECONDS)
    same = (
        Comment.objects.from_sender(email=sub.email, network=sub.network)
        .filter(text=sub.text, created_at__gte=since)
        .exists()
    )
    if same:
        findings.add(Code.DUPLICATE)


def check_timing(sub: Submission, findings: Findings) -> None:
    if sub.rendered_at is None:
        findings.add(Code.FORM_EXPIRED, "missing or altered form timestamp")
        return
    age = (sub.now - sub.rendered_at).total_seconds()
    if age < settings.COMMENTS_MIN_FORM_SECONDS:
        findings.add(Code.TOO_FAST, f"{age:.1f} s")
    elif age > settings.COMMENTS_MAX_FORM_SECONDS:
        findings.add(Code.FORM_EXPIRED, f"{age / 60:.0f} min")


def check_links(sub: Submission, findings: Findings) -> None:
    links = len(URL.findall(sub.text))
    if links > settings.COMMENTS_MAX_LINKS:
        findings.add(Code.LINKS, str(links))


CHECKS: list[Callable[[Submission, Findings], None]] = [
    check_blocked,
    check_words,
    check_duplicate,
    check_timing,
    check_links,
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
    return findings
