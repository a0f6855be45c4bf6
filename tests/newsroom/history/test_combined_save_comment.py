"""The History entry of a save the edit lock combined (the refusal's
Combine) names what that editor changed, not what a colleague had saved
already: a delegation's role a colleague changed had been credited to the
editor who combined ("Changed role for …"), as the message was worked out
from the form as it was opened."""

import pytest
import reversion
from reversion.models import Version

from agencies.models import MeetingParticipant
from newsroom.history import revision_comment
from tests.newsroom.admin_forms import opened, saves

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Role = MeetingParticipant.Role


def row_prefix(data: dict, prefix: str, pk: int) -> str:
    return next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.startswith(prefix) and key.endswith("-id") and str(value) == str(pk)
    )


def versions(meeting):
    return list(Version.objects.get_for_object(meeting).order_by("pk"))


@pytest.fixture
def colleagues_saves(tabs, editor, jwg4):
    """Editor A changes a delegation's role, then editor B, who opened the
    meeting before that save, changes its summary: B's save is refused.
    (B's browser, B's form, the refusal, the delegation's row)."""
    a, b = tabs
    with reversion.create_revision():
        reversion.add_to_revision(jwg4)
        reversion.set_user(editor)
    delegation = jwg4.participants.exclude(role=Role.OBSERVER).first()
    sent_by_a, sent_by_b = opened(a, jwg4), opened(b, jwg4)
    row = row_prefix(sent_by_a, "participants-", delegation.pk)
    changed_role = {**sent_by_a, f"{row}-role": str(Role.OBSERVER)}
    assert saves(a, jwg4, changed_role).status_code == 302
    sent_by_b["summary"] = "Kedua delegasi sepakat memperluas kerja sama."
    refused = saves(b, jwg4, sent_by_b)
    assert refused.status_code == 200
    return b, sent_by_b, refused, delegation


def test_a_combined_save_names_only_what_its_editor_changed(jwg4, colleagues_saves):
    b, sent_by_b, refused, delegation = colleagues_saves
    theirs = refused.context["stale_save"].latest.pk

    combined = saves(b, jwg4, {**sent_by_b, "combine_revision": theirs})

    assert combined.status_code == 302
    delegation.refresh_from_db()
    jwg4.refresh_from_db()
    assert delegation.role == Role.OBSERVER  # A's change, kept
    assert jwg4.summary == "Kedua delegasi sepakat memperluas kerja sama."
    *_, colleagues, latest = versions(jwg4)
    said = revision_comment(latest.revision.comment)
    assert "Changed summary." in said
    assert "role" not in said.lower()
    # A's change is A's entry: the second of the meeting's three revisions.
    assert "Combined with revision 2." in said
    assert "Changed role" in revision_comment(colleagues.revision.comment)


def test_a_combined_save_still_names_a_row_its_editor_changed(jwg4, colleagues_saves):
    b, sent_by_b, refused, delegation = colleagues_saves
    theirs = refused.context["stale_save"].latest.pk
    other = jwg4.participants.exclude(pk=delegation.pk).first()
    row = row_prefix(sent_by_b, "participants-", other.pk)
    sent = {**sent_by_b, f"{row}-role": str(Role.OBSERVER), "combine_revision": theirs}

    assert saves(b, jwg4, sent).status_code == 302

    other.refresh_from_db()
    delegation.refresh_from_db()
    assert (other.role, delegation.role) == (Role.OBSERVER, Role.OBSERVER)
    said = revision_comment(versions(jwg4)[-1].revision.comment)
    assert f"Changed role for participating agency “{other}”." in said
    assert str(delegation) not in said
