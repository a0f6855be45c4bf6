"""Who may edit which author profile in the admin: editors every profile,
other staff only their own (checked on the server, not just hidden)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.models import AuthorProfile
from articles.services.authors import author_profile_save

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


def test_a_reporter_edits_their_own_profile_but_not_its_owner_address_or_role(
    client, reporter, profiles
):
    client.force_login(reporter)
    profile = profiles["own"]

    page = client.get(change_url(profile))
    response = client.post(
        change_url(profile),
        form_data(
            profile,
            bio="Meliput perbatasan.",
            role="Pemimpin Redaksi",
            role_en="Editor-in-chief",
            slug="taken-over",
            user=profiles["other"].user_id,
            is_public="",
        ),
    )

    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="bio"' in html
    assert 'name="role"' not in html and 'name="role_en"' not in html
    assert 'name="slug"' not in html
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.bio == "Meliput perbatasan."
    assert (profile.role, profile.role_en) == ("Wartawan", "Reporter")
    assert (profile.slug, profile.user_id, profile.is_public) == (
        "rina",
        reporter.pk,
        True,
    )


def test_the_save_refuses_a_role_from_anyone_but_an_editor(reporter, profiles):
    profile = profiles["own"]
    profile.role = "Pemimpin Redaksi"

    with pytest.raises(PermissionDenied):
        author_profile_save(profile=profile, user=reporter)

    profile.refresh_from_db()
    assert profile.role == "Wartawan"
    profile.bio = "Meliput perbatasan."
    author_profile_save(profile=profile, user=reporter)  # the rest is theirs


@pytest.mark.parametrize("taken", ["Oki Other", "oki other", "Öki  Othér"])
def test_a_reporter_cannot_take_another_authors_name_and_then_fixes_it(
    client, reporter, profiles, taken
):
    client.force_login(reporter)
    profile = profiles["own"]

    refused = client.post(
        change_url(profile), form_data(profile, name=taken, bio="Bio baru.")
    )

    assert refused.status_code == 200
    form = refused.context["adminform"].form
    assert list(form.errors) == ["name"]
    html = refused.content.decode()
    assert "Bio baru." in html  # the form as typed
    profile.refresh_from_db()
    assert profile.name == "Rina Reporter"

    fixed = client.post(
        change_url(profile), form_data(profile, name="Rina Wulandari", bio="Bio baru.")
    )

    assert fixed.status_code == 302
    profile.refresh_from_db()
    assert (profile.name, profile.bio) == ("Rina Wulandari", "Bio baru.")


def test_an_editor_cannot_give_two_profiles_one_name_either(desk_editor, profiles):
    profile = profiles["own"]
    profile.name = "OKI OTHER"

    with pytest.raises(ValidationError) as refused:
        author_profile_save(profile=profile, user=desk_editor)

    assert "name" in refused.value.message_dict
    profile.name = "Rina Reporter"
    author_profile_save(profile=profile, user=desk_editor)  # its own name: kept


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
