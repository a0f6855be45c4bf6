"""Share links for a story: plain links to each service's share address, no
script, pixel or picture of theirs on our page."""

from dataclasses import dataclass
from urllib.parse import quote

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShareLink:
    service: str  # a CSS modifier and a stable name for tests
    name: str  # what the link says
    label: str  # what a screen reader announces
    href: str


def share_links(url: str, title: str) -> list[ShareLink]:
    """Links sharing the story at `url` (absolute) under its `title`."""

    def enc(text: str) -> str:
        return quote(text, safe="")

    u, t = enc(url), enc(title)
    message = enc(f"{title} {url}")  # where the service takes one text
    mail_body = enc(f"{title}\r\n\r\n{url}")  # RFC 6068 line breaks
    return [
        ShareLink(
            "whatsapp",
            "WhatsApp",
            _("Share on WhatsApp"),
            f"https://wa.me/?text={message}",
        ),
        ShareLink(
            "telegram",
            "Telegram",
            _("Share on Telegram"),
            f"https://t.me/share/url?url={u}&text={t}",
        ),
        ShareLink(
            "facebook",
            "Facebook",
            _("Share on Facebook"),
            f"https://www.facebook.com/sharer/sharer.php?u={u}",
        ),
        ShareLink(
            "x", "X", _("Share on X"), f"https://x.com/intent/post?url={u}&text={t}"
        ),
        ShareLink(
            "email",
            _("Email"),
            _("Share by email"),
            f"mailto:?subject={t}&body={mail_body}",
        ),
    ]
