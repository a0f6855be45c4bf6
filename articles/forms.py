"""Public forms: a reader's comment and a reader's report of a comment."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

# The form's signed stamp is a rule of the checks; here for the templates' views.
from .comment_checks import read_rendered_at, sign_rendered_at  # noqa: F401
from .models import Comment, CommentFlag


class CommentForm(forms.Form):
    """A new comment or a reply. Staff comment as themselves: no name or email.

    `website` is a trap: hidden from people, filled in by some bots.
    """

    author_name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("Shown with your comment."),
        error_messages={"required": _("Enter the name to show with your comment.")},
    )
    author_email = forms.EmailField(
        label=_("Email"),
        help_text=_("Never shown. Only the moderators see it."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )
    text = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea,
        error_messages={"required": _("Write your comment.")},
    )
    parent = forms.ModelChoiceField(
        queryset=Comment.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _(
                "The comment you are replying to is no longer shown. "
                "Write a new comment instead."
            )
        },
    )
    rendered_at = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args, article, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        if staff:
            del self.fields["author_name"]
            del self.fields["author_email"]
        self.fields["text"].validators.append(
            MaxLengthValidator(
                settings.COMMENTS_MAX_LENGTH,
                message=_(
                    "Keep your comment under %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            )
        )
        self.fields["parent"].queryset = Comment.objects.visible().on(article)

    @property
    def reply_to_id(self) -> int | None:
        """The comment a bound form answers, as sent (valid or not)."""
        try:
            return int(self.data.get("parent") or "") if self.is_bound else None
        except ValueError:
            return None


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"),
        choices=CommentFlag.Reason.choices,
        error_messages={"required": _("Choose what is wrong with the comment.")},
    )
    text = forms.CharField(
        label=_("Details"),
        max_length=500,
        required=False,
        widget=forms.Textarea,
        help_text=_("Needed when you choose “Other”."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == CommentFlag.Reason.OTHER and not cleaned.get(
            "text"
        ):
            self.add_error("text", _("Tell the moderators what is wrong with it."))
        return cleaned
