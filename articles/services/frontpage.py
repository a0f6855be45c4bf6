"""The desk's pins on the home page (articles.models.HomePin): one live pin
per place and edition, and a story in one place at a time.

    pin = home_pin(article=story, slot=HomePin.Slot.LEAD, until=None, user=editor)
    home_pin_until(pin=pin, until=tomorrow, user=editor)  # a live pin's end
    home_pin_end(pin=pin, user=editor)
    home_pins_end_for(article=story)  # the workflow's, when a story is pulled
    home_pin_ending(pin)  # when and why an ended pin ended (None: live)
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..frontpage import live_pins
from ..models import Article, ArticleTransition, HomePin
from ..permissions import can_publish


def home_pin_check(*, article: Article, until=None, now=None) -> None:
    """Raise ValidationError unless `article` may be pinned until `until`:
    a published story, an end still ahead (the admin's form asks first)."""
    now = now or timezone.now()
    errors = {}
    if not Article.objects.published(now).filter(pk=article.pk).exists():
        errors["article"] = _("Only a published story can be pinned to the home page.")
    if until is not None and until <= now:
        errors["until"] = _("The end of the pin must be ahead.")
    if errors:
        raise ValidationError(errors)


def home_pin(*, article: Article, slot: int, until=None, user) -> HomePin:
    """Pin `article` to `slot` of its edition's home page until `until`
    (None: until unpinned). The pin that held the slot in that edition, and
    the story's own pin elsewhere on that page, end as it is made (their
    `until` is its `created_at`: home_pins_replaced_by()). Editors only;
    the story must be published, `until` ahead."""
    if not can_publish(user):
        raise PermissionDenied(_("Only editors arrange the home page."))
    now = timezone.now()
    home_pin_check(article=article, until=until, now=now)
    pin = HomePin(article=article, slot=slot, until=until, created_by=user)
    pin.full_clean()
    with transaction.atomic():
        live = live_pins(article.language, now).select_for_update()
        replaced = list(live.filter(Q(slot=slot) | Q(article=article)).values("pk"))
        pin.save()
        HomePin.objects.filter(pk__in=[row["pk"] for row in replaced]).update(
            until=pin.created_at
        )
    return pin


def home_pin_end(*, pin: HomePin, user) -> HomePin:
    """End `pin` now (kept as a record of who pinned what, until when)."""
    if not can_publish(user):
        raise PermissionDenied(_("Only editors arrange the home page."))
    now = timezone.now()
    if pin.until is None or pin.until > now:
        pin.until = now
        pin.save(update_fields=["until"])
    return pin


def home_pin_until_check(*, pin: HomePin, until, now=None) -> None:
    """Raise ValidationError unless `pin`'s end may be moved to `until`: the
    pin still in force, and (a later end or none) no other live pin holding
    its place or its story. An ended pin stays ended: editing its end had
    put it back beside the pin that took its place; pinning the story again
    (home_pin()) ends whatever holds the place instead."""
    now = now or timezone.now()
    live = live_pins(now=now)
    if not live.filter(pk=pin.pk).exists():
        raise ValidationError(
            {
                "until": _(
                    "This pin has ended: its end can no longer be moved. To "
                    "put the story back on the home page, pin it again."
                )
            }
        )
    if until is not None and until <= now:
        return  # it ends now
    others = live.filter(article__language=pin.article.language).exclude(pk=pin.pk)
    if others.filter(Q(slot=pin.slot) | Q(article=pin.article_id)).exists():
        raise ValidationError(
            {
                "until": _(
                    "Another pin holds this place or this story: pin the "
                    "story again to put it here."
                )
            }
        )


def home_pin_until(*, pin: HomePin, until, user) -> HomePin:
    """Move the end of `pin`, still in force, to `until` (earlier or later;
    None: until unpinned; at or before now: it ends now). Raises
    ValidationError as home_pin_until_check() does. Editors only."""
    if not can_publish(user):
        raise PermissionDenied(_("Only editors arrange the home page."))
    with transaction.atomic():
        # Locked, and read again: a pin that took its place meanwhile has
        # ended it.
        locked = HomePin.objects.select_for_update().get(pk=pin.pk)
        if until != locked.until:
            now = timezone.now()
            home_pin_until_check(pin=locked, until=until, now=now)
            locked.until = max(until, now) if until is not None else None
            locked.save(update_fields=["until"])
    pin.until = locked.until
    return pin


def home_pins_end_for(*, article: Article) -> int:
    """End now every pin of `article` still in force: the workflow's, when a
    story is taken off the site. Its pin had only been hidden while the
    story was off, and came back with its place when the story was
    published again, days later, without the desk pinning it."""
    now = timezone.now()
    return (
        HomePin.objects.filter(article=article)
        .filter(Q(until__isnull=True) | Q(until__gt=now))
        .update(until=now)
    )


# How far apart the end of a pin and the event that ended it may be: a pin
# replaced before home_pin() ended it at the new pin's own time, a pin ended
# by the workflow a moment after the story's step.
ENDED_WITHIN = dt.timedelta(seconds=2)


def _same_place_or_story(pin: HomePin) -> Q:
    return Q(article__language=pin.article.language) & (
        Q(slot=pin.slot) | Q(article=pin.article_id)
    )


def home_pins_replaced_by(pin: HomePin):
    """The pins that home_pin() ended when it made `pin` (the one that held
    its place, the story's own elsewhere on the page)."""
    return (
        HomePin.objects.filter(_same_place_or_story(pin))
        .exclude(pk=pin.pk)
        .filter(until__lte=pin.created_at, until__gte=pin.created_at - ENDED_WITHIN)
        .select_related("article")
        .order_by("slot")
    )


@dataclass(frozen=True)
class PinEnding:
    """When and why a pin ended. `reason`: REPLACED (`by` the pin that took
    its place or its story), UNPUBLISHED (the story taken off the site), or
    EXPIRED (its end came: the one set, or an editor ended it)."""

    REPLACED = "replaced"
    UNPUBLISHED = "unpublished"
    EXPIRED = "expired"

    reason: str
    at: dt.datetime | None
    by: HomePin | None = None


def home_pin_ending(pin: HomePin, now=None) -> PinEnding | None:
    """How `pin` ended; None while it is in force (live_pins())."""
    now = now or timezone.now()
    if live_pins(now=now).filter(pk=pin.pk).exists():
        return None
    if pin.until is None or pin.until > now:
        # Its end not come: the story is off the site (taken off before
        # unpublishing ended its pins, or not yet out).
        return PinEnding(PinEnding.UNPUBLISHED, at=None)
    window = {"at__lte": pin.until, "at__gte": pin.until - ENDED_WITHIN}
    unpublished = ArticleTransition.objects.filter(
        article=pin.article_id, to_status=Article.Status.UNPUBLISHED, **window
    )
    if unpublished.exists():
        return PinEnding(PinEnding.UNPUBLISHED, at=pin.until)
    by = (
        HomePin.objects.filter(_same_place_or_story(pin), pk__gt=pin.pk)
        .filter(created_at__gte=pin.until, created_at__lte=pin.until + ENDED_WITHIN)
        .select_related("article")
        .order_by("created_at", "pk")
        .first()
    )
    if by is not None:
        return PinEnding(PinEnding.REPLACED, at=pin.until, by=by)
    return PinEnding(PinEnding.EXPIRED, at=pin.until)
