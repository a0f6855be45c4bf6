"""The media library's desk forms as the tests post them, and the messages
a page leaves."""

from django.contrib.messages import get_messages


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


def messages_of(response) -> list[str]:
    """The messages the response left for the next page, as they read."""
    return [str(message) for message in get_messages(response.wsgi_request)]
