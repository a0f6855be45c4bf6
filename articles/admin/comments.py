"""The moderation desk: the comment queue, bans, word lists and the moderation log.

Every status change goes through the comment services (comment_moderate,
comment_edit, ban_create), which log it and keep the approved-comment counts.
Nothing here hard-deletes a comment or a log entry.
"""

import copy
import hashlib
import ipaddress
import re
from urllib.parse import urlsplit

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME, ActionForm, AdminForm
from django.contrib.admin.options import IS_POPUP_VAR, IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.admin.views.main import (
    ERROR_FLAG,
    ORDER_VAR,
    PAGE_VAR,
    SEARCH_VAR,
    ChangeList,
)
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import (
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from newsroom.addresses import reverse_once
from newsroom.admin_lists import (
    ACROSS_CONFIRMED,
    ACROSS_QUESTION,
    QUESTION_SECONDS,
    BoundedCountChangeList,
    ConfirmedSelectAcross,
    PlainActionCheckbox,
    keep_question,
    mark_answered,
    open_question,
    refused_as_answered,
    see_other,
)
from newsroom.dates import clock_time
from newsroom.forms import DeskForm

from .. import services
from ..models import (
    Article,
    Ban,
    Comment,
    CommentFlag,
    CommentReason,
    ModerationLog,
)
from ..pagination import AdminCappedPaginator
from ..services import MODERATION_ACTIONS, ModerationAction
from ..services.comments import MESSAGES as COMMENT_MESSAGES
from ..services.moderation import comment_edit_text
from ..templatetags.comments_tags import links_as_readers_get_them
from ..text import clean_reader_text, reader_links
from .common import (
    DURATION_CHOICES,
    DURATIONS,
    ReadOnlyMixin,
    display_user,
    status_label,
)

Status = Comment.Status

EXCERPT_CHARS = 160
# What an empty value reads as, in every column and field of the moderation
# desk (the staff author, the reasons, and Django's own fields alike: its
# default "-" had stood beside "–" on a comment's page).
EMPTY = "–"
# How many of the queue's comments the article filter takes its articles from.
QUEUE_ARTICLE_ROWS = 500


# The queue


def reasons_now(comment) -> list[str]:
    """Why `comment` is held, as it stands now, in the active language (the
    reasons prefetched by for_moderation()). Readers' reports count while
    their flags wait for a moderator (approving clears them): then the latest
    report's reason, its counts only while they are the comment's own (more
    flags since, the counts it noted are past) and "still shown" only while
    the comment is."""
    reasons = list(comment.reasons.all())
    flagged = [r for r in reasons if r.code == CommentReason.Code.FLAGGED]
    latest = flagged[-1] if flagged and comment.flag_count else None
    return [
        _flags_reason_now(comment, reason) if reason is latest else str(reason)
        for reason in reasons
        if reason.code != CommentReason.Code.FLAGGED or reason is latest
    ]


def _flags_reason_now(comment, reason) -> str:
    found = CommentReason.FLAGS_DETAIL.match(reason.detail)
    if found is None:
        return str(reason)  # not the counts the reports note: as written
    if int(found["flags"]) != comment.flag_count:
        return str(reason.get_code_display())
    detail = CommentReason.flags_detail(
        flags=comment.flag_count,
        sources=int(found["sources"]),
        still_shown=comment.is_public,
    )
    return str(CommentReason(code=reason.code, detail=detail))


def reports_counted(comment) -> bool:
    """Whether reasons_now(comment) says how many readers' reports wait: the
    latest report's reason notes them as they are now (_flags_reason_now)."""
    flagged = [r for r in comment.reasons.all() if r.code == CommentReason.Code.FLAGGED]
    if not comment.flag_count or not flagged:
        return False
    found = CommentReason.FLAGS_DETAIL.match(flagged[-1].detail)
    return found is not None and int(found["flags"]) == comment.flag_count


# The beginning of an address, to a /16 or a /48 at the widest (one number
# and a dot, "cafe:", are more likely words).
IPV4_START = re.compile(r"^(?:\d{1,3}\.){2,3}$")  # "203.0.113."
IPV6_START = re.compile(r"^(?:[0-9a-f]{1,4}:){3,7}$")  # "2001:db8:1:"


def searched_network(term: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """The addresses a search term names: an address, a network
    (203.0.113.0/24), or the beginning of an address up to a dot or a colon
    (203.0.113., 2001:db8:1:); None for any other term."""
    term = term.strip().lower()
    try:
        if "/" in term:
            return ipaddress.ip_network(term, strict=False)
        if IPV4_START.match(term):
            parts = term.rstrip(".").split(".")
            start = ".".join([*parts, *["0"] * (4 - len(parts))])
            return ipaddress.ip_network(f"{start}/{8 * len(parts)}")
        if IPV6_START.match(term):
            groups = term.rstrip(":").split(":")
            return ipaddress.ip_network(f"{':'.join(groups)}::/{16 * len(groups)}")
        return ipaddress.ip_network(ipaddress.ip_address(term))
    except ValueError:
        return None


class QueueChangeList(BoundedCountChangeList, ChangeList):
    """Keeps the order the filtered query chose (the queue's) until a column
    header is clicked; the stock change list would impose Meta.ordering."""

    def get_ordering(self, request, queryset):
        if ORDER_VAR not in self.params and queryset.query.order_by:
            return list(queryset.query.order_by)
        return super().get_ordering(request, queryset)


class KnownValueFilter(admin.SimpleListFilter):
    """A filter that takes only the values it offers: any other ("?status=bogus")
    had listed nothing without a word. It is refused as Django refuses a
    lookup it cannot apply (back to the plain list, "?e=1"), saying which."""

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.request = request

    def refuse_unknown_value(self) -> None:
        value = self.value()
        if value is None or value in {str(key) for key, _ in self.lookup_choices}:
            return
        messages.warning(
            self.request,
            gettext(
                "%(filter)s “%(value)s” is not known: the list is shown "
                "without filters."
            )
            % {"filter": capfirst(self.title), "value": Truncator(value).chars(40)},
        )
        self.request.refused_filter = self.parameter_name
        raise IncorrectLookupParameters(f"{self.parameter_name}={value!r}")


def searching(request) -> bool:
    """Whether the queue's page was asked for a search."""
    return bool(request.GET.get(SEARCH_VAR, "").strip())


class QueueFilter(KnownValueFilter):
    """The moderation queue by default; any one status, flagged, or everything.

    A search without a status looks through every comment: a moderator
    following up a reader's complaint looks for a comment decided already
    (approved, removed) as often as for one waiting. "Moderation queue"
    (`?status=queue`) searches the queue alone."""

    title = _("status")
    parameter_name = "status"
    QUEUE = "queue"

    def lookups(self, request, model_admin):
        return [
            (self.QUEUE, _("Moderation queue")),
            *Status.choices,
            ("flagged", _("Reported by readers")),
            ("all", _("All comments")),
        ]

    def shows(self) -> str:
        """What the list shows: the value asked for, or the default's."""
        if self.value() is not None:
            return self.value()
        return "all" if searching(self.request) else self.QUEUE

    def queryset(self, request, queryset):
        self.refuse_unknown_value()
        value = self.shows()
        if value == self.QUEUE:
            return queryset.queue()
        if value == "all":
            return queryset
        if value == "flagged":
            # Those readers' reports took off the site first: they wait.
            return queryset.flagged().in_queue_order()
        return queryset.filter(status=value)

    def choices(self, changelist):
        # The queue is the list without a status, but a search without one
        # looks through every comment: the queue's own then, by name.
        queue = (
            changelist.get_query_string({self.parameter_name: self.QUEUE})
            if searching(self.request)
            else changelist.get_query_string(remove=[self.parameter_name])
        )
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.shows() == str(lookup),
                "query_string": queue
                if lookup == self.QUEUE
                else changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class ReasonFilter(KnownValueFilter):
    title = _("reason")
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        return CommentReason.Code.choices

    def queryset(self, request, queryset):
        self.refuse_unknown_value()
        if self.value():
            # A subquery, not a join: a comment with two reasons of one kind
            # (two banned words) is listed once.
            reasons = CommentReason.objects.filter(code=self.value())
            queryset = queryset.filter(pk__in=reasons.values("comment"))
            if self.value() == CommentReason.Code.FLAGGED:
                # Readers' reports a moderator has dealt with are no reason
                # any more (see reasons_now).
                queryset = queryset.filter(flag_count__gt=0)
        return queryset


class ArticleFilter(KnownValueFilter):
    """Articles with comments in the queue (and the one chosen, if it has none)."""

    title = _("article")
    parameter_name = "article"

    def lookups(self, request, model_admin):
        # The articles of the longest waiting QUEUE_ARTICLE_ROWS comments:
        # a long queue would otherwise list most of the archive here.
        queue = Comment.objects.queue().order_by("created_at", "id")
        oldest = queue.values("article")[:QUEUE_ARTICLE_ROWS]
        waiting = Article.objects.filter(pk__in=oldest)
        if self.value() and self.value().isdecimal():
            waiting |= Article.objects.filter(pk=self.value())
        return [(str(pk), title) for pk, title in waiting.values_list("pk", "title")]

    def queryset(self, request, queryset):
        # Offered: the article asked for, if there is one (see lookups).
        self.refuse_unknown_value()
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(article_id=value)


# A control whose autofill field name is "off" is not restored on history
# traversal (HTML, "autocomplete"): the page shows what it was sent.
NOT_RESTORED = {"autocomplete": "off"}


class ModerationActionForm(DeskForm, ActionForm):
    """The queue's action menu. Neither it nor the rows' boxes are restored
    by the browser when the list is shown again by Back: the list read again
    may hold other rows (those just rejected have left the queue), and the
    boxes were ticked again by their place, onto comments nobody chose, with
    the action still chosen (see also js/comment_queue.js)."""

    note = forms.CharField(
        label=_("Note for the log:"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"size": 30, **NOT_RESTORED}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("action", "select_across"):
            self.fields[name].widget.attrs.update(NOT_RESTORED)


# Posted with a moderation button of a comment's page once its action's
# confirmation is answered (CommentAdmin.change_view).
CONFIRMED = "_confirmed"
# The latest log entry of a comment the queue's row showed, posted as
# `seen_<id>` with its buttons and with the list's actions.
SEEN = "seen"
# Pressed on a comment's page that found the comment changed since it was
# opened: its action, taken on the comment as it is now.
AS_IT_IS = "_as_it_is"

BAN_PAGE_ROWS = 100  # comments listed on the ban and removal confirmation pages

# An action that asks first answers its POST with a redirect (303) to a
# confirmation page of its own address (Post/Redirect/Get: Back after the
# answer reloads a page, not a form sent again): what it was asked about is
# kept in the session under a key, posted on with the answer as CONFIRMATION.
CONFIRMATIONS = "comment_confirmations"  # the session's key
CONFIRMATION = "_confirmation"
CONFIRMATION_SECONDS = QUESTION_SECONDS  # kept this long (newsroom.admin_lists)
# A comment's page that refused a save (the comment changed since it was
# opened) is shown at its own address with this key (Post/Redirect/Get), what
# the moderator sent kept in the session meanwhile under STALE_PAGES.
STALE = "stale"
STALE_PAGES = "comment_stale_pages"
TEMPLATES = {
    "ban_senders": "admin/articles/comment/ban_confirmation.html",
    # Every moderation action that asks first: the page "remove" asks on.
    None: "admin/articles/comment/remove_confirmation.html",
}

# What the ban action can take from the selected comments: (ban kind, label).
SENDER_KINDS = {
    "email": (Ban.Kind.EMAIL, _("Email address")),
    "domain": (Ban.Kind.DOMAIN, _("Email domain")),
    "ip": (Ban.Kind.IP, _("IP address")),
    "network": (Ban.Kind.IP, _("IP network (/24 or /48)")),
}


def _in_a_sentence(label) -> str:
    """A choice's label inside a sentence's brackets: without its own aside
    in brackets, its first letter small unless it begins an acronym ("IP
    network", "jaringan IP", "email address"), where lower() had written
    "ip network (/24 or /48)"."""
    words = re.sub(r"\s*\([^()]*\)$", "", str(label))
    if words[:2].isupper():
        return words
    return words[:1].lower() + words[1:]


def senders_of(comments) -> dict[str, list[str]]:
    """Distinct email addresses, domains, IP addresses and networks, by kind."""
    found: dict[str, set[str]] = {kind: set() for kind in SENDER_KINDS}
    rows = comments.select_related(None).prefetch_related(None)
    for email, ip, network in rows.values_list(
        "author_email", "ip_address", "ip_network"
    ):
        email = email.strip().lower()
        if email:
            found["email"].add(email)
            found["domain"].add(email.rpartition("@")[2])
        if ip:
            found["ip"].add(ip)
        if network:
            found["network"].add(network)
    return {kind: sorted(values) for kind, values in found.items()}


def listed(values: list[str], shown: int = 5) -> str:
    if len(values) <= shown:
        return ", ".join(values)
    more = len(values) - shown
    return ngettext(
        "%(values)s and %(count)d more", "%(values)s and %(count)d more", more
    ) % {"values": ", ".join(values[:shown]), "count": more}


class ChoicesOff(forms.RadioSelect):
    """Radio buttons, those whose value is in `off` drawn disabled: nothing
    to choose there (an IP address none of the comments has)."""

    off: frozenset = frozenset()

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.off:
            option["attrs"]["disabled"] = True
        return option


class BanSendersForm(DeskForm, forms.Form):
    kind = forms.ChoiceField(label=_("Ban"), widget=ChoicesOff)
    duration = forms.ChoiceField(
        label=_("For"), choices=DURATION_CHOICES, initial="7", widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)
    reject_pending = forms.BooleanField(
        label=_("Also reject their comments waiting for moderation"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, senders: dict[str, list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.senders = senders
        self.fields["kind"].choices = [
            (
                kind,
                format_html(
                    "{}: {}",
                    label,
                    listed(senders[kind]) or gettext("none in the selection"),
                ),
            )
            for kind, (_ban_kind, label) in SENDER_KINDS.items()
        ]
        # A kind none of the comments has cannot be chosen (clean_kind says
        # so to a hand-made answer); the first that can is offered first.
        available = [kind for kind in SENDER_KINDS if senders[kind]]
        self.fields["kind"].widget.off = frozenset(SENDER_KINDS) - set(available)
        self.fields["kind"].initial = (
            "email" if "email" in available else (available[0] if available else None)
        )

    def clean_kind(self) -> str:
        kind = self.cleaned_data["kind"]
        if not self.senders[kind]:
            raise ValidationError(
                _("None of the selected comments has one. Choose another.")
            )
        return kind


def error_text(error: Exception) -> str:
    return "; ".join(getattr(error, "messages", None) or [str(error)])


def aside(error: Exception) -> str:
    """The error's sentences for inside brackets in a sentence: without their
    closing full stops ("x (x is banned already, for good)." had read
    "… for good.).")."""
    sentences = getattr(error, "messages", None) or [str(error)]
    return "; ".join(str(sentence).rstrip().removesuffix(".") for sentence in sentences)


def seen_in_list(request) -> dict[int, str]:
    """The marker each selected comment's row posted (beside its checkbox,
    and on by the confirmation pages): id → the latest log entry the row
    showed, as posted (read_entry reads it). Comments selected across pages
    the list did not show are not in it."""
    seen = {}
    prefix = f"{SEEN}_"
    for name, value in request.POST.items():
        comment_id = name.removeprefix(prefix)
        if name.startswith(prefix) and comment_id.isdecimal():
            seen[int(comment_id)] = value
    return seen


def question_record(
    *,
    action: str,
    post_to: str,
    carried: list,
    shown: list[int],
    count: int,
    note: str = "",
    senders: dict | None = None,
    original: int | None = None,
    text_edited: bool = False,
) -> dict:
    """What a confirmation page asks (kept in the session, as JSON): action
    `action` on `count` comments, the first of them `shown`; its answer
    posts `carried` (name, value) and the answer's own fields to `post_to`.
    `original`: the comment whose page asked."""
    return {
        "action": action,
        "post_to": post_to,
        "carried": carried,
        "shown": shown,
        "count": count,
        "note": note,
        "senders": senders,
        "original": original,
        "text_edited": text_edited,
        # The selected comments changed since the list showed them, said
        # (overtaken_message): the question leaves them out.
        "overtaken": "",
        "done": False,
    }


def carried_fields(posted, *, dropping) -> list[list[str]]:
    """What a page posted, to be posted again with a confirmation's answer:
    every field but the CSRF token, the question's key and `dropping`."""
    left_out = {"csrfmiddlewaretoken", CONFIRMATION, *dropping}
    return [
        [name, value]
        for name, values in posted.lists()
        if name not in left_out
        for value in values
    ]


def overtaken_message(entries) -> str:
    """Comments left out because another status was given them after the
    page showed them: which, by whom and when."""
    changes = [
        f"{entry.comment.author_name} ({change_words(entry)})" for entry in entries
    ]
    return ngettext(
        "%(count)s comment was changed meanwhile and is left as it is: %(changes)s.",
        "%(count)s comments were changed meanwhile and are left as they are: "
        "%(changes)s.",
        len(entries),
    ) % {
        "count": number_format(len(entries), force_grouping=True),
        "changes": listed(changes),
    }


def overtaken(posted: dict[int, str], ids: list[int]) -> dict:
    """Of the comments `ids`, those given another status (or held) after the
    list showed them (their markers `posted`, see seen_in_list): id → the
    latest such entry of their log. A comment without a readable marker is
    not in it (left out on its own ground: CommentAdmin._marked)."""
    latest = dict(
        Comment.objects.with_last_change()
        .filter(pk__in=ids)
        .values_list("pk", "last_change")
    )
    seen = shown_entries({pk: posted.get(pk) for pk in latest}, latest)
    moves = {}
    for entry in (
        ModerationLog.objects.after(seen).decisions().select_related("comment")
    ):
        moves[entry.comment_id] = entry  # the latest: oldest first
    return moves


def seen_marker(comment) -> str:
    """What a comment's page carries of the comment it showed: the latest
    entry of its log (Comment.objects.with_last_change()) and a digest of
    its text, "<entry>:<digest>"."""
    return f"{getattr(comment, 'last_change', 0)}:{_text_digest(comment.text)}"


def _text_digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# "<entry>:<digest>" as seen_marker writes it, and nothing else: no sign,
# space, decimal point or leading zero, no other digits than 0-9.
MARKER = re.compile(r"(0|[1-9][0-9]{0,18}):([0-9a-f]{16})")
ENTRY = re.compile(r"0|[1-9][0-9]{0,18}")


def _read_marker(value: str, latest: int) -> tuple[int, str] | None:
    """The entry and digest of a comment's page's marker (seen_marker);
    None when it is missing or malformed, or names an entry after the
    comment's latest one (`latest`): the page is then refused as changed."""
    found = MARKER.fullmatch(value or "")
    if found is None or int(found[1]) > latest:
        return None
    return int(found[1]), found[2]


def read_entry(value: str | None, latest: int) -> int | None:
    """A queue row's marker (its latest log entry, SEEN): None when missing,
    malformed or after the comment's latest entry `latest`."""
    if value is None or ENTRY.fullmatch(value) is None or int(value) > latest:
        return None
    return int(value)


def shown_entries(
    posted: dict[int, str | None], latest: dict[int, int]
) -> dict[int, int]:
    """The entry of its log each queue row showed (id → entry), read from the
    rows' markers `posted` (id → marker) of the comments whose latest entries
    are `latest`: only an entry a row of that comment can have shown, one of
    its own log, or 0 while its log has no entry of its posting (a comment
    from before posts were logged). Any other marker (missing, malformed,
    after the latest entry, another comment's, or from before the comment
    was posted) leaves the comment out: what its row showed is not known."""
    read = {
        pk: entry
        for pk, value in posted.items()
        if pk in latest and (entry := read_entry(value, latest[pk])) is not None
    }
    if not read:
        return {}
    own, logged_post = set(), set()
    for comment_id, entry, action in ModerationLog.objects.filter(
        Q(pk__in=[entry for entry in read.values() if entry])
        | Q(action=ModerationLog.Action.POSTED),
        comment_id__in=list(read),
    ).values_list("comment_id", "pk", "action"):
        if entry == read[comment_id]:
            own.add(comment_id)
        if action == ModerationLog.Action.POSTED:
            logged_post.add(comment_id)
    return {
        pk: entry
        for pk, entry in read.items()
        if (pk in own if entry else pk not in logged_post)
    }


def change_words(entry: ModerationLog) -> str:
    """A change in the log as a moderator reads it: "Approved by Rina at
    17.03 WIB"; one no moderator made, "Held as part of a wave
    automatically at 17.03 WIB" (it had read "… by automatic at …")."""
    said = {"action": entry.get_action_display(), "time": clock_time(entry.at)}
    if entry.moderator is None:
        return gettext("%(action)s automatically at %(time)s") % said
    return gettext("%(action)s by %(user)s at %(time)s") % {
        **said,
        "user": display_user(entry.moderator),
    }


class CommentEditForm(forms.ModelForm):
    note = forms.CharField(
        label=_("Note for the moderation log"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, **NOT_RESTORED}),
        help_text=_("Why you edit or moderate this comment (moderators only)."),
    )
    # The comment as this page showed it (seen_marker): a change made since
    # by someone else is not overwritten unseen.
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["text"]  # the status changes only through moderation
        # Not restored by the browser into a page fetched afresh (Back from
        # the page of a refused save, reload): a text typed over another
        # moderator's save would go with that save's marker, unseen.
        widgets = {"text": forms.Textarea(attrs={"dir": "auto", **NOT_RESTORED})}

    # Set by clean() when the comment changed after the page was opened:
    # the log's entries since, and whether the text sent is the moderator's
    # own edit (kept in the form) or the page's copy of the old text (the
    # form shows the text as it is now instead).
    stale = False
    changes_since: list = []
    text_kept = False
    seen_entry_sent: int | None = None  # the latest entry the page had shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A text of zero-width characters only is empty once the desk's
        # form drops them: said as the comment rule says it, not "This
        # field is required."
        self.fields["text"].error_messages["required"] = COMMENT_MESSAGES["edit_empty"]
        if self.instance.pk is not None:
            self.fields["seen"].initial = seen_marker(self.instance)

    def clean(self):
        """An edited text refused at its field by the rule comment_edit keeps
        to (comment_edit_text), before anything is saved; and the whole form
        refused when the comment changed after the page showed it."""
        cleaned = super().clean()
        if "text" in cleaned and "text" in self.changed_data:
            try:
                comment_edit_text(cleaned["text"])
            except ValidationError as error:
                self.add_error(None, error)
        self._refuse_if_changed(cleaned)
        return cleaned

    def _refuse_if_changed(self, cleaned) -> None:
        if self.instance.pk is None:
            return
        seen = self._marker()
        self.seen_entry_sent = None if seen is None else seen[0]
        if seen is None:
            # Missing or malformed (a page from before markers, or not one
            # this site wrote): refused as changed, as closed as can be; the
            # page shown next carries a marker.
            changes, text_kept = [], "text" in self.changed_data
        else:
            entry, digest = seen
            changes = list(ModerationLog.objects.after({self.instance.pk: entry}))
            if not changes:
                return
            # As the text is kept (clean_reader_text): a browser sends a
            # textarea's line ends as CRLF, and an untouched comment of
            # several lines had been taken for the moderator's edit, their
            # page's old copy then saved over a colleague's redaction.
            sent = clean_reader_text(self.data.get("text", ""))
            text_kept = _text_digest(sent) != digest
        self.stale = True
        self.changes_since = changes
        self.text_kept = text_kept
        # Shown again: carrying the comment as it is now, so that what is
        # sent next is decided on it (with the text as it is now, unless the
        # moderator had edited it).
        data = self.data.copy()
        data["seen"] = seen_marker(self.instance)
        if not self.text_kept:
            data["text"] = self.instance.text
        self.data = data
        self.add_error(
            None,
            gettext(
                "Nothing was saved: this comment was changed after you opened "
                "it. See what changed below."
            ),
        )

    def seen_entry(self) -> int | None:
        """The latest log entry of the comment the page showed (None: not
        known, and the form refused)."""
        seen = self._marker()
        return None if seen is None else seen[0]

    def _marker(self) -> tuple[int, str] | None:
        latest = getattr(self.instance, "last_change", 0)
        return _read_marker(self.data.get("seen", ""), latest)


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline):
    extra = 0
    can_delete = False
    empty_value_display = EMPTY


class FlagInline(ReadOnlyInline):
    model = CommentFlag
    fields = ["created_at", "reason", "text", "source", "dismissed"]
    readonly_fields = fields
    verbose_name_plural = _("Readers' reports")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("dismissed_by")

    @admin.display(description=_("dismissed"))
    def dismissed(self, obj):
        """When and by whom a moderator dismissed the report (approving or
        keeping the comment); empty while it counts."""
        if obj.dismissed_at is None:
            return EMPTY
        return gettext("%(time)s by %(user)s") % {
            "time": date_format(
                timezone.localtime(obj.dismissed_at), "DATETIME_FORMAT"
            ),
            "user": display_user(obj.dismissed_by),
        }


class LogInline(ReadOnlyInline):
    model = ModerationLog
    fields = ["at", "by", "action", "from_label", "to_label", "note_label"]
    readonly_fields = fields
    verbose_name_plural = _("Moderation log")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("moderator")

    @admin.display(description=_("by"))
    def by(self, obj):
        return display_user(obj.moderator, empty=_("automatic"))

    @admin.display(description=_("from"))
    def from_label(self, obj):
        return status_label(obj.from_status)

    @admin.display(description=_("to"))
    def to_label(self, obj):
        return status_label(obj.to_status)

    @admin.display(description=_("note"))
    def note_label(self, obj):
        return obj.note_text() or EMPTY


@admin.register(Comment)
class CommentAdmin(ConfirmedSelectAcross, PlainActionCheckbox, admin.ModelAdmin):
    """The moderation queue; a comment's page edits its text and moderates it."""

    # Six columns with the buttons, so that the queue fits a laptop's screen
    # beside the menu and the filters (1280 px): when it is posted under the
    # text (which sorts by it), why it waits under its status.
    list_display = ["excerpt", "sender", "article_link", "state"]
    list_display_links = ["excerpt"]
    list_filter = [QueueFilter, ReasonFilter, ArticleFilter]
    search_fields = ["text", "author_name", "author_email"]
    search_help_text = _(
        "Search the text, the name and the email address, or the IP address: "
        "whole, or its beginning (203.0.113.). A search looks through every "
        "comment, whatever its status; choose a status to narrow it."
    )
    list_per_page = 100
    show_full_result_count = False  # no COUNT(*) over every comment ever posted
    paginator = AdminCappedPaginator  # nor of every one the list could show

    def get_paginator(self, request, queryset, per_page, *args, **kwargs):
        # Counted as far as the page asked for, when it is beyond the bound.
        return self.paginator(
            queryset, per_page, *args, reach=request.GET.get(PAGE_VAR), **kwargs
        )

    action_form = ModerationActionForm
    actions = ["ban_senders"]  # and the moderation actions: see get_actions
    form = CommentEditForm
    inlines = [FlagInline, LogInline]
    change_form_template = "admin/articles/comment/change_form.html"
    empty_value_display = EMPTY

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "text",
                    "links_shown",
                    "note",
                    "seen",
                    "edit_label",
                    "original_text",
                ]
            },
        ),
        (
            _("Status and reasons"),
            {"fields": ["status", "reason_list", "flag_count", "status_changed_at"]},
        ),
        (
            _("Sender"),
            {
                "fields": [
                    "author_name",
                    "author_email",
                    "staff_author",
                    "ip_address",
                    "ip_network",
                    "user_agent",
                    "created_at",
                ]
            },
        ),
        (_("Thread"), {"fields": ["article_link", "reply_to"]}),
    ]
    readonly_fields = [
        "links_shown",
        "edit_label",
        "original_text",
        "status",
        "reason_list",
        "flag_count",
        "status_changed_at",
        "author_name",
        "author_email",
        "staff_author",
        "ip_address",
        "ip_network",
        "user_agent",
        "created_at",
        "article_link",
        "reply_to",
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        left_out = set()
        if obj is not None and reports_counted(obj):
            # The reasons say "Reported by readers: 3 reports, 2 sources":
            # not "Reports: 3" again under them (as a queue row, `state`).
            left_out.add("flag_count")
        if not self.has_change_permission(request, obj):
            # Read-only view: no note to write, nothing sent.
            left_out |= {"note", "seen"}
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f not in left_out]})
            for name, opts in fieldsets
        ]

    def view_on_site(self, obj):
        """The comment on its story's page, while both are on the site (a
        story unpublished or not yet out answered 404, and a comment not
        shown is not on the page: no link then)."""
        on_site = obj.is_public and obj.article.is_public
        return obj.get_absolute_url() if on_site else None

    def get_queryset(self, request):
        # with_last_change: what the rows and a comment's page carry of the
        # comment they show (a change made since is not overruled unseen).
        return super().get_queryset(request).for_moderation().with_last_change()

    def get_search_results(self, request, queryset, search_term):
        """An IP address, or the beginning of one, finds the comments sent
        from it (CommentQuerySet.sent_from); anything else, the text, name and email."""
        network = searched_network(search_term)
        if network is None:
            return super().get_search_results(request, queryset, search_term)
        try:
            return queryset.sent_from(network), False
        except ValueError:
            self.message_user(
                request,
                gettext(
                    "“%(network)s” is more addresses than the search looks "
                    "through: type at least the first two numbers of an IPv4 "
                    "address (203.0.) or the first three groups of an IPv6 one "
                    "(2001:db8:1:)."
                )
                % {"network": network},
                messages.WARNING,
            )
            return queryset.none(), False

    def get_list_display(self, request):
        if not self.has_change_permission(request):
            return self.list_display
        # The buttons next to the text they decide on (the last columns
        # scroll out of sight on a laptop screen).
        first, *rest = self.list_display
        return [first, "row_actions", *rest]

    def get_urls(self):
        moderate = path(
            "<int:pk>/moderate/",
            self.admin_site.admin_view(self.moderate_row_view),
            name="articles_comment_moderate",
        )
        confirm = path(
            "confirm/<slug:key>/",
            self.admin_site.admin_view(self.confirmation_view),
            name="articles_comment_confirm",
        )
        ban = path(
            "<int:pk>/ban/",
            self.admin_site.admin_view(self.ban_sender_view),
            name="articles_comment_ban",
        )
        return [moderate, confirm, ban, *super().get_urls()]

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def changelist_view(self, request, extra_context=None):
        status = request.GET.get(QueueFilter.parameter_name)
        in_queue = status == QueueFilter.QUEUE or (
            status is None and not searching(request)
        )
        title = gettext("Moderation queue") if in_queue else gettext("Comments")
        response = super().changelist_view(
            request, {"title": title, **(extra_context or {})}
        )
        if hasattr(request, "refused_filter") and response.status_code != 302:
            # Asked with "?e=1" too: Django's "Database error" page. The
            # filter has said what it refused: the plain list, as without it.
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return response

    def has_add_permission(self, request):
        return False  # comments come from readers

    def has_delete_permission(self, request, obj=None):
        return False  # moderation changes a status; nothing is deleted

    # Columns and read-only fields

    @admin.display(description=_("comment"), ordering="created_at")
    def excerpt(self, obj):
        # dir="auto": a right-to-left comment reads from the right. Its links
        # as readers get them: a look-alike host in punycode, marked.
        text = format_html(
            '<span dir="auto">{}</span>',
            links_as_readers_get_them(obj.text, EXCERPT_CHARS),
        )
        if obj.edited_at:
            text = format_html("{} <em>({})</em>", text, gettext("edited"))
        if obj.parent_id is not None:
            text = format_html(
                '{}<br><small class="in-reply-to">{}</small>',
                text,
                _answers(obj.parent),
            )
        return format_html("{}<br>{}", text, _posted(obj))

    @admin.display(description=_("sender"), ordering="author_name")
    def sender(self, obj):
        return format_html(
            "{}<br><small>{}</small><br><small>{}</small>",
            obj.author_name,
            obj.author_email or EMPTY,
            obj.ip_address or EMPTY,
        )

    @admin.display(description=_("article"))
    def article_link(self, obj):
        article = obj.article
        queue_url = reverse_once("admin:articles_comment_changelist")
        return format_html(
            '<a href="{}?article={}" title="{}">{}</a> '
            '<a href="{}" target="_blank" rel="noopener" title="{}">↗</a>',
            queue_url,
            article.pk,
            gettext("Comments on this article"),
            article.title,
            article.get_absolute_url(),
            gettext("The article on the site"),
        )

    @admin.display(description=_("status"), ordering="status")
    def state(self, obj):
        """The status, then why the comment waits (its reasons) and how many
        readers reported it, unless the reasons say it ("Reported by
        readers: 3 reports, 2 sources" had been followed by "3 reports")."""
        lines = [obj.get_status_display(), *reasons_now(obj)]
        if obj.flag_count and not reports_counted(obj):
            lines.append(
                ngettext("%(count)d report", "%(count)d reports", obj.flag_count)
                % {"count": obj.flag_count}
            )
        first, *more = lines
        return format_html(
            "{}{}",
            first,
            format_html_join(
                "", '<br><small class="why">{}</small>', ((m,) for m in more)
            ),
        )

    @admin.display(description=_("reasons"))
    def reason_list(self, obj):
        reasons = reasons_now(obj)
        if not reasons:
            return EMPTY
        return format_html_join(mark_safe("<br>"), "{}", ((r,) for r in reasons))

    @admin.display(description=_("moderate"))
    def row_actions(self, obj):
        """Approve and reject buttons sent with the page's one small form
        (forms cannot nest in the list's own form); see moderate_row_view."""
        url = reverse("admin:articles_comment_moderate", args=[obj.pk])
        # What the row showed of the comment, sent with its buttons (the
        # form posts every row's: moderate_row_view reads its own).
        seen = format_html(
            '<input type="hidden" form="row-moderation" name="{}_{}" value="{}">',
            SEEN,
            obj.pk,
            obj.last_change,
        )
        buttons = format_html_join(
            mark_safe("<br>"),
            '<button type="submit" form="row-moderation" formaction="{}" '
            'name="moderate" value="{}" class="button{}" aria-label="{}">{}</button>',
            (
                (
                    url,
                    action.name,
                    " default" if action.name == "approve" else "",
                    gettext("%(action)s comment %(id)d by %(name)s")
                    % {
                        "action": action.label_for(obj),
                        "id": obj.pk,
                        "name": obj.author_name,
                    },
                    action.label_for(obj),
                )
                for action in MODERATION_ACTIONS.values()
                if action.one_click and action.changes(obj)
            ),
        )
        return seen + buttons

    @admin.display(description=_("edited"))
    def edit_label(self, obj):
        if not obj.edited_at:
            return gettext("Not edited: the text is the reader's own.")
        return gettext(
            "Edited by %(by)s on %(at)s; the reader's original text is below."
        ) % {
            "by": display_user(obj.edited_by),
            "at": date_format(timezone.localtime(obj.edited_at), "DATETIME_FORMAT"),
        }

    @admin.display(description=_("staff author"))
    def staff_author(self, obj):
        return display_user(obj.user, empty=EMPTY)

    @admin.display(description=_("in reply to"))
    def reply_to(self, obj):
        if obj.parent_id is None:
            return EMPTY
        url = reverse("admin:articles_comment_change", args=[obj.parent_id])
        return format_html(
            '<a href="{}">#{}</a> {}', url, obj.parent_id, _answers(obj.parent)
        )

    @admin.display(description=_("links as readers get them"))
    def links_shown(self, obj):
        """Each address of the text that readers get as a link, written as it
        leads (a look-alike host in punycode, marked): the text box above
        shows it as typed."""
        text = clean_reader_text(obj.text)
        links = [
            links_as_readers_get_them(text[start:end])
            for start, end, _target in reader_links(text)
        ]
        if not links:
            return EMPTY
        return format_html_join(mark_safe("<br>"), "{}", ((link,) for link in links))

    # Moderation: every action is a record of MODERATION_ACTIONS, taken from
    # the list (selected comments), a row's one-click button or the buttons
    # on a comment's page, and done by _moderate.

    def get_actions(self, request):
        actions = super().get_actions(request)
        if IS_POPUP_VAR in request.GET:
            return actions
        moderation = {
            action.name: (_bulk_action(action), action.name, action.description)
            for action in MODERATION_ACTIONS.values()
            if request.user.has_perm(action.permission)
        }
        return {**moderation, **actions}

    def action_checkbox(self, obj):
        # With the latest log entry the row shows (see seen_in_list).
        return format_html(
            '{}<input type="hidden" name="{}_{}" value="{}">',
            super().action_checkbox(obj),
            SEEN,
            obj.pk,
            getattr(obj, "last_change", 0),  # 0: a row not from get_queryset
        )

    # The capped list's confirmation posts on what each ticked row showed.
    across_carries = (f"{SEEN}_",)

    def action_confirms_its_rows(self, request, name: str, queryset) -> bool:
        # Their pages (_confirmation) name the exact number selected: asked
        # there, the whole list is asked about once. So is the answer to one.
        answered = open_question(
            request.session, CONFIRMATIONS, request.POST.get(CONFIRMATION, "")
        )
        if name == "ban_senders" or (answered and answered["action"] == name):
            return True
        action = MODERATION_ACTIONS.get(name)
        if action is None:
            return False
        asking, _moves = self._asking(
            request, queryset, action, list(seen_in_list(request))
        )
        return asking is not None

    def _asking(self, request, queryset, action: ModerationAction, ids: list[int]):
        """What the list's action asks about first (None: nothing, it acts
        at once), and the moves of the selected comments `ids` given another
        status (or held) since the list showed them (overtaken), which it
        leaves as they are and does not ask about."""
        moves = overtaken(seen_in_list(request), ids)
        asking = queryset.exclude(pk__in=list(moves))
        if asking.exists() and action.asks_first(asking):
            return asking, moves
        return None, moves

    def moderate_selected(self, request, queryset, action: ModerationAction):
        """The list's action: when it asks first (ModerationAction.asks_first),
        its confirmation page, listing the comments; then the action."""
        note = request.POST.get("note", "").strip()
        posted = seen_in_list(request)
        selected = set(request.POST.getlist(ACTION_CHECKBOX_NAME))
        # Only the ids: the service locks and reads the rows itself.
        comments = list(queryset.select_related(None).prefetch_related(None).only("pk"))
        # Selected as the page showed them, and gone from the list since
        # (another moderator approved one waiting in the queue): still the
        # moderator's choice, which the service leaves out, saying by whom.
        listed_now = {c.pk for c in comments}
        gone = list(
            Comment.objects.filter(
                pk__in=[
                    pk for pk in posted if str(pk) in selected and pk not in listed_now
                ]
            ).only("pk")
        )
        if "apply" in request.POST and self._answered_already(request):
            return None  # back to the list
        if "apply" not in request.POST:
            # Those given another status (or held) since the list showed
            # them are left as they are: named on the question, which asks
            # only about the rest, and asks nothing when no rest is left.
            asking, moves = self._asking(
                request, queryset, action, [c.pk for c in comments + gone]
            )
            if asking is not None:
                # Asked once: not after the capped list's own confirmation
                # too, whose answer is not posted on with this one's.
                question = self._list_question(
                    request,
                    asking,
                    action.name,
                    note=note,
                    dropping={"note", ACROSS_CONFIRMED, ACROSS_QUESTION},
                )
                if moves:
                    question["overtaken"] = overtaken_message(list(moves.values()))
                return self._ask_first(request, question)
        comments += gone
        seen, unmarked = self._marked(request, comments, posted, selected)
        comments = [c for c in comments if c.pk not in unmarked]
        if comments:
            self._moderate(request, comments, action, note, seen=seen)
        if unmarked:
            # What their rows showed is not known (a list from before the
            # markers, or a marker this site did not write): as a row's
            # button does, nothing is done to them.
            self.message_user(
                request,
                ngettext(
                    "%(count)s comment is left as it was: the list did not say "
                    "what it showed of it, so it may have changed since. The "
                    "list below shows it as it is now.",
                    "%(count)s comments are left as they were: the list did "
                    "not say what it showed of them, so they may have changed "
                    "since. The list below shows them as they are now.",
                    len(unmarked),
                )
                % {"count": number_format(len(unmarked), force_grouping=True)},
                messages.WARNING,
            )
        self._answered(request)
        return None  # back to the list

    @staticmethod
    def _marked(request, comments, posted: dict[int, str], selected: set[str]):
        """The latest log entry each of `comments` showed (id → entry, from
        the markers `posted`), and the ids of those whose marker is missing
        or malformed (read_entry). With "select all" across pages, comments
        the list did not show carry no marker and are acted on as they are;
        one the page showed (its box ticked) or that posted a malformed
        marker is still left out."""
        latest = dict(
            Comment.objects.with_last_change()
            .filter(pk__in=[c.pk for c in comments])
            .values_list("pk", "last_change")
        )
        across = request.POST.get("select_across") == "1"
        seen = shown_entries({pk: posted.get(pk) for pk in latest}, latest)
        unmarked = {
            comment.pk
            for comment in comments
            if comment.pk not in seen
            and (comment.pk in posted or not across or str(comment.pk) in selected)
        }
        return seen, unmarked

    def _moderate(
        self, request, comments, action: ModerationAction, note: str, seen=None
    ):
        """Moderate `comments` as the page showed them (`seen`: id → the
        latest log entry shown) and say what became of them."""
        try:
            done = services.comment_moderate_as_seen(
                comments=comments,
                action=action.name,
                moderator=request.user,
                note=note,
                seen=seen or {},
            )
        except (PermissionDenied, ValidationError) as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return
        changed = done.changed
        message = action.done_message(changed, kept=done.kept) if changed else ""
        unchanged = len(comments) - changed - len(done.overtaken)
        if unchanged:
            message += " " + ngettext(
                "%(count)s left as it was.", "%(count)s left as they were.", unchanged
            ) % {"count": number_format(unchanged, force_grouping=True)}
        if message:
            self.message_user(
                request,
                message.strip(),
                messages.SUCCESS if changed else messages.WARNING,
            )
        if done.overtaken:
            self.message_user(
                request, overtaken_message(done.overtaken), messages.WARNING
            )

    @admin.action(
        description=_("Ban the senders of the selected comments…"),
        permissions=["add_ban"],
    )
    def ban_senders(self, request, queryset):
        senders = senders_of(queryset)
        ban_fields = {"apply", *BanSendersForm.base_fields}
        if "apply" not in request.POST:
            return self._ask_first(
                request,
                self._list_question(
                    request,
                    queryset,
                    "ban_senders",
                    senders=senders,
                    dropping=ban_fields,
                ),
            )
        if self._answered_already(request):
            return None  # back to the queue
        form = BanSendersForm(request.POST, senders=senders)
        if form.is_valid():
            self._ban(request, form, senders[form.cleaned_data["kind"]])
            self._answered(request)
            return self._back_to_the_page_that_asked(request)
        # Refused: the question again, with what was wrong, still leading
        # back to the comment whose page asked it.
        question = self._list_question(
            request, queryset, "ban_senders", senders=senders, dropping=ban_fields
        )
        question["original"] = (self._question_posted(request) or {}).get("original")
        return self._confirmation_page(
            request, question, request.POST.get(CONFIRMATION, ""), form=form
        )

    def _list_question(
        self, request, queryset, action_name, *, dropping, note="", senders=None
    ) -> dict:
        """What a confirmation page asks about the list's selection: the
        first BAN_PAGE_ROWS comments and their number, and what the list
        posted (but `dropping`), to be posted to it again with the answer.
        "Select all" across pages is posted on as such, not as every id."""
        ids = queryset.select_related(None).prefetch_related(None)
        shown = list(ids.values_list("pk", flat=True)[:BAN_PAGE_ROWS])
        return question_record(
            action=action_name,
            post_to=request.get_full_path(),
            carried=carried_fields(request.POST, dropping={"apply", *dropping}),
            shown=shown,
            count=ids.count() if len(shown) == BAN_PAGE_ROWS else len(shown),
            note=note,
            senders=senders,
        )

    def _ask_first(self, request, question: dict):
        """The answer to an action's POST that asks first: a redirect (303)
        to the confirmation page, the question kept in the session."""
        key = keep_question(request.session, CONFIRMATIONS, question)
        return see_other(reverse("admin:articles_comment_confirm", args=[key]))

    def _answered_already(self, request) -> bool:
        """Whether the posted answer's question was answered already (in
        another tab): nothing is done, and the moderator is told so."""
        key = request.POST.get(CONFIRMATION)
        return bool(key) and refused_as_answered(self, request, CONFIRMATIONS, key)

    def _answered(self, request) -> None:
        """The confirmation page the posted answer came from now says that
        it is done (Back after the answer shows that, not the question)."""
        key = request.POST.get(CONFIRMATION)
        if key:
            mark_answered(request.session, CONFIRMATIONS, key)

    def confirmation_view(self, request, key: str):
        """The question an action asks first (_ask_first); once answered
        (Back after the answer), that it is done."""
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        question = open_question(request.session, CONFIRMATIONS, key)
        if question is None:
            self.message_user(
                request,
                gettext(
                    "That question is no longer open (it was asked more than an "
                    "hour ago): choose the comments again."
                ),
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:articles_comment_changelist"))
        action = MODERATION_ACTIONS.get(question["action"])
        if not request.user.has_perm(
            action.permission if action else "articles.add_ban"
        ):
            raise PermissionDenied
        form = None
        if action is None:
            form = BanSendersForm(senders=question["senders"])
        return self._confirmation_page(request, question, key, form=form)

    def _confirmation_page(self, request, question: dict, key: str, *, form=None):
        """The page asking `question` (or saying it is done), whose answer
        posts what the action's page posted back to it, with CONFIRMATION."""
        action = MODERATION_ACTIONS.get(question["action"])
        found = (
            Comment.objects.select_related(None)
            .only("pk", "text", "author_name", "author_email", "ip_address", "status")
            .in_bulk(question["shown"])
        )
        original = None
        if question["original"] is not None:
            original = Comment.objects.filter(pk=question["original"]).first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "comments": [found[pk] for pk in question["shown"] if pk in found],
            "count": question["count"],
            "note": question["note"],
            "original": original,
            "text_edited": question["text_edited"],
            "overtaken": question.get("overtaken", ""),
            "post_to": question["post_to"],
            "carried": question["carried"],
            "confirmation_name": CONFIRMATION,
            "confirmation": key,
            "confirmed_name": CONFIRMED,
            "action_name": question["action"],
            "done": question["done"],
            "media": self.media,
        }
        if action is not None:
            context.update(
                title=action.confirm_title,
                question=action.question_for(question["count"]),
                confirm_label=action.confirm_button,
            )
        else:
            context.update(
                title=ngettext("Ban the sender", "Ban the senders", question["count"]),
                form=form,
                adminform=AdminForm(
                    form,
                    [(None, {"fields": list(form.fields)})],
                    prepopulated_fields={},
                    model_admin=self,
                ),
                media=self.media + form.media,
            )
        request.current_app = self.admin_site.name
        template = TEMPLATES.get(question["action"], TEMPLATES[None])
        return TemplateResponse(request, template, context)

    def moderate_row_view(self, request, pk: int):
        """One click on a queue row: a one-click action on that comment (POST)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        action = MODERATION_ACTIONS.get(request.POST.get("moderate", ""))
        if action is None or not action.one_click:
            return HttpResponseBadRequest(gettext("Unknown moderation action."))
        if not request.user.has_perm(action.permission):
            raise PermissionDenied
        comment = get_object_or_404(Comment.objects.with_last_change(), pk=pk)
        queue = reverse("admin:articles_comment_changelist")
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = queue
        entry = shown_entries(
            {comment.pk: request.POST.get(f"{SEEN}_{comment.pk}")},
            {comment.pk: comment.last_change},
        ).get(comment.pk)
        if entry is None:
            # What the row showed is not known (a page from before markers,
            # or a marker this site did not write): nothing is done, and the
            # list shown again shows the comment as it is.
            self.message_user(
                request,
                gettext("The comment was changed after you opened it."),
                messages.WARNING,
            )
            return HttpResponseRedirect(back)
        seen = {comment.pk: entry}
        # A comment moved since the row showed it is left as it is by the
        # service, which says by whom: nothing to ask about.
        moved_since = ModerationLog.objects.after(seen).decisions().exists()
        if action.asks_first(comment) and action.changes(comment) and not moved_since:
            # Answered as the list's action on this one comment, posted to
            # the list the row was on.
            return self._ask_first(
                request,
                question_record(
                    action=action.name,
                    post_to=back if urlsplit(back).path == queue else queue,
                    carried=[
                        ["action", action.name],
                        [ACTION_CHECKBOX_NAME, str(comment.pk)],
                        *([f"{SEEN}_{pk}", str(entry)] for pk, entry in seen.items()),
                    ],
                    shown=[comment.pk],
                    count=1,
                ),
            )
        self._moderate(request, [comment], action, note="", seen=seen)
        return HttpResponseRedirect(back)

    def has_add_ban_permission(self, request):
        return request.user.has_perm("articles.add_ban")

    def ban_sender_view(self, request, pk: int):
        """A comment's page's "Ban sender…" (POST): the list's ban action
        (ban_senders) asked about that one comment, its answer posted to
        the list of all comments, which sends the moderator back to the
        comment's page once the ban is made."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (
            self.has_add_ban_permission(request)
            and self.has_view_or_change_permission(request)
        ):
            raise PermissionDenied
        comment = get_object_or_404(Comment.objects.only("pk"), pk=pk)
        # Every comment, whatever its status: the queue (the list's default)
        # would leave one decided already out of the selection.
        every_comment = "{}?{}=all".format(
            reverse("admin:articles_comment_changelist"), QueueFilter.parameter_name
        )
        return self._ask_first(
            request,
            question_record(
                action="ban_senders",
                post_to=every_comment,
                carried=[
                    ["action", "ban_senders"],
                    [ACTION_CHECKBOX_NAME, str(comment.pk)],
                ],
                shown=[comment.pk],
                count=1,
                senders=senders_of(Comment.objects.filter(pk=comment.pk)),
                original=comment.pk,
            ),
        )

    def _question_posted(self, request) -> dict | None:
        """The question whose answer `request` posts, as it was asked."""
        key = request.POST.get(CONFIRMATION, "")
        return open_question(request.session, CONFIRMATIONS, key)

    def _back_to_the_page_that_asked(self, request):
        """Where an answered ban question leads: the page of the comment
        whose page asked it (ban_sender_view), or (None) back to the list."""
        question = self._question_posted(request)
        if question is None or question.get("original") is None:
            return None
        page = reverse("admin:articles_comment_change", args=[question["original"]])
        return HttpResponseRedirect(page)

    def _ban(self, request, form, values: list[str]) -> None:
        kind, kind_label = SENDER_KINDS[form.cleaned_data["kind"]]
        duration_label, until = DURATIONS[form.cleaned_data["duration"]]
        banned, failed = [], []
        for value in values:
            try:
                services.ban_create(
                    kind=kind,
                    value=value,
                    moderator=request.user,
                    until=until,
                    reason=form.cleaned_data["reason"],
                    reject_pending=form.cleaned_data["reject_pending"],
                )
            except (PermissionDenied, ValidationError) as error:
                failed.append(f"{value} ({aside(error)})")
            else:
                banned.append(value)
        if banned:
            message = ngettext(
                "%(count)s ban made (%(kind)s, %(duration)s): %(values)s.",
                "%(count)s bans made (%(kind)s, %(duration)s): %(values)s.",
                len(banned),
            ) % {
                "count": number_format(len(banned), force_grouping=True),
                "kind": _in_a_sentence(kind_label),
                "duration": _in_a_sentence(duration_label),
                "values": listed(banned),
            }
            if form.cleaned_data["reject_pending"]:
                message += " " + gettext("Their pending comments were rejected.")
            self.message_user(request, message, messages.SUCCESS)
        if failed:
            self.message_user(
                request,
                gettext("Not banned: %(values)s.") % {"values": "; ".join(failed)},
                messages.ERROR,
            )

    # The change page: the text is edited through comment_edit, the status
    # changes only through the moderation buttons (the same service as the
    # actions).

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A button whose action asks first (ModerationAction.asks_first:
        Remove from the site, or Reject and Spam on a comment readers see)
        shows the confirmation first, as the list's action does; the page is
        saved and the comment moderated only once that is posted
        (CONFIRMED).

        A save refused because the comment changed since the page was opened
        answers with a redirect (303) to the page at its own address with a
        STALE key (_stale_page_view): Back, Forward and reload read it again."""
        if request.method == "GET" and STALE in request.GET:
            return self._stale_page_view(request, object_id, form_url, extra_context)
        if (
            request.method == "POST"
            and CONFIRMED in request.POST
            and self._answered_already(request)
        ):
            return HttpResponseRedirect(request.path)
        if request.method == "POST" and AS_IT_IS in request.POST:
            self._as_it_is(request, object_id)
        action = self._moderation_asked(request)
        if (
            request.method == "POST"
            and action is not None
            and CONFIRMED not in request.POST
        ):
            obj = self.get_object(request, unquote(object_id))
            # Refused, missing or not changed by it: as without the step.
            if (
                obj is not None
                and self.has_change_permission(request, obj)
                and request.user.has_perm(action.permission)
                and action.changes(obj)
                and action.asks_first(obj)
            ):
                asking = self._confirm_on_its_page(request, obj, action)
                if asking is not None:
                    return asking
        response = super().change_view(request, object_id, form_url, extra_context)
        refused = getattr(request, "comment_stale_page", None)
        if refused is None:
            return response
        query = request.GET.copy()
        query[STALE] = keep_question(request.session, STALE_PAGES, refused)
        return see_other(f"{request.path}?{query.urlencode()}")

    def _stale_page_view(self, request, object_id, form_url, extra_context):
        """The page of a save refused as stale (a GET): what changed since
        the moderator's page was opened, up to now, above the form with what
        they sent (their edit, their note) and the comment as it is now. Gone
        (kept for an hour), not this comment's or saved from already: the
        comment's page, saying so."""
        query = request.GET.copy()
        key = query.pop(STALE)[-1]
        page = request.path + (f"?{query.urlencode()}" if query else "")
        refused = open_question(request.session, STALE_PAGES, key)
        if refused is None or str(refused["comment"]) != unquote(object_id):
            message = gettext(
                "That page is not open any more (it is kept for an hour): the "
                "comment is shown as it is now."
            )
        elif refused["done"]:
            message = gettext(
                "You have saved from that page already: the comment is shown "
                "as it is now."
            )
        else:
            request.comment_stale_state = refused
            return super().change_view(request, object_id, form_url, extra_context)
        self.message_user(request, message, messages.WARNING)
        return HttpResponseRedirect(page)

    def _as_it_is(self, request, object_id) -> None:
        """The choice of a page that found the comment changed since it was
        opened: its action on the comment as it is now. The text sent is
        replaced by the stored one; the marker the page carries now (of
        the comment it showed as changed) still refuses a further change."""
        obj = self.get_object(request, unquote(object_id))
        action = MODERATION_ACTIONS.get(request.POST[AS_IT_IS])
        if obj is None or action is None:
            return
        posted = request.POST.copy()
        posted["text"] = obj.text
        posted["_moderate"] = action.name
        del posted[AS_IT_IS]
        request.POST = posted

    def _confirm_on_its_page(self, request, obj, action: ModerationAction):
        """The action's confirmation page for the comment (a redirect to it),
        carrying what its page posted (the edit, the inlines' forms) on to be
        posted again, kept in the session meanwhile; None when the edit is
        refused: the page comes back with its errors, and nothing is saved or
        moderated."""
        fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        form_class = self.get_form(request, obj, change=True, fields=fields)
        # A copy: validating puts the edit on the form's instance.
        form = form_class(request.POST, request.FILES, instance=copy.copy(obj))
        if not form.is_valid():
            return None
        edited = "text" in form.changed_data and (
            comment_edit_text(form.cleaned_data["text"]) != obj.text
        )
        return self._ask_first(
            request,
            question_record(
                action=action.name,
                post_to=request.get_full_path(),
                carried=carried_fields(
                    request.POST, dropping={"note", "_moderate", CONFIRMED}
                ),
                shown=[obj.pk],
                count=1,
                note=form.cleaned_data["note"],
                original=obj.pk,
                text_edited=edited,
            ),
        )

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        can_change = obj is not None and self.has_change_permission(request, obj)
        form = context["adminform"].form
        asked = self._moderation_asked(request)
        state = getattr(request, "comment_stale_state", None)
        if state is not None and can_change:
            # The page of a refused save, read again (_stale_page_view).
            asked = MODERATION_ACTIONS.get(state["action"])
            form.stale, form.text_kept = True, state["text_kept"]
            form.changes_since = (
                list(ModerationLog.objects.after({obj.pk: state["entry"]}))
                if state["entry"] is not None
                else []
            )
            form.initial["note"] = state["note"]
            if form.text_kept:
                form.initial["text"] = state["text"]
        elif getattr(form, "stale", False) and request.method == "POST":
            if set(form.errors) == {NON_FIELD_ERRORS} and (
                len(form.non_field_errors()) == 1
            ):
                # Refused for that alone: answered with a redirect to the
                # page, which change_view makes (Post/Redirect/Get).
                request.comment_stale_page = {
                    "comment": obj.pk,
                    "entry": form.seen_entry_sent,
                    "text": form.data.get("text", "") if form.text_kept else "",
                    "text_kept": form.text_kept,
                    "note": form.data.get("note", ""),
                    "action": asked.name if asked is not None else "",
                }
        if getattr(form, "stale", False):
            # The comment as it is stored, not as the form left it (with the
            # text the page sent): the panel, the heading, the breadcrumb and
            # the inlines, read from the database, not from what was posted.
            obj = self.get_object(request, str(obj.pk)) or obj
            context["changed_since"] = {
                "changes": [
                    (change_words(entry), entry.note_text())
                    for entry in form.changes_since
                ],
                "text_now": obj.text,
                "text_kept": form.text_kept,
                "status_now": obj.get_status_display(),
                "action": asked if asked is not None and asked.changes(obj) else None,
                "action_label": "" if asked is None else asked.label_for(obj),
            }
            context.update(
                original=obj,
                subtitle=str(obj),
                inline_admin_formsets=self._inlines_as_stored(request, obj),
            )
        context["moderation_actions"] = [
            (action.name, action.label_for(obj))
            for action in MODERATION_ACTIONS.values()
            if can_change
            and request.user.has_perm(action.permission)
            and action.changes(obj)
        ]
        context["ban_sender_url"] = (
            reverse("admin:articles_comment_ban", args=[obj.pk])
            if obj is not None and self.has_add_ban_permission(request)
            else ""
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _inlines_as_stored(self, request, obj) -> list:
        """The page's inlines (flags, log) as the database holds them: a
        POST's formsets are built from its management forms, which count
        the rows of the page sent."""
        formsets, inlines = [], []
        for formset_class, inline in self.get_formsets_with_inlines(request, obj):
            kwargs = self.get_formset_kwargs(
                request, obj, inline, formset_class.get_default_prefix()
            )
            for posted in ("data", "files", "save_as_new"):
                kwargs.pop(posted, None)
            formsets.append(formset_class(**kwargs))
            inlines.append(inline)
        return self.get_inline_formsets(request, formsets, inlines, obj)

    def save_model(self, request, obj, form, change):
        if "text" not in form.changed_data:
            return
        # The service reads the stored text itself, so the reader's original
        # is kept even though the form has already put the new text on obj.
        try:
            services.comment_edit(
                comment=obj,
                text=form.cleaned_data["text"],
                moderator=request.user,
                note=form.cleaned_data["note"],
                seen=form.seen_entry(),
            )
        except (PermissionDenied, ValidationError, services.CommentChanged) as error:
            # The form asks the service's rules first (CommentEditForm.clean):
            # only what they could not foresee comes here. The service kept
            # nothing; neither is the comment moderated nor the change logged,
            # and the moderator is told and sent back (response_change).
            request.comment_edit_refused = error

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        action = self._moderation_asked(request)
        if action is not None and not hasattr(request, "comment_edit_refused"):
            entry = form.seen_entry()
            self._moderate(
                request,
                [form.instance],
                action,
                form.cleaned_data["note"],
                seen=None if entry is None else {form.instance.pk: entry},
            )
            self._answered(request)

    def log_change(self, request, obj, message):
        if hasattr(request, "comment_edit_refused"):
            return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        refused = getattr(request, "comment_edit_refused", None)
        if refused is not None:
            self.message_user(
                request,
                gettext("The comment was not changed: %(reason)s")
                % {"reason": error_text(refused)},
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
        if STALE in request.GET:
            # Saved from a refused save's page: Back to it says so.
            mark_answered(request.session, STALE_PAGES, request.GET[STALE])
        if self._moderation_asked(request) is not None:
            # _moderate has said what became of it: one message, not a
            # second one that the comment "was changed successfully".
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    @staticmethod
    def _moderation_asked(request) -> ModerationAction | None:
        """The moderation button pressed on a comment's page, if any."""
        return MODERATION_ACTIONS.get(request.POST.get("_moderate", ""))


def _bulk_action(action: ModerationAction):
    """The list's action for one moderation action (see CommentAdmin.get_actions)."""

    def bulk(modeladmin, request, queryset):
        return modeladmin.moderate_selected(request, queryset, action)

    bulk.__name__ = action.name
    return bulk


# The first words of the comment a reply answers, in the queue's rows.
ANSWERED_CHARS = 60


def _answers(parent) -> str:
    """Which comment a reply answers: its author and first words (their
    links as readers get them)."""
    return format_html(
        gettext("In reply to {name}: “{words}”"),
        name=parent.author_name,
        words=format_html(
            '<span dir="auto">{}</span>',
            links_as_readers_get_them(parent.text, ANSWERED_CHARS),
        ),
    )


def _posted(comment) -> str:
    """When a comment was posted, as the queue shows it under its text."""
    at = timezone.localtime(comment.created_at)
    return format_html(
        '<time class="posted" datetime="{}">{}</time>',
        at.isoformat(),
        date_format(at, "SHORT_DATETIME_FORMAT"),  # as the moderation log
    )
