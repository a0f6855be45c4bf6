"""django-taggit's tag admin, with a tag's slug as the site's other slugs
are (newsroom.tags.tag_slug): its form took a slug in any letters ("são-tomé",
which the tag page's address cannot route) and its script filled one in with
the name's accents. Here the form takes letters a-z only, the script fills
the slug in without accents, and a new tag left without a slug (a name in
Arabic script, say, of which the script keeps nothing) gets tag_slug()'s."""

from django import forms
from django.contrib import admin
from taggit import admin as taggit_admin
from taggit.models import Tag


class TagAdmin(taggit_admin.TagAdmin):
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "slug":
            kwargs.update(form_class=forms.SlugField, allow_unicode=False)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "slug" in form.base_fields:  # not to a user who may only view it
            # A new tag's slug left empty is made from its name by Tag.save().
            form.base_fields["slug"].required = obj is not None
        return form


admin.site.unregister(Tag)
admin.site.register(Tag, TagAdmin)
