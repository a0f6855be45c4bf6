"""An import's record page says each recognised agency's state in the desk's
language ("ditautkan"), not the code the report keeps ("linked")."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from agencies.recognition import State
from articles.intake.services import article_import
from articles.models import IntakeRecord
from tests.articles.test_intake_admin import upload

pytestmark = pytest.mark.django_db

AGENCY = "BNPT (Badan Nasional Penanggulangan Terorisme, ID)"


@pytest.mark.parametrize(("desk", "said"), [("en", "linked"), ("id", "ditautkan")])
def test_the_record_page_names_each_agencys_state_in_the_desks_language(
    client, desk_editor, agencies, officials, jwg4, section, desk, said
):
    article_import(
        name="jwg.txt",
        data=upload("jwg-hybrid-meeting.txt").read(),
        user=desk_editor,
    )
    record = IntakeRecord.objects.get()
    client.force_login(desk_editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = desk

    response = client.get(
        reverse("admin:articles_intakerecord_change", args=[record.pk])
    )

    html = response.content.decode()
    with translation.override(desk):
        assert str(State.LINKED.label) == said
    assert f"{AGENCY}: {said}</li>" in html
    if desk == "id":
        assert f"{AGENCY}: linked" not in html


def test_each_state_has_a_label_in_both_languages():
    for desk in ("en", "id"):
        with translation.override(desk):
            labels = [str(state.label) for state in State]
        assert len(set(labels)) == len(State)
    with translation.override("id"):
        assert [str(state.label) for state in State] != [str(s) for s in State]
