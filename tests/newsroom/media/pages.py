"""The media library's desk forms as the tests post them, and the messages
a page leaves (tests/newsroom/admin_forms.py, the desk's one home)."""

from tests.newsroom.admin_forms import messages_of  # noqa: F401 (used from here)


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
