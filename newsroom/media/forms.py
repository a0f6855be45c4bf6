"""The admin's image forms: an upload kept across a refused form, and a new
file for an image."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from newsroom.media import services
from newsroom.media.models import Image
from newsroom.media.validation import MAX_BYTES, MAX_PIXELS, MIN_SIZE, decode_upload

UPLOAD_HELP = format_lazy(
    _(
        "JPEG, PNG, WebP, GIF, AVIF or an iPhone's HEIC; at least "
        "{min_width} × {min_height} pixels, at most {megabytes} MB and "
        "{megapixels} megapixels. Camera data and location are removed."
    ),
    min_width=MIN_SIZE[0],
    min_height=MIN_SIZE[1],
    megabytes=MAX_BYTES // (1024 * 1024),
    megapixels=round(MAX_PIXELS / 1_000_000),
)
UPLOAD_ACCEPT = (
    "image/jpeg,image/png,image/webp,image/gif,"
    "image/avif,image/heic,image/heif,.heic,.heif"
)


class ImageFileField(forms.FileField):
    """A file field whose refusal of an empty file names the file, as every
    other refusal of an upload does (validation.decode_upload), where
    Django's says "The submitted file is empty."."""

    def to_python(self, data):
        if data and getattr(data, "name", None) and not getattr(data, "size", 0):
            decode_upload(data)  # refuses it, naming it
        return super().to_python(data)


class ImageForm(forms.ModelForm):
    """Add (with `upload`) or change an image. A valid upload whose form is
    refused for another reason is kept as a pending upload: the page says so,
    and the next post needs no file; it says too when the library already
    holds the file (`held_notice`). A file the library holds needs no alt
    text: the save uses the image holding it (services.image_add), whose
    own description stands, and the title is only what was typed."""

    upload = ImageFileField(
        label=_("Image file"),
        required=False,
        help_text=UPLOAD_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT}),
    )
    pending_upload = forms.CharField(required=False, widget=forms.HiddenInput)

    user = None  # set by ImageAdmin.get_form

    class Meta:
        model = Image
        fields = list(services.EDITABLE_FIELDS)
        widgets = {
            "focal_x": forms.NumberInput(attrs={"step": "0.001", "min": 0, "max": 1}),
            "focal_y": forms.NumberInput(attrs={"step": "0.001", "min": 0, "max": 1}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.adding = self.instance.pk is None
        self.upload_file = None  # the file the image is made of, when adding
        self.kept_upload_name = ""  # set when a refused form keeps the file
        # Set when a refused form's file is already in the library: said then,
        # before the uploader types more (services.image_held_notice).
        self.held_notice = ""
        self._held = ""  # the same words, whether refused or not
        self._fresh_upload = False
        if self.adding:
            self.fields["title"].required = False
            self.fields["title"].help_text = _("Empty: the file's name.")
        else:
            del self.fields["upload"]
            del self.fields["pending_upload"]

    def clean(self):
        cleaned = super().clean()
        if not self.adding:
            return cleaned
        upload = cleaned.get("upload")
        token = cleaned.get("pending_upload")
        if upload:
            try:
                decode_upload(upload, min_size=MIN_SIZE)
            except ValidationError as error:
                self.add_error("upload", error)
                return cleaned
            self.upload_file = upload
            self._fresh_upload = True
        elif token:
            try:
                self.upload_file = services.pending_upload_open(
                    token=token, user=self.user
                )
            except ValidationError as error:
                self.add_error("upload", error)
                return cleaned
            self.kept_upload_name = self.upload_file.name
        else:
            # A file sent but refused (empty) is already named: not "choose one".
            if "upload" not in self.errors:
                self.add_error("upload", _("Choose an image file."))
            return cleaned
        name = PurePath(self.upload_file.name).name
        self.instance.original_filename = name
        self._held = services.image_held_notice(file=self.upload_file)
        # The held image keeps its own title: only a typed one is said unused.
        if not cleaned.get("title") and not self._held:
            cleaned["title"] = PurePath(name).stem[:200]
        return cleaned

    def _update_errors(self, errors):
        # The image's rule that alt text is given (or "decorative" ticked)
        # is for a new image: a held one's save adds none, and no alt text
        # is asked that it would not use. Empty, it has no other refusal.
        if (
            self._held
            and hasattr(errors, "error_dict")
            and not self.cleaned_data.get("alt_text", "").strip()
        ):
            errors.error_dict.pop("alt_text", None)
            if not errors.error_dict:
                return
        super()._update_errors(errors)

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._errors and self.upload_file is not None:
            self.held_notice = self._held
        if self.is_bound and self._errors and self._fresh_upload and self.user:
            # Refused for something else: keep the (valid) file for the next try.
            token = services.pending_upload_store(file=self.upload_file, user=self.user)
            self.data = self.data.copy()
            self.data["pending_upload"] = token
            self.kept_upload_name = PurePath(self.upload_file.name).name


class ImageReplaceForm(forms.Form):
    """A new file for an existing image, checked as an upload is."""

    upload = ImageFileField(
        label=_("New image file"),
        help_text=UPLOAD_HELP,
        widget=forms.FileInput(attrs={"accept": UPLOAD_ACCEPT}),
    )

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        decode_upload(upload, min_size=MIN_SIZE)
        return upload
