"""Public forms: a reader's comment and a reader's report of a comment."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The form's signed stamp is a rule of the checks; here for the templates' views.
from .comment_checks import read_rendered_at, sign_rendered_at  # noqa: F401
from .models import Comment, CommentFlag
from .services.comments import MESSAGES, max_length


class CommentForm(forms.Form):
    """A new comment or a reply, as sent. Staff comment as themselves: no name
    or email.

    The form only reads what was sent: the rules and what a reader is told
    about them are the comment service's (services.comment_create), and
    add_service_errors shows its objections at their fields. `website` is a
    trap: hidden from people, filled in by some bots.
    """

    author_name = forms.CharField(
        label=_("Name"),
        required=False,
        strip=False,
        help_text=_("Shown with your comment."),
        widget=forms.TextInput(attrs={"maxlength": max_length(Comment, "author_name")}),
    )
    author_email = forms.CharField(
        label=_("Email"),
        required=False,
        help_text=_("Never shown. Only the moderators see it."),
        widget=forms.EmailInput(
            attrs={"maxlength": max_length(Comment, "author_email")}
        ),
    )
    text = forms.CharField(
        label=_("Comment"), required=False, strip=False, widget=forms.Textarea
    )
    # Which comment a reply answers; whether it may be answered is the service's.
    parent = forms.ModelChoiceField(
        queryset=Comment.objects.all(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": MESSAGES["parent_unavailable"]},
    )
    rendered_at = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:
            del self.fields["author_name"]
            del self.fields["author_email"]

    @property
    def reply_to_id(self) -> int | None:
        """The comment a bound form answers, as sent (valid or not)."""
        try:
            return int(self.data.get("parent") or "") if self.is_bound else None
        except ValueError:
            return None

    def add_service_errors(self, error: ValidationError) -> None:
        """The comment service's objections, each at the field it concerns
        (above the form when the field is not on it)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            shown = field in self.fields and field != "website"
            self.add_error(field if shown else None, messages)


class FlagForm(forms.Form):
    """A reader's report of a comment, as sent; services.comment_flag judges it."""

    reason = forms.CharField(label=_("What is wrong with it?"), required=False)
    text = forms.CharField(
        label=_("Details"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"maxlength": max_length(CommentFlag, "text")}),
        help_text=_("Needed when you choose “Other”."),
    )


# The search page's query and filters.
