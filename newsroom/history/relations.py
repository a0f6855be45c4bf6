"""The relations a model follows in its revisions (a meeting's sessions, an
article's tagged items): which related objects belong to an object."""

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models

# reversion keeps each model's registered fields and follows here; its own
# admin reads them the same way.
from reversion.revisions import _get_options


class Relation:
    """A relation a model follows in its revisions: which related objects
    belong to an object, and which of their fields point back to it."""

    def __init__(self, model: type[models.Model], name: str):
        field = model._meta.get_field(name)
        self.name = name
        self.related_model = field.related_model
        self.supported = True
        self._fixed: dict = {}  # values every item has, e.g. the content type
        if isinstance(field, GenericRelation):
            opts = self.related_model._meta
            self._id_attname = opts.get_field(field.object_id_field_name).attname
            type_attname = opts.get_field(field.content_type_field_name).attname
            self._fixed[type_attname] = ContentType.objects.get_for_model(
                model, for_concrete_model=field.for_concrete_model
            ).pk
        elif field.one_to_many:
            self._id_attname = field.field.attname
        else:  # forward relations are fields of the object itself
            self.supported = False
            self._id_attname = ""
        self.back = {self._id_attname, *self._fixed}

    def belongs_to(self, field_dict: dict, object_id: str) -> bool:
        return str(field_dict.get(self._id_attname)) == str(object_id) and all(
            field_dict.get(attname) == value for attname, value in self._fixed.items()
        )


def followed_relations(model: type[models.Model]) -> dict[str, Relation]:
    """The relations `model` follows that are other objects' foreign keys to
    it (or generic relations), by name."""
    relations = {name: Relation(model, name) for name in _get_options(model).follow}
    return {name: rel for name, rel in relations.items() if rel.supported}
