"""Authors' profiles: editors manage everyone's; any staff member may edit
their own name, biography and photo, never another's (the role is the
newsroom's to give: EDITORS_ONLY)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsroom.media.widgets import ImageChooserMixin

from ..models import AuthorProfile
from ..permissions import can_edit_profile, can_manage_authors
from ..services.authors import EDITORS_ONLY, author_name_check, author_profile_save


class AuthorProfileForm(forms.ModelForm):
    def clean_name(self):
        name = self.cleaned_data["name"]
        try:  # on the field, the form kept (the save checks it again)
            author_name_check(name=name, profile=self.instance)
        except ValidationError as error:
            raise ValidationError(error.message_dict["name"]) from None
        return name


@admin.register(AuthorProfile)
class AuthorProfileAdmin(ImageChooserMixin, admin.ModelAdmin):
    form = AuthorProfileForm
    list_display = ["name", "role", "user", "is_public"]
    list_filter = ["is_public"]
    list_select_related = ["user"]
    search_fields = ["name", "role", "role_en", "user__username"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["user", "name", "slug", "is_public"]}),
        (
            _("Role and biography"),
            {
                "fields": [("role", "role_en"), ("bio", "bio_en")],
                "description": _(
                    "In Indonesian on the left and in English on the right; "
                    "an empty English text shows the Indonesian one."
                ),
            },
        ),
        (None, {"fields": ["photo"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = db_field.related_model.objects.filter(
                is_staff=True, is_active=True
            ).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        profiles = super().get_queryset(request)
        if can_manage_authors(request.user):
            return profiles
        return profiles.filter(user=request.user)

    def get_readonly_fields(self, request, obj=None):
        if can_manage_authors(request.user):
            return ()
        return EDITORS_ONLY

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if can_manage_authors(request.user) else {}

    def save_model(self, request, obj, form, change):
        author_profile_save(profile=obj, user=request.user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return request.user.is_active and request.user.is_staff
        return can_edit_profile(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request):
        return can_manage_authors(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_manage_authors(request.user)
