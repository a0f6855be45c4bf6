"""What the admin's delete pages (one object's, and the list's "Delete
selected") list: the rows a person recognises. Django lists every row the
delete takes along, among them the link rows of many-to-many fields, named
once at start-up in the site's default language ("Hubungan article-agency:
Article_agencies object (68)" on the English desk), and derived records such
as the intake's fingerprints of wire copy and their sketches. Those rows are
still deleted; they are only not listed, nor counted in the summary."""

from django.apps import apps
from django.db.models import Model
from django.utils.text import capfirst


def rows_not_listed(
    deleted: list,
    counts: dict,
    perms_needed: set,
    protected: list,
    *,
    internal: tuple[type[Model], ...] = (),
) -> tuple[list, dict, set, list]:
    """ModelAdmin.get_deleted_objects' four results without the rows of
    Django's link tables (auto-created many-to-many models) and of the
    `internal` models: left out of the nested list (the rows under them
    too, or what is not internal among them, one level up), the summary's
    counts and the permissions lacking (an internal model does not refuse
    the delete). The protected rows are kept: they stop it."""
    models = [*_link_tables(), *internal]
    prefixes = tuple(f"{capfirst(model._meta.verbose_name)}: " for model in models)
    plurals = {str(model._meta.verbose_name_plural) for model in models}
    names = {str(model._meta.verbose_name) for model in models}
    return (
        _left_out(deleted, prefixes),
        {name: count for name, count in counts.items() if str(name) not in plurals},
        {name for name in perms_needed if str(name) not in names},
        protected,
    )


def _link_tables() -> list[type[Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.auto_created
    ]


def _left_out(items: list, prefixes: tuple[str, ...]) -> list:
    """Django's nested list (each row followed by the list of the rows
    deleted with it, if any) without the rows named `prefixes…`; what is
    left under a row left out moves up to its place."""
    kept: list = []
    row_left_out = False
    for item in items:
        if isinstance(item, list):
            under = _left_out(item, prefixes)
            if row_left_out:
                kept.extend(under)
            elif under:
                kept.append(under)
        else:
            row_left_out = str(item).startswith(prefixes)
            if not row_left_out:
                kept.append(item)
    return kept
