"""Writes with rules on agencies: saving one with its aliases, deleting some,
creating one from a text; proposals of new agencies and their decision;
saving a person or a meeting, merging a duplicate person into another. A
changed slug leaves its old address redirecting to the new one (FormerSlug).

Each checks permission, validates and runs in one transaction. What other
apps derive from an agency's names follows through the signals of
agencies/signals.py, sent here explicitly (this app imports no other app):
`agency_saved` after a save, `agencies_deleting` before a delete,
`person_merged` once a merge has moved a duplicate's stories.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from newsroom.cachetags import ARTICLES, REGISTRY, bump
from newsroom.history import combine_messages, history_message
from newsroom.text import slug_of

from .models import (
    Agency,
    AgencyAlias,
    AgencyProposal,
    AgencySlugHistory,
    FormerSlug,
    Meeting,
    MeetingAttendance,
    MeetingSession,
    MeetingSlugHistory,
    MergedPerson,
    Person,
    PersonSlugHistory,
)
from .signals import agencies_deleting, agency_saved, person_merged

PROPOSE = "agencies.add_agencyproposal"  # reporters and editors
DECIDE = "agencies.change_agencyproposal"  # editors


def agency_save(
    *,
    agency: Agency,
    user,
    aliases: Iterable[AgencyAlias] = (),
    removed_aliases: Iterable[AgencyAlias] = (),
) -> Agency:
    """Save an agency, new or changed, with changes to its aliases.

    `aliases` are new or changed aliases (they are given this agency),
    `removed_aliases` aliases of this agency to delete. Sends `agency_saved`
    once everything is written, so that the articles mentioning the agency
    are found by its names and aliases as they are now.
    """
    permission = "agencies.change_agency" if agency.pk else "agencies.add_agency"
    if not user.has_perm(permission):
        raise PermissionDenied(_("You may not change agencies."))
    with transaction.atomic():
        old_slug = _slug_before(agency)
        agency.full_clean()
        agency.save()
        _follow_slug(agency, old_slug, AgencySlugHistory)
        for alias in removed_aliases:
            if alias.pk is not None and alias.agency_id == agency.pk:
                alias.delete()
        for alias in aliases:
            alias.agency = agency
            alias.full_clean()
            alias.save()
        agency_saved.send(sender=Agency, agencies=[agency])
    return agency


def person_save(*, person: Person, user) -> Person:
    """Save a person, new or changed (the admin's save); a changed slug
    leaves the old address redirecting to the new one."""
    return _save_addressed(
        person, user, PersonSlugHistory, refused=_("You may not change people.")
    )


def free_person_slug(name: str, agency: Agency | None = None) -> str:
    """A slug for a new person called `name` that no person has now or had
    before (an old address keeps redirecting): the name's ("boy-rafli"),
    else with the agency's acronym ("boy-rafli-bnpt"), else numbered
    ("boy-rafli-2"). Two officials can share a name."""
    base = slug_of(name)[:68].strip("-") or "person"
    candidates = [base]
    if agency is not None and slug_of(agency.acronym):
        candidates.append(f"{base}-{slug_of(agency.acronym)}"[:76])
    taken = set(
        Person.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    ) | set(
        PersonSlugHistory.objects.filter(slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    free = [slug for slug in candidates if slug not in taken]
    number = 2
    while not free:
        if f"{base}-{number}" not in taken:
            free.append(f"{base}-{number}")
        number += 1
    return free[0]


MERGE = ("agencies.change_person", "agencies.delete_person")  # editors

# What the kept person takes from the duplicate where its own is empty.
MERGE_FILLS = ("position", "position_en", "agency", "portrait", "bio", "bio_en")


@dataclass
class PersonMergePlan:
    """What person_merge() would do, for the confirmation page: the
    duplicate's stories and meeting rows (with whether the kept person has
    them already, when the duplicate's row is dropped rather than moved),
    the old addresses that will lead to the kept person, and the kept
    person's empty fields that the duplicate's fill."""

    keep: Person
    duplicate: Person
    stories: list = field(default_factory=list)  # (article, named_already)
    attendances: list = field(default_factory=list)  # (row, kept_already)
    old_slugs: list[str] = field(default_factory=list)
    fills: list[str] = field(default_factory=list)  # the fields' names


def person_merge_plan(*, keep: Person, duplicate: Person) -> PersonMergePlan:
    """What merging `duplicate` into `keep` moves (read only)."""
    named = set(keep.articles.values_list("pk", flat=True))
    attended = set(keep.attendances.values_list("meeting_id", "role"))
    return PersonMergePlan(
        keep=keep,
        duplicate=duplicate,
        stories=[
            (article, article.pk in named)
            for article in duplicate.articles.only("title", "status", "published_at")
        ],
        attendances=[
            (row, (row.meeting_id, row.role) in attended)
            for row in duplicate.attendances.select_related("meeting").order_by(
                "-meeting__start", "pk"
            )
        ],
        old_slugs=[
            duplicate.slug,
            *duplicate.old_slugs.order_by("slug").values_list("slug", flat=True),
        ],
        fills=[
            str(Person._meta.get_field(name).verbose_name)
            for name in _merge_fills(keep, duplicate)
        ],
    )


def _merge_fills(keep: Person, duplicate: Person) -> list[str]:
    return [
        name
        for name in MERGE_FILLS
        if not _value(keep, name) and _value(duplicate, name)
    ]


def _value(person: Person, name: str):
    return getattr(person, person._meta.get_field(name).attname)


def person_merge(*, keep: Person, duplicate: Person, user) -> Person:
    """Merge `duplicate` into `keep` and delete it (editors: who may change
    and delete people). In one transaction: the stories naming the duplicate
    name `keep` instead and its meeting rows become `keep`'s (a story or a
    meeting role `keep` has already is not doubled); its slug and its old
    slugs become old addresses of `keep`, so its page and feeds redirect (301)
    there; `keep`'s empty fields take the duplicate's (MERGE_FILLS). Two
    revisions with the same comment record the duplicate as it was (to be
    recovered from the history's deleted people), then `keep`, the meetings
    and the stories that named the duplicate as they are now (through
    `person_merged`: each story's history tells of the merge). Pages showing
    either are made stale. The number of queries does not grow with the
    stories moved."""
    if not all(user.has_perm(permission) for permission in MERGE):
        raise PermissionDenied(_("You may not merge people."))
    if keep.pk == duplicate.pk:
        raise ValidationError(_("Choose another person to keep: not the same one."))
    with transaction.atomic():
        locked = Person.objects.select_for_update().in_bulk([keep.pk, duplicate.pk])
        if len(locked) != 2:
            raise ValidationError(_("One of the two people was deleted meanwhile."))
        keep, duplicate = locked[keep.pk], locked[duplicate.pk]
        comment = combine_messages(
            history_message(
                gettext_noop(
                    "Merged the duplicate “%(duplicate)s” (%(slug)s) into “%(keep)s”."
                ),
                duplicate=str(duplicate),
                slug=duplicate.slug,
                keep=str(keep),
            )
        )
        # The duplicate as it was, in a revision of its own: reversion saves
        # no version of an object gone by the end of its revision.
        with reversion.create_revision():
            reversion.add_to_revision(duplicate)
            reversion.set_user(user)
            reversion.set_comment(comment)
        with reversion.create_revision():
            _merge_rows(keep, duplicate)
            reversion.set_user(user)
            reversion.set_comment(comment)
    return keep


def _merge_rows(keep: Person, duplicate: Person) -> None:
    """person_merge's writes, in its transaction and revision."""
    mentions = Person.articles.through.objects
    article_ids = sorted(
        mentions.filter(person=duplicate).values_list("article_id", flat=True)
    )
    mentions.filter(
        person=duplicate,
        article__in=mentions.filter(person=keep).values("article"),
    ).delete()
    mentions.filter(person=duplicate).update(person=keep)

    rows = MeetingAttendance.objects.filter(person=duplicate)
    meeting_ids = set(rows.values_list("meeting_id", flat=True))
    rows.filter(
        models.Exists(
            MeetingAttendance.objects.filter(
                person=keep,
                meeting=models.OuterRef("meeting"),
                role=models.OuterRef("role"),
            )
        )
    ).delete()
    rows.update(person=keep)

    fills = _merge_fills(keep, duplicate)
    for name in fills:
        attname = Person._meta.get_field(name).attname
        setattr(keep, attname, getattr(duplicate, attname))
    PersonSlugHistory.objects.filter(owner=duplicate).update(owner=keep)
    # Old revisions naming the duplicate (a story's people) read and restore
    # as `keep`: so do those naming people merged into the duplicate before.
    MergedPerson.objects.filter(into=duplicate).update(into=keep)
    MergedPerson.objects.update_or_create(
        former_id=duplicate.pk, defaults={"name": duplicate.name, "into": keep}
    )
    slug = duplicate.slug
    duplicate.delete()
    PersonSlugHistory.objects.update_or_create(
        slug=slug, defaults={"owner": keep, "changed_at": timezone.now()}
    )
    keep.full_clean()
    keep.save(update_fields=[*fills, "updated_at"])  # its revision

    for meeting in Meeting.objects.filter(pk__in=meeting_ids):
        reversion.add_to_revision(meeting)  # with its people as now
    if article_ids:
        person_merged.send(sender=Person, keep=keep, article_ids=article_ids)
    bump(
        ARTICLES if article_ids else "",
        REGISTRY,
        *(f"agencies.meeting:{pk}" for pk in sorted(meeting_ids)),
    )


def meeting_save(*, meeting: Meeting, user) -> Meeting:
    """Save a meeting, new or changed, without its sessions and lists (the
    admin saves them next); a changed slug leaves the old address
    redirecting to the new one."""
    return _save_addressed(
        meeting, user, MeetingSlugHistory, refused=_("You may not change meetings.")
    )


def meeting_sessions_renumber(*, meeting: Meeting, user) -> list[MeetingSession]:
    """Number the meeting's sessions 1, 2, 3, … in their order (by number,
    then as added): the numbers the public agenda shows, so that the desk's
    boxes and warnings name a session as readers do. A session deleted, or
    numbered past the others, had left a gap (1, 2, 4, 5): the desk's
    "session 4" was the agenda's third. Saves the sessions whose number
    changes (in the revision being recorded, if any) and returns them."""
    may = ("agencies.change_meeting", "agencies.add_meeting")
    if not any(user.has_perm(permission) for permission in may):
        raise PermissionDenied(_("You may not change meetings."))
    renumbered = []
    with transaction.atomic():
        sessions = MeetingSession.objects.select_for_update().filter(meeting=meeting)
        for number, session in enumerate(sessions.order_by("order", "pk"), start=1):
            if session.order != number:
                session.order = number
                session.save(update_fields=["order"])
                renumbered.append(session)
    return renumbered


def _save_addressed(obj, user, history: type[FormerSlug], *, refused: str):
    """Save `obj`, a page of its own at its slug, if `user` may add or change
    it: checked, validated and saved with its old address kept (_follow_slug)."""
    opts = obj._meta
    action = "change" if obj.pk else "add"
    if not user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
        raise PermissionDenied(refused)
    with transaction.atomic():
        old_slug = _slug_before(obj)
        obj.full_clean()
        obj.save()
        _follow_slug(obj, old_slug, history)
    return obj


def _slug_before(obj: models.Model) -> str | None:
    """The slug `obj` has in the database (None for a new one)."""
    if obj.pk is None:
        return None
    saved = type(obj)._default_manager.filter(pk=obj.pk)
    return saved.values_list("slug", flat=True).first()


def _follow_slug(obj, old_slug: str | None, history: type[FormerSlug]) -> None:
    """After `obj` was saved: a slug it left is kept as an old address of
    it, and a slug it took is no one's old address any more (a live slug
    wins over an old one, its own or another's)."""
    if obj.slug == old_slug:
        return
    history.objects.filter(slug=obj.slug).delete()
    if old_slug:
        history.objects.update_or_create(
            slug=old_slug, defaults={"owner": obj, "changed_at": timezone.now()}
        )


def agency_delete(*, agencies: Iterable[Agency], user) -> int:
    """Delete agencies (one, or a selection from the admin's change list);
    returns how many were deleted.

    Sends `agencies_deleting` first and calls what its receivers returned
    after the delete, in the same transaction: the articles that mentioned
    the agencies are no longer found by their names.
    """
    if not user.has_perm("agencies.delete_agency"):
        raise PermissionDenied(_("You may not delete agencies."))
    # A revision of whatever the delete changes besides (the stories that
    # named them, articles/services/relink.py), by `user`.
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        agencies = list(agencies)
        if not agencies:
            return 0
        responses = agencies_deleting.send(sender=Agency, agencies=agencies)
        _total, by_model = Agency.objects.filter(
            pk__in=[agency.pk for agency in agencies]
        ).delete()
        for _receiver, after_delete in responses:
            if callable(after_delete):
                after_delete()
    return by_model.get(Agency._meta.label, 0)


def agency_propose(
    *,
    acronym: str,
    expansion: str = "",
    context: str = "",
    user,
    source_url="",
    article=None,
    country: str = "",
) -> AgencyProposal:
    """Propose a new agency found in a text (reporters and editors): its
    acronym, what the text says it stands for, where it was found (the
    story, when it is one, and the country its text tells, if it does). An
    undecided proposal of the same acronym and expansion is returned as it
    is, so that the same story imported twice proposes once."""
    if not user.has_perm(PROPOSE):
        raise PermissionDenied(_("You may not propose agencies."))
    acronym, expansion = acronym.strip(), " ".join(expansion.split())
    with transaction.atomic():
        same = AgencyProposal.objects.undecided().same_as(acronym, expansion).first()
        if same is not None:
            return same
        proposal = AgencyProposal(
            acronym=acronym,
            expansion=expansion,
            context=context.strip(),
            source_url=source_url,
            article=article,
            country=country,
            proposed_by=user,
        )
        proposal.full_clean()
        proposal.save()
    return proposal


def agency_create_from_text(
    *, acronym: str, expansion: str, country: str, kind: str, user, name_en: str = ""
) -> Agency:
    """Create an agency from an acronym and its expansion found in a text
    (editors only: those who may add agencies), with its English name if
    given. Saved by agency_save, so its checks run and its signal is sent;
    the name is the acronym when the text gives no expansion."""
    if not user.has_perm("agencies.add_agency"):
        raise PermissionDenied(_("Only editors may create agencies."))
    acronym, expansion = acronym.strip(), " ".join(expansion.split())
    agency = Agency(
        acronym=acronym,
        name=expansion or acronym,
        name_en=" ".join(name_en.split()),
        country=country,
        kind=kind,
        slug=free_agency_slug(acronym, country),
    )
    if reversion.is_active():  # the caller's revision keeps it, its words
        return agency_save(agency=agency, user=user)
    # With its first revision, as the admin's add form makes one: without
    # it an agency made from a text and then deleted could not be recovered.
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(combine_messages([{"added": {}}]))
        return agency_save(agency=agency, user=user)


def free_agency_slug(acronym: str, country: str) -> str:
    """A slug no agency has, made from the acronym and the country ("bin-my";
    "bin-my-2" when taken): one acronym can name agencies of two countries."""
    base = slug_of(f"{acronym}-{country}")[:72] or "agency"
    taken = set(
        Agency.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def agency_proposal_accept(
    *,
    proposal: AgencyProposal,
    user,
    country: str,
    kind: str = Agency.Kind.OTHER,
    name: str = "",
    name_en: str = "",
) -> AgencyProposal:
    """Accept a proposal (editors): create its agency (named `name`, else
    the proposal's expansion; in English `name_en`) through
    agency_create_from_text and record who decided, when, and the agency
    created. A proposal already decided is refused."""
    if not user.has_perm(DECIDE):
        raise PermissionDenied(_("Only editors may decide on proposed agencies."))
    with transaction.atomic():
        _refuse_decided(proposal)
        agency = agency_create_from_text(
            acronym=proposal.acronym,
            expansion=name or proposal.expansion,
            name_en=name_en,
            country=country,
            kind=kind,
            user=user,
        )
        _decide(proposal, AgencyProposal.Status.ACCEPTED, user, agency=agency)
    return proposal


def agency_proposal_dismiss(*, proposal: AgencyProposal, user) -> AgencyProposal:
    """Dismiss a proposal (editors): no agency is created. A proposal already
    decided is refused."""
    if not user.has_perm(DECIDE):
        raise PermissionDenied(_("Only editors may decide on proposed agencies."))
    with transaction.atomic():
        _refuse_decided(proposal)
        _decide(proposal, AgencyProposal.Status.DISMISSED, user)
    return proposal


def _refuse_decided(proposal: AgencyProposal) -> None:
    current = (
        AgencyProposal.objects.select_for_update()
        .filter(pk=proposal.pk)
        .values_list("status", flat=True)
        .first()
    )
    if current != AgencyProposal.Status.PROPOSED:
        raise ValidationError(
            _("“%(proposal)s” was already decided.") % {"proposal": proposal}
        )


def _decide(proposal: AgencyProposal, status, user, agency=None) -> None:
    proposal.status = status
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.agency = agency
    proposal.save(update_fields=["status", "decided_by", "decided_at", "agency"])
