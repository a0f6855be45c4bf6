"""The image chooser other admins use for their foreign keys to Image.

A select2 search (Django's admin autocomplete, answered by ImageAdmin's
chooser view with a thumbnail, a description and the upload's date and size
per result), the chosen image's thumbnail, and the "+" of Django's
RelatedFieldWidgetWrapper to upload one in place.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, RelatedFieldWidgetWrapper
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext

from newsroom.media import rendering
from newsroom.media.models import Image


def thumbnail_url(image: Image) -> str:
    """A small rendition's address: the square crop, else the nearest width."""
    return rendering.image_url(image, "square", "webp")


# The longest description a chooser's result shows, in characters.
CHOOSER_DESCRIPTION_LENGTH = 100


def chooser_details(image: Image) -> dict[str, str]:
    """What tells apart images of the same name (a phone's three
    "IMG_20220324_101010") in the chooser, beside the title and thumbnail:
    "description", what the picture shows (its alt text, else its caption,
    else the English ones; shortened), and "facts", when it was uploaded and
    its size. Plain text: the chooser's script writes them as text."""
    alt = ("", "") if image.decorative else (image.alt_text, image.alt_text_en)
    description = next(
        (
            text.strip()
            for text in (alt[0], image.caption, alt[1], image.caption_en)
            if text.strip()
        ),
        gettext("(decorative)") if image.decorative else "",
    )
    uploaded = formats.date_format(
        timezone.localtime(image.uploaded_at), "SHORT_DATETIME_FORMAT"
    )
    return {
        "description": Truncator(" ".join(description.split())).chars(
            CHOOSER_DESCRIPTION_LENGTH
        ),
        "facts": gettext("uploaded %(date)s · %(width)s × %(height)s px")
        % {"date": uploaded, "width": image.width, "height": image.height},
    }


class ImageChooserWidget(AutocompleteSelect):
    # In the app: the form renderer reads app templates only.
    template_name = "media/image_chooser_widget.html"
    # In an ImageChooserWrapper: the thumbnail and the select only, the
    # wrapper is the chooser's box.
    wrapped = False

    def get_url(self):
        return reverse(f"{self.admin_site.name}:media_image_chooser")

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        # Initialised by media_chooser.js (with thumbnails), not autocomplete.js.
        attrs["class"] = (
            attrs["class"].replace("admin-autocomplete", "media-image-chooser").strip()
        )
        attrs["data-thumb-url"] = reverse(
            f"{self.admin_site.name}:media_image_thumb", args=[0]
        )
        return attrs

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        image = None
        if value not in (None, ""):
            image = (
                Image.objects.with_renditions().filter(pk=value).first()
                if str(value).isdecimal()
                else None
            )
        context["chosen_thumb"] = thumbnail_url(image) if image else ""
        context["wrapped"] = self.wrapped
        return context

    @property
    def media(self):
        # jquery.init.js named here too: Django merges separate lists in any
        # order that keeps each one's, and the chooser needs django.jQuery.
        return super().media + forms.Media(
            js=[
                "admin/js/jquery.init.js",
                "js/media_result.js",
                "js/media_chooser.js",
            ],
            css={"all": ["css/media_admin.css"]},
        )


class ImageChooserWrapper(RelatedFieldWidgetWrapper):
    """Django's wrapper (the edit, add, delete and view links) as the
    chooser's box (div.media-chooser, holding the thumbnail): the links must
    follow the select in the same element, as RelatedObjectLookups.js
    updates only those (updateRelatedObjectLinks, the select's next
    siblings) when the choice changes."""

    template_name = "media/image_chooser_wrapper.html"

    def __init__(self, widget, *args, **kwargs):
        super().__init__(widget, *args, **kwargs)
        widget.wrapped = True


class ImageChooserMixin:
    """For a ModelAdmin with foreign keys to Image: each gets the chooser,
    in an ImageChooserWrapper."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        wrapper = getattr(formfield, "widget", None)
        if type(wrapper) is RelatedFieldWidgetWrapper and isinstance(
            wrapper.widget, ImageChooserWidget
        ):
            formfield.widget = ImageChooserWrapper(
                wrapper.widget,
                wrapper.rel,
                wrapper.admin_site,
                can_add_related=wrapper.can_add_related,
                can_change_related=wrapper.can_change_related,
                can_delete_related=wrapper.can_delete_related,
                can_view_related=wrapper.can_view_related,
            )
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Image and "widget" not in kwargs:
            kwargs["widget"] = ImageChooserWidget(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
