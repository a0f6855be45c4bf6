"""Who may edit which author profile in the admin: editors every profile,
other staff only their own (checked on the server, not just hidden)."""

import pytest

from articles.models import AuthorProfile

pytestmark = pytest.mark.django_db

LIST = "/admin/articles/authorprofile/"


def profile_of(user, name: str, slug: str) -> AuthorProfile:
    return AuthorProfile.objects.create(
        user=user, name=name, slug=slug, role="Wartawan", role_en="Reporter"
    )


def change_url(profile) -> str:
    return f"{LIST}{profile.pk}/change/"


def form_data(profile, **changes) -> dict:
    data = {
        "user": profile.user_id,
        "name": profile.name,
        "slug": profile.slug,
        "is_public": "on",
        "role": profile.role,
        "role_en": profile.role_en,
        "bio": profile.bio,
        "bio_en": profile.bio_en,
        "photo": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def profiles(reporter, staff_in):
    other = staff_in("Reporter", "other-reporter")
    return {
        "own": profile_of(reporter, "Rina Reporter", "rina"),
        "other": profile_of(other, "Oki Other", "oki"),
    }


def test_an_editor_edits_anyones_profile(client, desk_editor, profiles):
    client.force_login(desk_editor)
    profile = profiles["other"]

    page = client.get(change_url(profile))
    response = client.post(
        change_url(profile),
        form_data(profile, role="Redaktur", bio_en="Covers the border."),
    )

    assert page.status_code == 200
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.role == "Redaktur"
    assert profile.bio_en == "Covers the border."


def test_an_editor_lists_and_adds_profiles(client, desk_editor, profiles, staff_in):
    client.force_login(desk_editor)
    newcomer = staff_in("Reporter", "newcomer")

    listing = client.get(LIST).content.decode()
    response = client.post(
        f"{LIST}add/",
        {
            "user": newcomer.pk,
            "name": "Nia Newcomer",
            "slug": "nia",
            "is_public": "on",
            "role": "Wartawan",
        },
    )

    assert "Rina Reporter" in listing and "Oki Other" in listing
    assert response.status_code == 302
    assert AuthorProfile.objects.get(slug="nia").user == newcomer


def test_a_reporter_edits_their_own_profile_but_not_its_owner_or_address(
    client, reporter, profiles
):
    client.force_login(reporter)
    profile = profiles["own"]

    page = client.get(change_url(profile))
    response = client.post(
        change_url(profile),
        form_data(
            profile,
            role="Wartawan senior",
            role_en="Senior reporter",
            slug="taken-over",
            user=profiles["other"].user_id,
            is_public="",
        ),
    )

    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="role"' in html and 'name="role_en"' in html
    assert 'name="slug"' not in html
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.role, profile.role_en) == ("Wartawan senior", "Senior reporter")
    assert (profile.slug, profile.user_id, profile.is_public) == (
        "rina",
        reporter.pk,
        True,
    )


def test_a_reporter_sees_only_their_own_profile_in_the_list(client, reporter, profiles):
    client.force_login(reporter)

    listing = client.get(LIST).content.decode()

    assert "Rina Reporter" in listing
    assert "Oki Other" not in listing


def test_a_reporter_cannot_open_or_change_another_profile(client, reporter, profiles):
    client.force_login(reporter)
    profile = profiles["other"]

    page = client.get(change_url(profile))
    response = client.post(change_url(profile), form_data(profile, role="Diubah"))

    assert page.status_code in (302, 403, 404)
    assert response.status_code in (302, 403, 404)
    profile.refresh_from_db()
    assert profile.role == "Wartawan"


def test_a_reporter_cannot_add_or_delete_profiles(client, reporter, profiles):
    client.force_login(reporter)
    own = profiles["own"]

    added = client.post(f"{LIST}add/", {"user": reporter.pk, "name": "X", "slug": "x"})
    deleted = client.post(f"{LIST}{own.pk}/delete/", {"post": "yes"})

    assert added.status_code == 403
    assert deleted.status_code == 403
    assert AuthorProfile.objects.filter(pk=own.pk).exists()
    assert not AuthorProfile.objects.filter(slug="x").exists()


def test_the_photo_is_chosen_from_the_media_library(client, desk_editor, profiles):
    client.force_login(desk_editor)

    html = client.get(change_url(profiles["own"])).content.decode()

    assert "media-image-chooser" in html
