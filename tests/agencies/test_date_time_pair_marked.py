"""A date and its time refused together mark only the box that is wrong as
`aria-invalid`: the refused page focuses it (static/js/admin_first_field.js)
and a screen reader says which. Django marked both, and a refused time had
the date focused."""

import re

import pytest

from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import admin_url, form_data, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def marked(html: str) -> set[str]:
    """The publication time's boxes marked aria-invalid."""
    boxes = re.findall(r"<input[^>]*\bid=\"(id_published_at_[01])\"[^>]*>", html)
    tags = {
        box: re.search(rf"<input[^>]*\bid=\"{box}\"[^>]*>", html).group(0)
        for box in boxes
    }
    return {box for box, tag in tags.items() if 'aria-invalid="true"' in tag}


@pytest.fixture
def story(section, desk_editor):
    return ArticleFactory(section=section, status="published")


@pytest.mark.parametrize(
    ("date", "time", "wrong"),
    [
        ("2026-12-07", "25.99", {"id_published_at_1"}),
        ("2026-13-40", "09.30", {"id_published_at_0"}),
        ("2026-12-07", "", {"id_published_at_1"}),
        ("", "09.30", {"id_published_at_0"}),
        ("kemarin", "jam 9", {"id_published_at_0", "id_published_at_1"}),
        # A date the browser's picker emptied ("30/02") and a bad time: the
        # time's error is the one shown, its box the one marked.
        ("", "7.5", {"id_published_at_1"}),
    ],
)
def test_only_the_wrong_box_of_a_refused_publication_time_is_marked(
    client, desk_editor, story, date, time, wrong
):
    login(client, desk_editor)
    data = form_data(story, published_at_0=date, published_at_1=time)
    response = client.post(admin_url(type(story), "change", story.pk), data)

    assert response.status_code == 200  # refused, shown again
    assert "published_at" in response.context["adminform"].form.errors
    assert marked(response.content.decode()) == wrong


def test_a_field_without_an_error_is_not_marked(client, desk_editor, story):
    login(client, desk_editor)
    html = client.get(admin_url(type(story), "change", story.pk)).content.decode()
    assert marked(html) == set()
