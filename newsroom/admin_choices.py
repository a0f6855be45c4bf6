"""How the desk's autocompletes name each choice.

Django's admin autocomplete (`/admin/autocomplete/`, what every
`autocomplete_fields` widget asks) answers each result as `str(obj)`: two
people called "Budi Santoso", a BNPT deputy and a PPATK analyst, were two
identical choices in a story's People. `label_choices(site)` makes the
site's autocomplete name a result as the chosen model's admin names a
choice, its `choice_label(obj)` when it has one (PersonAdmin: the name,
position and agency), `str(obj)` otherwise. The admin loads what its label
reads with its search results (no query per result).
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.views.autocomplete import AutocompleteJsonView


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "choice_label", None)
        if label is not None:
            result["text"] = label(obj)
        return result


def label_choices(site: AdminSite) -> None:
    """Make `site`'s autocomplete name each result by its admin's
    `choice_label`. Call before the site's URLs are read."""

    def autocomplete_view(request):
        return LabelledAutocompleteJsonView.as_view(admin_site=site)(request)

    site.autocomplete_view = autocomplete_view
