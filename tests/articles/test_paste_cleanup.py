"""The "clean up pasted copy" step of a new article: the clean-copy/ address
the page's script asks, and the form's own buttons for a browser without
JavaScript (clean up, undo), which show the form again and save nothing."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core import signing
from django.forms import BooleanField
from django.test import Client
from django.urls import reverse
from django.utils.text import slugify

from articles.admin.paste import UNDO_SALT
from articles.intake.paste import MAX_PASTE_BYTES, clean_pasted_copy, fill
from articles.intake.services import EARLIER_COPY_DAYS
from articles.models import Article

pytestmark = pytest.mark.django_db

CLEAN_COPY = reverse("admin:articles_article_clean_copy")
ADD = reverse("admin:articles_article_add")

# Wire copy in the shape agencies send it: a paragraph a line, a dateline,
# English in underscores, a weekday date and the site's trailer lines.
WIRE_COPY = """\
DM – BNPT bersama Delegasi Malaysia menggelar _The 2nd Joint Working Group on Counter Terrorism_ di Jakarta, Kamis (24/3/2022).
Pertemuan itu menindaklanjuti JWG ke-1 yang digelar di Kuala Lumpur pada November 2019.
Kepala BNPT, Boy Rafli Amar, menegaskan bahwa kelompok teroris memakai ruang siber untuk merekrut anggota selama pandemi.
“Kerja sama kedua negara harus diperkuat, terutama dalam _information sharing_ dan pengawasan perbatasan laut” ujar Boy.
Delegasi Malaysia dipimpin oleh Wakil Sekretaris Jenderal Kementerian Dalam Negeri.
Sumber : bnpt.go.id
Editor : Redaksi
Discussion about this post
"""  # noqa: E501 (a paragraph a line, as agencies send it)
PARAGRAPHS = [
    "BNPT bersama Delegasi Malaysia menggelar _The 2nd Joint Working Group on "
    "Counter Terrorism_ di Jakarta, Kamis (24/3/2022).",
    "Pertemuan itu menindaklanjuti JWG ke-1 yang digelar di Kuala Lumpur pada "
    "November 2019.",
    "Kepala BNPT, Boy Rafli Amar, menegaskan bahwa kelompok teroris memakai ruang "
    "siber untuk merekrut anggota selama pandemi.",
    "“Kerja sama kedua negara harus diperkuat, terutama dalam _information "
    "sharing_ dan pengawasan perbatasan laut” ujar Boy.",
    "Delegasi Malaysia dipimpin oleh Wakil Sekretaris Jenderal Kementerian Dalam "
    "Negeri.",
]
TITLE = (
    "BNPT bersama Delegasi Malaysia menggelar The 2nd Joint Working Group on "
    "Counter Terrorism di Jakarta"
)
# "DM" (the site's initials) is no dateline: left out, and offered.
SUMMARY = (
    "Pasted copy cleaned up: 5 paragraphs, source bnpt.go.id, editor Redaksi, "
    "1 line dropped."
)
DATELINE_LEFT_OUT = (
    "Dateline “DM” is not a place we know (the site's or writer's initials?): "
    "it was left out; type it in Dateline if it names where the story was "
    "reported."
)
TRAILER = ("Sumber", "Editor :", "Discussion about this post")


def add_form(section, **overrides):
    """The add form as a reporter's browser sends it."""
    data = {
        "title": "",
        "slug": "",
        "dek": "",
        "body": "",
        "language": "id",
        "dateline": "",
        "byline": "",
        "editor_name": "",
        "source_name": "",
        "source_url": "",
        "section": section.pk if section else "",
        "tags": "",
        "image_alt": "",
        "image_caption": "",
        "image_credit": "",
        "comments_enabled": "on",
        "transitions-TOTAL_FORMS": "0",
        "transitions-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def shown(response) -> dict:
    """The values of the add form as shown again, as its browser would send
    them back (a box ticked is "on"; one not ticked is not sent)."""
    form = response.context["adminform"].form
    assert not form.is_bound  # shown again, never validated nor saved
    data = add_form(section=None)
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, BooleanField):
            data.pop(name, None)
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# The clean-copy/ address (the page's script)


def test_pasted_wire_copy_comes_back_as_paragraphs_and_credits(
    client, reporter, english
):
    client.force_login(reporter)

    response = client.post(CLEAN_COPY, {"text": WIRE_COPY.replace("\n", "\r\n")})

    assert response.status_code == 200
    answer = response.json()
    assert answer["values"] == {
        "body": "\n\n".join(PARAGRAPHS),
        "title": TITLE,
        "needs_headline": True,
        "source_name": "bnpt.go.id",
        "source_url": "https://bnpt.go.id/",
        "editor_name": "Redaksi",
    }
    assert answer["summary"] == SUMMARY
    assert answer["paragraphs"] == 5
    assert answer["dropped"] == ["Discussion about this post"]
    assert answer["warnings"] == [
        DATELINE_LEFT_OUT,
        "No title: proposed one from the first sentence; write a headline.",
        # The clean-up's own notes (tests/articles/intake/test_paste.py).
        "No reporter named: readers will see no author's name (the Byline is "
        "empty and you have no public author profile). Type a byline to credit "
        "its author, such as the source (bnpt.go.id).",
        "The Source URL, https://bnpt.go.id/, is the home page of bnpt.go.id, "
        "from the copy's 'Sumber :' line, not the story's own address: replace "
        "it with the story's address if you have it.",
    ]
    # Nothing was typed in the form: every value is a change to make.
    assert answer["changes"] == answer["values"]
    assert not any(line in answer["values"]["body"] for line in TRAILER)
    assert not Article.objects.exists()


def test_the_changes_never_overwrite_what_the_reporter_typed(client, reporter):
    client.force_login(reporter)

    response = client.post(
        CLEAN_COPY,
        {
            "text": WIRE_COPY,
            "title": "Indonesia and Malaysia meet on terrorism",
            "editor_name": "Desk",
            "dateline": "",
            "language": "en",
        },
    )

    changes = response.json()["changes"]
    assert set(changes) == {"body", "source_name", "source_url"}


@pytest.mark.parametrize(
    "first, typed, dateline",
    [
        ("DM", "", None),  # the site's initials: the field stays as it was
        ("DM", "MANILA", None),
        ("Jakarta", "", "Jakarta"),
        ("Zamboanga City", "", "Zamboanga City"),
        ("Davao Kamis (24/3)", "", "Davao"),  # the date after it: no place
    ],
)
def test_a_pasted_dateline_is_filled_only_when_it_names_a_place(
    client, reporter, english, first, typed, dateline
):
    """The site's initials ("DM") had filled the Dateline and reached readers
    as "DM · Oleh …"; a place is filled as before."""
    client.force_login(reporter)
    text = WIRE_COPY.replace("DM – ", f"{first} – ")

    answer = client.post(CLEAN_COPY, {"text": text, "dateline": typed}).json()

    assert answer["changes"].get("dateline") == dateline
    assert answer["changes"]["body"] == "\n\n".join(PARAGRAPHS)
    assert (DATELINE_LEFT_OUT in answer["warnings"]) is (first == "DM")
    assert ("dateline DM" in answer["summary"]) is False


@pytest.mark.parametrize(
    "first, dateline, warning",
    [
        ("(DM)", None, "Dateline “(DM)” is not a place we know"),
        ("[DM]", None, "Dateline “[DM]” is not a place we know"),
        ("Dm", None, "Dateline “Dm” is not a place we know"),
        ("DM/RED", None, "Dateline “DM/RED” is not a place we know"),
        ("D.M.", None, "Dateline “D.M.” is not a place we know"),
        ("ÉM", None, "Dateline “ÉM” is not a place we know"),
        ("BNPT", None, "Dateline “BNPT” names an agency, not a place"),
        ("JAKARTA, KOMPAS.com", "JAKARTA", "“KOMPAS.com” in the dateline is"),
        ("Liputan6.com, Jakarta", "Jakarta", "“Liputan6.com” in the dateline is"),
        ("KOMPAS.com", None, "“KOMPAS.com” in the dateline is"),
        ("DKI", "DKI", None),
    ],
)
def test_a_pasted_dateline_of_initials_an_agency_or_a_site_fills_only_a_place(
    client, reporter, agencies, english, first, dateline, warning
):
    """A tester's openings ("(DM) –", "BNPT –", "JAKARTA, KOMPAS.com –"…)
    filled the form's Dateline; only the place does now, and the report says
    what was left out."""
    client.force_login(reporter)
    text = WIRE_COPY.replace("DM – ", f"{first} – ")

    answer = client.post(CLEAN_COPY, {"text": text}).json()

    assert answer["changes"].get("dateline") == dateline
    assert answer["changes"]["body"] == "\n\n".join(PARAGRAPHS)
    assert answer["changes"]["source_name"] == "bnpt.go.id"  # the Sumber line's
    said = [w for w in answer["warnings"] if warning and w.startswith(warning)]
    assert len(said) == (1 if warning else 0)


def test_copy_opening_with_initials_still_reads_as_wire_copy():
    """Left out, "DM –" still says the copy is an agency's: its missing
    source is pointed out."""
    pasted = clean_pasted_copy("DM – Satu.\nDua.", today=dt.date(2022, 3, 24))

    assert "dateline" not in pasted.values
    assert pasted.warning_codes[0] == "dateline_initials"
    assert "no_source" in pasted.warning_codes


@pytest.mark.parametrize("first", ["Rabu (2/3)", "Wednesday (2/3)"])
def test_copy_opening_with_only_a_date_still_reads_as_wire_copy(first):
    """A dateline that is only a date ("Rabu (2/3) –") names no place, but
    the copy is still an agency's: its missing source is pointed out."""
    pasted = clean_pasted_copy(
        f"{first} – Delegasi menggelar rapat.\nRapat membahas kerja sama.",
        today=dt.date(2022, 3, 24),
    )

    assert "dateline" not in pasted.values
    assert pasted.values["body"].startswith("Delegasi menggelar rapat.")
    assert "dateline_date" in pasted.warning_codes
    assert "no_source" in pasted.warning_codes


def test_a_weekday_that_does_not_agree_with_the_date_is_reported(
    client, reporter, english
):
    client.force_login(reporter)
    text = WIRE_COPY.replace("Kamis (24/3/2022)", "Senin (24/3/2022)")

    response = client.post(CLEAN_COPY, {"text": text})

    assert (
        "Senin (24/3/2022): 24 March 2022 is a Thursday; no date taken."
        in response.json()["warnings"]
    )


def test_a_pasted_headline_too_long_for_one_fills_the_summary(
    client, reporter, english
):
    # The whole lede on the first line as a "# " heading: the title field got
    # all of it, and no save took it (255 characters at most).
    client.force_login(reporter)
    lede = "BNPT dan delegasi Filipina sepakat memperkuat pertukaran informasi " * 5

    response = client.post(CLEAN_COPY, {"text": f"# {lede}\n\n{WIRE_COPY}"})

    values = response.json()["values"]
    assert values["dek"] == lede.strip()
    assert len(values["title"]) <= 121 and values["title"].endswith("…")
    assert values["needs_headline"] is True
    assert values["body"] == "\n\n".join(PARAGRAPHS)


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.post(CLEAN_COPY, {"text": WIRE_COPY})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_who_may_not_add_articles_are_refused(
    client, staff_in, django_user_model
):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    for user in (staff_in("Moderator"), viewer):
        client.force_login(user)

        response = client.post(CLEAN_COPY, {"text": WIRE_COPY})

        assert response.status_code == 403
        assert response.json()["error"]


def test_the_address_answers_only_posts(client, reporter):
    client.force_login(reporter)

    response = client.get(CLEAN_COPY, {"text": WIRE_COPY})

    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_a_post_without_the_csrf_token_is_refused(reporter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    client.get(ADD)  # the form the page's script posts from: its CSRF cookie
    token = client.cookies["csrftoken"].value

    refused = client.post(CLEAN_COPY, {"text": WIRE_COPY})
    accepted = client.post(
        CLEAN_COPY, {"text": WIRE_COPY}, headers={"X-CSRFToken": token}
    )

    assert refused.status_code == 403
    assert accepted.status_code == 200


def test_text_over_one_megabyte_is_refused_saying_why(client, reporter, english):
    client.force_login(reporter)
    text = "x" * (MAX_PASTE_BYTES - 2) + "\né"  # one byte too many

    response = client.post(CLEAN_COPY, {"text": text})

    assert response.status_code == 400
    assert response.json() == {
        "error": "The pasted text is larger than 1.0\xa0MB: import it as a file."
    }


def test_blank_text_is_refused(client, reporter):
    client.force_login(reporter)

    response = client.post(CLEAN_COPY, {"text": " \n "})

    assert response.status_code == 400
    assert response.json()["error"]


def test_fill_ticks_needs_a_headline_only_with_a_proposed_title_it_fills():
    pasted = clean_pasted_copy(WIRE_COPY)

    assert fill({"title": "Own headline"}, pasted).get("needs_headline") is None
    assert fill({}, pasted)["needs_headline"] is True
    assert "language" not in fill({"language": "id"}, pasted)  # Indonesian copy


# The form's own buttons (no JavaScript)


def test_the_add_form_offers_the_clean_up_and_its_script(client, reporter, section):
    client.force_login(reporter)

    html = client.get(ADD).content.decode()

    assert 'name="_cleanup"' in html
    assert f'data-url="{CLEAN_COPY}"' in html
    assert "js/paste_cleanup.js" in html
    assert 'name="needs_headline"' in html
    assert 'name="_undo_cleanup"' not in html  # nothing to undo yet


def test_the_clean_up_button_shows_the_form_again_cleaned_and_saves_nothing(
    client, reporter, section, english
):
    client.force_login(reporter)
    pasted = WIRE_COPY.replace("\n", "\r\n")  # as a browser sends it

    response = client.post(
        ADD,
        add_form(section, body=pasted, byline="Typed by the reporter", _cleanup="1"),
    )

    assert response.status_code == 200
    assert not Article.objects.exists()
    values = shown(response)
    assert values["body"] == "\n\n".join(PARAGRAPHS)
    assert values["title"] == TITLE
    assert values["slug"] == slugify(TITLE)  # Django's script would make it
    assert values["needs_headline"] == "on"
    assert (values["dateline"], values["editor_name"]) == ("", "Redaksi")
    assert (values["source_name"], values["source_url"]) == (
        "bnpt.go.id",
        "https://bnpt.go.id/",
    )
    # What the reporter typed elsewhere is still there.
    assert values["byline"] == "Typed by the reporter"
    assert str(values["section"]) == str(section.pk)
    messages = said(response)
    assert messages[-1].startswith(SUMMARY)
    assert "No title: proposed one from the first sentence; write a headline." in (
        messages
    )
    html = response.content.decode()
    assert 'name="_undo_cleanup"' in html
    assert response.context["paste_cleanup_undo"] in html
    assert "errornote" not in html  # not a refused save


def test_undo_puts_back_the_fields_the_clean_up_changed_and_keeps_the_rest(
    client, reporter, section, english
):
    client.force_login(reporter)
    pasted = WIRE_COPY.replace("\n", "\r\n")
    cleaned = client.post(ADD, add_form(section, body=pasted, _cleanup="1"))
    values = shown(cleaned)
    values.update(
        dek="Typed after the clean-up.",
        cleanup_undo=cleaned.context["paste_cleanup_undo"],
        _undo_cleanup="1",
    )

    response = client.post(ADD, values)

    assert not Article.objects.exists()
    restored = shown(response)
    assert restored["body"] == pasted
    assert restored["title"] == restored["slug"] == restored["dateline"] == ""
    assert restored["editor_name"] == restored["source_name"] == ""
    assert "needs_headline" not in restored  # not ticked
    assert restored["dek"] == "Typed after the clean-up."
    assert str(restored["section"]) == str(section.pk)
    assert said(response) == ["Clean-up undone: the fields are back as they were."]
    assert 'name="_undo_cleanup"' not in response.content.decode()


def test_after_clean_up_undo_and_clean_up_again_the_draft_saves_as_shown(
    client, reporter, section
):
    client.force_login(reporter)
    pasted = WIRE_COPY.replace("\n", "\r\n")
    cleaned = client.post(ADD, add_form(section, body=pasted, _cleanup="1"))
    undone = client.post(
        ADD,
        {
            **shown(cleaned),
            "cleanup_undo": cleaned.context["paste_cleanup_undo"],
            "_undo_cleanup": "1",
        },
    )
    again = client.post(ADD, {**shown(undone), "_cleanup": "1"})

    response = client.post(ADD, {**shown(again), "_save": "Save"})

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.body == "\n\n".join(PARAGRAPHS)
    assert not any(line in article.body for line in TRAILER)
    assert (article.title, article.needs_headline) == (TITLE, True)
    assert (article.dateline, article.editor_name) == ("", "Redaksi")
    assert (article.source_name, article.source_url) == (
        "bnpt.go.id",
        "https://bnpt.go.id/",
    )
    assert (article.status, article.created_by) == (Article.Status.DRAFT, reporter)


FORGED = {
    "not signed": lambda valid: "not-a-signed-record",
    "tampered": lambda valid: valid[:-3] + ("BBB" if valid.endswith("AAA") else "AAA"),
    "other fields": lambda valid: signing.dumps({"section": "1"}, salt=UNDO_SALT),
    "not a tick": lambda valid: signing.dumps({"needs_headline": "on"}, salt=UNDO_SALT),
    "other salt": lambda valid: signing.dumps({"title": "Taken"}, salt="other"),
}


@pytest.mark.parametrize("forgery", FORGED)
def test_an_undo_record_not_signed_here_or_for_other_fields_changes_nothing(
    client, reporter, section, english, forgery
):
    client.force_login(reporter)
    cleaned = client.post(ADD, add_form(section, body=WIRE_COPY, _cleanup="1"))
    values = shown(cleaned)
    record = FORGED[forgery](cleaned.context["paste_cleanup_undo"])

    response = client.post(
        ADD, {**values, "cleanup_undo": record, "_undo_cleanup": "1"}
    )

    assert response.status_code == 200
    assert not Article.objects.exists()
    assert shown(response) == values
    assert said(response) == [
        "The clean-up could not be undone: its record is missing or not valid. "
        "Nothing was changed."
    ]


def test_cleaning_up_an_empty_body_says_to_paste_first(
    client, reporter, section, english
):
    client.force_login(reporter)
    data = add_form(section, title="Typed title", _cleanup="1")

    response = client.post(ADD, data)

    assert response.status_code == 200
    assert not Article.objects.exists()
    assert shown(response)["title"] == "Typed title"
    assert said(response) == ["There is no text to clean up: paste the copy first."]


def test_a_save_of_the_change_form_ignores_the_clean_up_buttons(
    client, reporter, section
):
    client.force_login(reporter)
    client.post(ADD, add_form(section, title="Own", slug="own", body="One line."))
    article = Article.objects.get()
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = add_form(
        section,
        title="Own",
        slug="own",
        body=WIRE_COPY,
        expected_version=article.version,
        _cleanup="1",
    )

    response = client.post(change, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert "Sumber : bnpt.go.id" in article.body  # saved as written


def test_an_indonesian_desk_reads_the_clean_up_in_indonesian(client, reporter, section):
    client.force_login(reporter)

    answer = client.post(CLEAN_COPY, {"text": WIRE_COPY}).json()
    html = client.get(ADD).content.decode()

    assert answer["summary"] == (
        "Naskah tempelan dirapikan: 5 paragraf, sumber bnpt.go.id, "
        "redaktur Redaksi, 1 baris dibuang."
    )
    assert "Rapikan naskah tempelan" in html
    assert 'data-undo="Batalkan"' in html


# The same copy pasted again


def save_pasted(client, section, text=WIRE_COPY):
    """A reporter's whole paste: clean up, then save the form as shown."""
    cleaned = client.post(ADD, add_form(section, body=text, _cleanup="1"))
    response = client.post(ADD, {**shown(cleaned), "_save": "Save"})
    assert response.status_code == 302
    return Article.objects.latest("pk")


def test_copy_already_in_a_story_is_named_with_a_link_to_it(
    client, reporter, staff_in, section, english
):
    """Two reporters paste the same wire story: the second is told whose
    story it is already in before writing a second one."""
    client.force_login(staff_in("Reporter", "dewi"))
    earlier = save_pasted(client, section)
    client.force_login(reporter)

    answer = client.post(CLEAN_COPY, {"text": WIRE_COPY.replace("\n", "\r\n")}).json()

    found = answer["earlier"]
    assert found["url"] == reverse("admin:articles_article_change", args=[earlier.pk])
    assert found["text"].startswith(
        f"This copy is already in “{TITLE}” (Draft, by dewi"
    )
    assert found["text"].endswith("check it before writing a second story.")
    # The clean-up itself is as before: the reporter decides.
    assert answer["changes"]["body"] == "\n\n".join(PARAGRAPHS)
    assert Article.objects.count() == 1


def test_copy_imported_as_a_file_is_named_even_after_its_draft_was_edited(
    client, reporter, section, english
):
    from articles.intake.services import article_import

    imported = article_import(
        name="bnpt.txt", data=WIRE_COPY.encode(), user=reporter
    ).article
    Article.objects.filter(pk=imported.pk).update(
        body=imported.body + "\n\nParagraf tambahan dari redaksi."
    )
    client.force_login(reporter)

    answer = client.post(CLEAN_COPY, {"text": WIRE_COPY}).json()

    assert answer["earlier"]["url"].endswith(f"/{imported.pk}/change/")


def test_other_copy_is_not_named_and_a_story_made_from_it_long_ago_is(
    client, reporter, section
):
    client.force_login(reporter)
    earlier = save_pasted(client, section)
    # Other copy: not the same, nor nearly the same (one word changed is a
    # corrected re-send: tests/articles/intake/test_similar_copy.py).
    other_copy = "DM – Basarnas menggelar latihan SAR gabungan di Bali, Jumat."
    other = client.post(CLEAN_COPY, {"text": other_copy})
    assert other.json()["earlier"] is None

    # Saved long ago: its body is no longer read, but it was made from this
    # copy (its fingerprint was kept when it was created), so it is named.
    Article.objects.filter(pk=earlier.pk).update(
        updated_at=earlier.updated_at - dt.timedelta(days=EARLIER_COPY_DAYS + 1)
    )
    answer = client.post(CLEAN_COPY, {"text": WIRE_COPY}).json()

    assert answer["earlier"]["url"].endswith(f"/{earlier.pk}/change/")


def test_without_javascript_the_form_says_it_too_with_the_link(
    client, reporter, section, english
):
    client.force_login(reporter)
    earlier = save_pasted(client, section)

    response = client.post(ADD, add_form(section, body=WIRE_COPY, _cleanup="1"))

    page = response.content.decode()
    assert f"This copy is already in “{TITLE}”" in page
    link = reverse("admin:articles_article_change", args=[earlier.pk])
    assert f'<a href="{link}" target="_blank" rel="noopener">Open it</a>' in page
    assert Article.objects.count() == 1  # shown again, nothing saved


def test_a_pasted_story_edited_and_published_is_still_named_and_not_imported_again(
    client, reporter, editor, section, english
):
    """A reporter pastes the copy and saves; the desk imports the file (a
    duplicate of that story); an editor edits the story and publishes it.
    The file imported again is still a duplicate of it, and the copy pasted
    again names the published story."""
    from articles.intake.services import article_import
    from articles.services import article_publish, article_save

    client.force_login(reporter)
    story = save_pasted(client, section)
    first = article_import(name="bnpt.txt", data=WIRE_COPY.encode(), user=editor)
    assert (first.status, first.article) == ("duplicate", story)
    story.body = story.body.replace("Kamis (24/3/2022)", "Kamis (24/3)")
    story.needs_headline = False
    article_save(article=story, user=editor, expected_version=story.version)
    article_publish(article=story, user=editor)

    again = article_import(name="bnpt.txt", data=WIRE_COPY.encode(), user=editor)
    answer = client.post(CLEAN_COPY, {"text": WIRE_COPY}).json()

    assert (again.status, again.article) == ("duplicate", story)
    assert Article.objects.count() == 1
    assert answer["earlier"]["url"].endswith(f"/{story.pk}/change/")
    assert f"“{story.title}” (Published, by " in answer["earlier"]["text"]


def test_no_title_notice_when_the_reporters_own_title_is_kept(
    client, reporter, english
):
    """The copy has no title, the reporter typed one: it is kept, and the
    notice does not say a title was proposed."""
    typed = clean_pasted_copy(WIRE_COPY, current={"title": "Judul sendiri"})
    proposed = clean_pasted_copy(WIRE_COPY, current={"title": ""})

    no_title = "No title: proposed one from the first sentence; write a headline."
    assert no_title not in typed.warnings
    assert no_title in proposed.warnings
    assert "title" not in fill({"title": "Judul sendiri"}, typed)
    # The page's script sends the form's title: the answer says no title
    # was proposed when one was typed, and says so when none was.
    client.force_login(reporter)
    answer = client.post(CLEAN_COPY, {"text": WIRE_COPY, "title": "Judul"}).json()
    assert no_title not in answer["warnings"]
    answer = client.post(CLEAN_COPY, {"text": WIRE_COPY, "title": ""}).json()
    codes = dict(zip(answer["warning_codes"], answer["warnings"], strict=True))
    assert codes["title_proposed"] == no_title


def test_without_javascript_a_typed_title_is_kept_without_the_no_title_notice(
    client, reporter, section, english
):
    client.force_login(reporter)
    response = client.post(
        ADD, add_form(section, title="Judul sendiri", body=WIRE_COPY, _cleanup="1")
    )
    assert shown(response)["title"] == "Judul sendiri"
    assert not any("No title" in message for message in said(response))
    response = client.post(ADD, add_form(section, body=WIRE_COPY, _cleanup="1"))
    assert shown(response)["title"] == TITLE
    assert any("No title" in message for message in said(response))


def test_copy_in_two_stories_names_both_the_published_first(
    client, reporter, editor, section, english
):
    """The copy imported (then edited and published) and pasted into a
    reporter's draft: a third reporter is told of both."""
    from articles.intake.services import article_import
    from articles.services import article_publish, article_save

    imported = article_import(name="a.txt", data=WIRE_COPY.encode(), user=editor)
    story = imported.article
    story.body += "\n\nParagraf tambahan dari redaksi."
    story.needs_headline = False
    article_save(article=story, user=editor, expected_version=story.version)
    article_publish(article=story, user=editor)
    client.force_login(reporter)
    draft = save_pasted(client, section)
    assert draft.pk != story.pk

    response = client.post(ADD, add_form(section, body=WIRE_COPY, _cleanup="1"))

    (notice,) = [m for m in said(response) if "already in" in m]
    assert notice.index(story.title) < notice.index("It is also in")
    assert f"It is also in “{draft.title}” (Draft)." in notice


NO_SOURCE = "No 'Sumber :' line: the source is not known."


def test_plain_paragraphs_pasted_lack_no_source(english):
    """A reporter's own two paragraphs are no wire copy: no word of a source."""
    pasted = clean_pasted_copy(
        "Hujan deras mengguyur Jakarta sejak pagi.\n\nBanjir merendam tiga kelurahan."
    )

    assert pasted.paragraphs == 2
    assert NO_SOURCE not in pasted.warnings


@pytest.mark.parametrize(
    "copy",
    [
        WIRE_COPY.replace("Sumber : bnpt.go.id\n", ""),  # dateline and editor
        "DM – BNPT menggelar rapat.\nRapat membahas kerja sama.",  # a dateline
        "BNPT menggelar rapat.\nRapat membahas kerja sama.\nEditor : Redaksi",
    ],
)
def test_wire_copy_without_a_source_line_is_said_to_lack_one(copy, english):
    assert NO_SOURCE in clean_pasted_copy(copy).warnings


def test_a_pasted_story_edited_at_once_is_still_named_by_the_next_paste(
    client, reporter, editor, section, english
):
    """Saved from a paste and edited before anyone pasted or imported the
    copy again: the story's first body was the copy, so it is still known
    by it (its fingerprint kept when the story was created)."""
    from articles.intake.services import article_import
    from articles.services import article_save

    client.force_login(reporter)
    story = save_pasted(client, section)
    story.body = story.body.replace("Kamis (24/3/2022)", "Kamis, 24 Maret 2022")
    article_save(article=story, user=reporter, expected_version=story.version)

    answer = client.post(CLEAN_COPY, {"text": WIRE_COPY}).json()
    again = article_import(name="bnpt.txt", data=WIRE_COPY.encode(), user=editor)

    assert answer["earlier"]["url"].endswith(f"/{story.pk}/change/")
    assert (again.status, again.article) == ("duplicate", story)
    assert Article.objects.count() == 1
