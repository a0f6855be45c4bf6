"""The media library: images (the upload, re-encoded without metadata) and
their renditions (sizes and formats made once and stored)."""

import re
import secrets
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.bilingual import Bilingual, fallback_language, in_language
from newsroom.media.querysets import ImageQuerySet


def original_upload_to(instance, filename: str) -> str:
    """images/originals/<year>/<month>/<random token>.<ext>: nothing of the
    uploader's file name, and no name that can be guessed."""
    ext = PurePath(filename).suffix.lower() or ".jpg"
    now = timezone.now()
    return f"images/originals/{now:%Y/%m}/{secrets.token_urlsafe(12)}{ext}"


def rendition_upload_to(instance, filename: str) -> str:
    """images/renditions/<the original's token>/<spec>.<ext>."""
    token = PurePath(instance.image.file.name).stem
    return f"images/renditions/{token}/{filename}"


def _words(text: str) -> str:
    return " ".join(re.split(r"[\s_\-.]+", text.casefold())).strip()


# What a camera, a phone, a chat app or a screenshot tool names a picture, on
# its own (matched whole, casefolded): IMG_0042.jpg, img 0042, DSC01234,
# PXL_20220324_101010 (.MP.jpg), IMG-20220324-WA0001, GOPR0042, P1000123,
# 20220324_101010 (Samsung), "WhatsApp Image 2022-03-24 at 10.10.10 (1).jpeg"
# and "Gambar WhatsApp 2022-03-24 pukul 10.10.10" (WhatsApp in Indonesian),
# "Screen Shot 2022-03-24 at 10.10.10 AM" and "Tangkapan Layar 2022-03-24
# pukul 10.10.10" (macOS), Screenshot_20220324-101010_WhatsApp (Android, the
# app's name last, after an underscore); any single word with an image file's
# extension too (rapat_final.jpg). A sentence that contains one is a
# description. Separators between the parts are required, so that a long run
# of digits is read in one way.
CAMERA_NAME_RE = re.compile(
    r"(?:(?:img|mvimg|dsc[nf]?|pxl|p|gopr|gp|dji|screen[\s_-]*shot"
    r"|whatsapp[\s_-]*image|gambar[\s_-]*whatsapp|tangkapan[\s_-]*layar)"
    r"[\s_-]*\d+"
    r"|\d{8}_\d{6})"
    r"(?:[\s_.:-]+(?:\d+|wa\d+|mp|at|pukul|[ap]m|edited)|\s*\(\d+\))*"
    r"(?:_[a-z][a-z0-9.]*(?:\s*\(\d+\))?)?"
    r"(?:\.[a-z][a-z0-9]{1,4})?"
    r"|\S+\.(?:jpe?g|png|gif|webp|heic|heif|avif|tiff?|bmp|dng)"
)


def is_file_name(text: str) -> bool:
    """Whether `text` is a camera's or a file's name rather than words: read
    as typed on any keyboard (full-width ＩＭＧ＿００４２ as IMG_0042, NFKC),
    a closing full stop aside."""
    text = unicodedata.normalize("NFKC", text).strip().rstrip(". ").casefold()
    return CAMERA_NAME_RE.fullmatch(text) is not None


@dataclass(frozen=True)
class Usage:
    """One object that points to an image (an article's featured image, an
    agency's logo…), found through the reverse relations."""

    model_name: str
    field_name: str
    obj: models.Model


# Texts that show library images by their id (an article's body:
# `![](image:42)`) use them as surely as a foreign key does, but no relation
# says so. The app that writes such texts registers a finder here, as its
# foreign keys to Image register themselves as relations (the library knows
# neither): given image ids and a limit, it yields (image id, Usage) pairs,
# in one query whatever the number of ids. Image.usages(), the admin's
# delete page and services.image_delete count them with the relations, and
# Image.usage_readers_see() finds the public ones among them.
TextUsageFinder = Callable[[Collection[int], int], Iterable[tuple[int, Usage]]]
_text_usage_finders: list[TextUsageFinder] = []


def register_text_usages(finder: TextUsageFinder) -> TextUsageFinder:
    """Count what `finder` finds as uses of images (once, however often it
    is registered); returns it, to serve as a decorator."""
    if finder not in _text_usage_finders:
        _text_usage_finders.append(finder)
    return finder


def text_usages(ids: Iterable[int], limit: int = 100) -> dict[int, list[Usage]]:
    """The texts that show each of these images, by image id (images shown
    nowhere are left out): one query per registered finder, none without ids."""
    ids = set(ids)
    found: dict[int, list[Usage]] = {}
    if not ids:
        return found
    for finder in _text_usage_finders:
        for image_id, usage in finder(ids, limit):
            found.setdefault(image_id, []).append(usage)
    return found


# The pictures English pages show with their own alt text (a story in
# English, or with an English translation, featuring it or showing it in its
# body): the app that shows them registers a finder of their ids here, as the
# library knows no app (ImageQuerySet.on_english_pages()).
_english_page_finders: list[Callable[[], Iterable[int]]] = []


def register_english_pages(finder: Callable[[], Iterable[int]]):
    """Count the ids `finder` gives among the pictures English pages show
    (once, however often it is registered); returns it."""
    if finder not in _english_page_finders:
        _english_page_finders.append(finder)
    return finder


def on_english_pages() -> set[int]:
    """The ids of the pictures English pages show: one query or two per
    registered finder, whatever the library's size."""
    return {pk for finder in _english_page_finders for pk in finder()}


def _usage(model: type[models.Model], field, obj: models.Model) -> Usage:
    return Usage(
        model_name=str(model._meta.verbose_name),
        field_name=str(field.verbose_name),
        obj=obj,
    )


def seen_by_readers(queryset: models.QuerySet) -> models.QuerySet:
    """The objects of `queryset` that readers see on the site, as each kind
    says so itself: those its `published()` gives (and its `scheduled()`,
    which go out with no further review), or those whose `is_public` is
    set; every object of a kind that says neither (an agency, a person)."""
    if hasattr(queryset, "published"):
        seen = queryset.published()
        if hasattr(queryset, "scheduled"):
            seen = seen | queryset.scheduled()
        return seen
    field_names = {field.name for field in queryset.model._meta.get_fields()}
    if "is_public" in field_names:
        return queryset.filter(is_public=True)
    return queryset


# Who may edit an object that uses an image, for the kinds that decide it
# object by object (a reporter edits only their own drafts): the app that
# owns the kind registers its rule here (articles/apps.py), as it registers
# its text usages, so the rule keeps its one home there and the library,
# below the apps that use it (pyproject.toml's import layers), names none of
# them. Any other kind: whoever may change objects of that kind.
EditRule = Callable[[object, models.Model], bool]
_edit_rules: dict[type[models.Model], EditRule] = {}


def register_edit_rule(model: type[models.Model], rule: EditRule) -> EditRule:
    """Decide with `rule(user, obj)` whether a user may edit an object of
    `model` that uses an image; returns the rule."""
    _edit_rules[model._meta.concrete_model] = rule
    return rule


def editable_by(user, obj: models.Model) -> bool:
    """Whether `user` may edit `obj`, as its kind decides (register_edit_rule)."""
    model = obj._meta.concrete_model
    rule = _edit_rules.get(model)
    if rule is not None:
        return bool(rule(user, obj))
    meta = model._meta
    codename = get_permission_codename("change", meta)
    return user.is_active and user.has_perm(f"{meta.app_label}.{codename}")


class Image(models.Model):
    file = models.ImageField(
        _("file"),
        upload_to=original_upload_to,
        max_length=255,
    )
    original_filename = models.CharField(
        _("uploaded file name"), max_length=255, blank=True, editable=False
    )
    title = models.CharField(_("title"), max_length=200)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the picture shows, for readers who cannot see it. Required "
            "unless the image is decorative."
        ),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_(
            "Tick only if the picture adds nothing to the text: screen readers "
            "then skip it (empty alt text)."
        ),
    )
    alt_text_en = models.CharField(
        _("alt text in English"),
        max_length=300,
        blank=True,
        help_text=_(
            "For the English edition's pages; they use the Indonesian alt text "
            "while this is empty."
        ),
    )
    caption = models.TextField(_("caption"), blank=True)
    caption_en = models.TextField(
        _("caption in English"),
        blank=True,
        help_text=_(
            "For the English edition's pages; they use the Indonesian caption "
            "while this is empty."
        ),
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    credit_en = models.CharField(
        _("credit in English"),
        max_length=200,
        blank=True,
        help_text=_(
            "For the English edition's pages; they use the Indonesian credit "
            "while this is empty."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the picture comes from: agency, archive, address."),
    )
    focal_x = models.FloatField(
        _("focal point, across"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("0 = left edge, 1 = right edge; empty = the centre."),
    )
    focal_y = models.FloatField(
        _("focal point, down"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("0 = top edge, 1 = bottom edge; empty = the centre."),
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    file_size = models.PositiveIntegerField(_("file size"), default=0, editable=False)
    sha256 = models.CharField(
        _("SHA-256 of the upload"),
        max_length=64,
        blank=True,
        editable=False,
        db_index=True,
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    uploaded_at = models.DateTimeField(
        _("uploaded at"), default=timezone.now, editable=False, db_index=True
    )

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.title or self.original_filename or f"#{self.pk}"

    @property
    def focal(self) -> tuple[float, float]:
        """The focal point as (x, y) fractions; the centre when unset."""
        return (
            0.5 if self.focal_x is None else self.focal_x,
            0.5 if self.focal_y is None else self.focal_y,
        )

    # The caption and credit in the page's edition (newsroom/bilingual.py): a
    # picture shared by a story and its translation speaks each one's language.
    local_caption = Bilingual("caption")
    local_credit = Bilingual("credit")

    @property
    def caption_language(self) -> str:
        """The caption's language when it is the other edition's (for want
        of one in this page's), else "" (newsroom.bilingual)."""
        return fallback_language(self, "caption")

    @property
    def credit_language(self) -> str:
        """As caption_language, for the credit."""
        return fallback_language(self, "credit")

    @property
    def alt_language(self) -> str:
        """As caption_language, for the alt text."""
        return "" if self.decorative else fallback_language(self, "alt_text")

    @property
    def alt(self) -> str:
        """The alt attribute pages use, in the page's edition: empty for a
        decorative image."""
        return "" if self.decorative else in_language(self, "alt_text")

    def clean(self) -> None:
        errors = {}
        alt = self.alt_text.strip()
        if not alt and not self.decorative:
            errors["alt_text"] = _(
                "Describe what the picture shows, or tick “decorative” if it "
                "adds nothing to the text."
            )
        own_names = set()
        if self.original_filename:
            name = PurePath(self.original_filename)
            own_names = {_words(name.name), _words(name.stem)}
        for field in ("alt_text", "alt_text_en"):
            given = getattr(self, field).strip()
            if given and (_words(given) in own_names or is_file_name(given)):
                errors.setdefault(
                    field,
                    _(
                        "The alt text is the file name: describe what the "
                        "picture shows instead."
                    ),
                )
        if (self.focal_x is None) != (self.focal_y is None):
            errors["focal_x"] = _(
                "Give both coordinates of the focal point, or neither."
            )
        if errors:
            raise ValidationError(errors)

    def usages(self, limit: int = 100) -> list[Usage]:
        """Every object that points to this image, whatever app it is in
        (foreign keys, one-to-one and many-to-many fields, even those without
        a reverse accessor): read from the relations to Image, one query per
        relation, at most `limit` objects each; then the texts that show it
        (`register_text_usages`: an article's body), one query for each kind.
        The renditions do not count."""
        found = []
        for model, field in self._relations():
            for obj in model._default_manager.filter(**{field.name: self})[:limit]:
                found.append(_usage(model, field, obj))
        found.extend(text_usages([self.pk], limit).get(self.pk, []))
        return found

    def usage_readers_see(self, limit: int = 100) -> Usage | None:
        """One use through which readers see this image (`seen_by_readers`: a
        published story featuring it or showing it in its body, an agency's
        logo, a person's portrait, a public author page's photo), or None
        while only drafts and hidden pages use it. One query per relation,
        then one for each kind of text and one per kind of object found."""
        for model, field in self._relations():
            uses = model._default_manager.filter(**{field.name: self})
            obj = seen_by_readers(uses).order_by().first()
            if obj is not None:
                return _usage(model, field, obj)
        shown_in = text_usages([self.pk], limit).get(self.pk, [])
        by_model: dict[type[models.Model], list[Usage]] = {}
        for usage in shown_in:
            by_model.setdefault(type(usage.obj)._meta.concrete_model, []).append(usage)
        for model, uses in by_model.items():
            candidates = model._default_manager.filter(pk__in=[u.obj.pk for u in uses])
            seen = set(seen_by_readers(candidates).values_list("pk", flat=True))
            for usage in uses:
                if usage.obj.pk in seen:
                    return usage
            if len(uses) >= limit:
                # More texts than were read: one of the others may be public.
                return uses[0]
        return None

    def usage_not_editable_by(self, user, limit: int = 100) -> Usage | None:
        """One use of this image by an object `user` may not edit
        (`editable_by`: for a reporter, their story in review or published,
        anyone else's story), or None: changing the picture would change that
        object behind its owner's back. Reads the uses as `usages()` does
        (at most `limit` of each relation and kind of text), then once more
        each kind whose objects came partly read (a body's articles): a few
        queries whatever the number of objects."""
        uses = self.usages(limit)
        partial: dict[type[models.Model], set] = {}
        for usage in uses:
            if usage.obj.get_deferred_fields():
                model = type(usage.obj)._meta.concrete_model
                partial.setdefault(model, set()).add(usage.obj.pk)
        whole = {
            model: model._default_manager.in_bulk(pks) for model, pks in partial.items()
        }
        for usage in uses:
            obj = usage.obj
            model = type(obj)._meta.concrete_model
            if model in whole:
                obj = whole[model].get(obj.pk)
                if obj is None:
                    continue  # deleted meanwhile: no longer a use
            if not editable_by(user, obj):
                return Usage(usage.model_name, usage.field_name, obj)
        return None

    def _relations(self) -> Iterable[tuple[type[models.Model], models.Field]]:
        """(model, field) of every relation to Image but the renditions'."""
        for relation in self._meta.get_fields(include_hidden=True):
            if not (relation.auto_created and not relation.concrete):
                continue
            model = relation.related_model
            # Renditions are part of the image; an automatic many-to-many
            # table is counted through its field, not once more by its rows.
            if model is Rendition or model._meta.auto_created:
                continue
            yield model, relation.field

    def ready_renditions(self) -> list["Rendition"]:
        """The renditions stored so far (prefetched ones when fetched with
        `with_renditions()`)."""
        return list(self.renditions.all())


class Rendition(models.Model):
    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    image = models.ForeignKey(
        Image, on_delete=models.CASCADE, related_name="renditions"
    )
    spec = models.CharField(_("size"), max_length=16)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    file = models.FileField(_("file"), upload_to=rendition_upload_to, max_length=255)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    file_size = models.PositiveIntegerField(_("file size"))

    class Meta:
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        ordering = ["image", "format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "spec", "format"], name="media_rendition_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.image_id} {self.spec} {self.format}"

    @property
    def url(self) -> str:
        return self.file.url

    @property
    def mime_type(self) -> str:
        return f"image/{self.format}"
