"""Restoring a revision from History saves as any save does: the address the
agency, person or meeting leaves becomes an old address (301), and a value
another one took since is refused at its field with the form kept."""

import pytest
from reversion.models import Version

from agencies.models import (
    Agency,
    AgencySlugHistory,
    Meeting,
    MeetingSlugHistory,
    Person,
    PersonSlugHistory,
)
from tests.agencies.factories import AgencyFactory, MeetingFactory, PersonFactory
from tests.newsroom.admin_forms import admin_form_data, admin_url, save_in_admin

pytestmark = pytest.mark.django_db


def first_revision(obj) -> Version:
    return Version.objects.get_for_object(obj).order_by("pk").first()


def restore(client, obj, version, **changes):
    """History → the revision → Save, as the browser sends the form."""
    url = admin_url(type(obj), "revision", obj.pk, version.pk)
    page = client.get(url)
    assert page.status_code == 200, page.get("Location")
    return client.post(url, {**admin_form_data(page), **changes})


def moved(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 301, (path, response.status_code)
    return response["Location"]


@pytest.mark.parametrize(
    ("make", "kind", "history"),
    [
        (
            lambda: AgencyFactory(
                acronym="Kemenkopolhukam", slug="kemenkopolhukam", country="ID"
            ),
            "agencies",
            AgencySlugHistory,
        ),
        (
            lambda: PersonFactory(name="Mahfud MD", slug="kemenkopolhukam"),
            "people",
            PersonSlugHistory,
        ),
        (
            lambda: MeetingFactory(title="Rapat koordinasi", slug="kemenkopolhukam"),
            "meetings",
            MeetingSlugHistory,
        ),
    ],
)
def test_a_restored_slug_leaves_the_address_it_had_redirecting(
    editor_client, make, kind, history
):
    obj = make()
    save_in_admin(editor_client, obj)  # revision 1, at "kemenkopolhukam"
    save_in_admin(editor_client, obj, slug="kemenko-polkam")
    assert moved(editor_client, f"/{kind}/kemenkopolhukam/").endswith(
        f"/{kind}/kemenko-polkam/"
    )

    response = restore(editor_client, obj, first_revision(obj))

    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()
    assert obj.slug == "kemenkopolhukam"
    # The address it left moves for good to the one it has again, in both
    # editions; the one it has again is no old address of its own.
    for prefix in ("", "/en"):
        assert moved(editor_client, f"{prefix}/{kind}/kemenko-polkam/") == (
            f"{prefix}/{kind}/kemenkopolhukam/"
        )
        assert editor_client.get(f"{prefix}/{kind}/kemenkopolhukam/").status_code == (
            200
        )
    assert list(history.objects.values_list("slug", flat=True)) == ["kemenko-polkam"]


def test_a_restored_persons_delete_page_lists_no_old_address_they_have_again(
    editor_client,
):
    person = PersonFactory(name="Mahfud MD", slug="mahfud-md")
    save_in_admin(editor_client, person)
    save_in_admin(editor_client, person, slug="mahfud")
    restore(editor_client, person, first_revision(person))

    page = editor_client.get(admin_url(Person, "delete", person.pk))

    listed = page.content.decode()
    assert "Alamat lama: mahfud<" in listed
    assert "Alamat lama: mahfud-md" not in listed


def test_the_restore_says_why_it_is_refused_at_the_field_with_the_form_kept(
    editor_client,
):
    # DOG (PH) becomes DOJ; a new DOG (PH) is created; restoring the old
    # revision would give the acronym to two agencies of one country.
    agency = AgencyFactory(
        acronym="DOG", name="Department of Governance", country="PH", slug="dog-ph"
    )
    save_in_admin(editor_client, agency)
    save_in_admin(editor_client, agency, acronym="DOJ", name="Department of Justice")
    AgencyFactory(
        acronym="DOG", name="Department of Geology", country="PH", slug="dog-ph-2"
    )
    url = admin_url(Agency, "revision", agency.pk, first_revision(agency).pk)

    page = editor_client.get(url)
    assert page.status_code == 200, page.get("Location")
    assert page.context["adminform"].form["acronym"].value() == "DOG"
    data = admin_form_data(page)
    data["description"] = "Typed before pressing Save."
    refused = editor_client.post(url, data)

    assert refused.status_code == 200
    form = refused.context["adminform"].form
    assert form.errors["acronym"] == [
        "“DOG” sudah menjadi akronim Department of Geology (DOG), Filipina."
    ]
    assert "missing dependency" not in refused.content.decode()
    assert form["description"].value() == "Typed before pressing Save."
    agency.refresh_from_db()
    assert agency.acronym == "DOJ"
    assert Version.objects.get_for_object(agency).count() == 2


def test_a_restore_changes_nothing_until_it_is_saved(editor_client, jwg4):
    first_slug = jwg4.slug
    save_in_admin(editor_client, jwg4)
    save_in_admin(editor_client, jwg4, slug="jwg-4-jakarta", venue="Jakarta")
    url = admin_url(Meeting, "revision", jwg4.pk, first_revision(jwg4).pk)

    page = editor_client.get(url)

    assert page.context["adminform"].form["slug"].value() == first_slug
    jwg4.refresh_from_db()
    assert (jwg4.slug, jwg4.venue) == ("jwg-4-jakarta", "Jakarta")
    assert list(jwg4.old_slugs.values_list("slug", flat=True)) == [first_slug]
