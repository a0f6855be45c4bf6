"""The media library's desk forms as the tests post them, and the messages
a page leaves (tests/newsroom/admin_forms.py, the desk's one home)."""

import datetime as dt

from tests.newsroom.admin_forms import messages_of  # noqa: F401 (used from here)

ADD = "admin:media_image_add"
# A description the add form accepts, and the day the tests' uploads are made.
ALT = "Delegasi Indonesia dan Filipina di ruang rapat"
DAY = dt.datetime(2022, 3, 24, 10, 0, tzinfo=dt.UTC)


def add_form(**fields) -> dict:
    """The add form as the browser posts it: every field empty but `fields`."""
    return {
        "title": "",
        "alt_text": "",
        "caption": "",
        "credit": "",
        "source": "",
        "focal_x": "",
        "focal_y": "",
        "pending_upload": "",
        **fields,
    }
