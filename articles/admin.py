from django import forms
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Article, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "in_navigation"]
    list_editable = ["order", "in_navigation"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


def https_url_formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        formfield_callback = https_url_formfield
        exclude: list[str] = []  # the admin's fieldsets choose the fields

    def clean(self):
        cleaned = super().clean()
        # Publishing without a time means "publish now".
        if cleaned.get("status") == Article.Status.PUBLISHED and not cleaned.get(
            "published_at"
        ):
            cleaned["published_at"] = timezone.now()
            self.instance.published_at = cleaned["published_at"]
        return cleaned


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    form = ArticleAdminForm
    list_display = ["title", "status", "section", "published_at", "byline", "language"]
    list_filter = ["status", "section", "language", "agencies", "tags"]
    list_select_related = ["section"]
    search_fields = ["title", "dek", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["section", "agencies", "people", "meeting"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "dek", "body", "language"]}),
        (
            _("Credits"),
            {
                "fields": [
                    "dateline",
                    "byline",
                    "editor_name",
                    "source_name",
                    "source_url",
                ]
            },
        ),
        (_("Filing"), {"fields": ["section", "tags", "agencies", "people", "meeting"]}),
        (
            _("Featured image"),
            {
                "fields": [
                    "featured_image",
                    "image_alt",
                    "image_caption",
                    "image_credit",
                ]
            },
        ),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "is_featured", "comments_enabled"]},
        ),
    ]
