"""The moderation queue's select-all box at 390 px, where the queue is a
column of cards with the box alone at their top: it is labelled "Select all"
beside it, the label tied to it (a tester found a box with nothing said)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:articles_comment_changelist")


def select_all_header(client) -> str:
    CommentFactory(article=ArticleFactory())
    html = client.get(QUEUE + "?status=all").content.decode()
    return re.search(
        r'<th scope="col" class="action-checkbox-column">(.*?)</th>', html, re.S
    )[1]


def test_the_select_all_box_is_labelled_beside_it(moderator_client):
    moderator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    header = select_all_header(moderator_client)

    # Its name starts with the words shown beside it (WCAG 2.5.3).
    assert (
        '<input type="checkbox" id="action-toggle" '
        'aria-label="Select all objects on this page for an action">'
    ) in header
    assert '<label for="action-toggle">Select all</label>' in header


def test_the_indonesian_desk_labels_it_in_indonesian(moderator_client):
    header = select_all_header(moderator_client)  # the desk's default

    with translation.override("id"):
        label = gettext("Select all")
    assert f'<label for="action-toggle">{label}</label>' in header
    assert 'aria-label="Pilih semua objek di halaman ini untuk suatu aksi"' in header
