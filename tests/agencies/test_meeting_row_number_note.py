"""A new session's (or person's) number box on a meeting's page: empty and
read-only, the reason said under it and tied to it, not in a tooltip that a
phone never shows (a tester at 390 px saw an empty shaded box)."""

import re

import pytest

from agencies.models import Meeting
from tests.newsroom.admin_forms import admin_url

pytestmark = pytest.mark.django_db

NOTE = "Diberi nomor sesudah yang lain saat disimpan."  # the desk is Indonesian


def order_cell(html: str, prefix: str, row: str) -> str:
    """The content of the number cell of row `row` ("7", "__prefix__")."""
    box = re.search(rf'<input[^>]*name="{prefix}-{row}-order"[^>]*>', html)
    assert box, (prefix, row)
    start = html.rindex('<td class="field-order"', 0, box.start())
    return html[start : html.index("</td>", box.end())]


@pytest.mark.parametrize("prefix", ["sessions", "attendances"])
def test_a_new_rows_number_box_says_why_it_is_empty_under_it(
    editor_client, jwg4, prefix
):
    html = editor_client.get(admin_url(Meeting, "change", jwg4.pk)).content.decode()
    saved = getattr(jwg4, prefix).count()

    for row in (str(saved), "__prefix__"):  # the empty row, and "Add another"'s
        cell = order_cell(html, prefix, row)
        note_id = f"id_{prefix}-{row}-order_note"
        box = re.search(r"<input[^>]*>", cell)[0]
        assert "readonly" in box and 'value="' not in box
        assert f'aria-describedby="{note_id}"' in box
        assert f'<small class="order-note" id="{note_id}">{NOTE}</small>' in cell
        assert "title=" not in box  # not a tooltip

    # A saved row's number is typed: nothing said under it.
    saved_cell = order_cell(html, prefix, "0")
    assert "order-note" not in saved_cell and "readonly" not in saved_cell
