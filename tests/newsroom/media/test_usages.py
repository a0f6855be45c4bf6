"""'Where it is used' is found from the relations to Image, whatever app
declares them: a model made for the test points to images three ways."""

import pytest
from django.apps import apps
from django.db import connection, models
from django.urls import reverse

from newsroom.media.models import Image
from tests.newsroom.media import files


@pytest.fixture
def poster_model(transactional_db):
    class Poster(models.Model):
        name = models.CharField(max_length=50)
        picture = models.ForeignKey(
            Image, on_delete=models.PROTECT, null=True, verbose_name="picture"
        )
        # No reverse accessor: still a use.
        backdrop = models.ForeignKey(
            Image,
            on_delete=models.SET_NULL,
            null=True,
            related_name="+",
            verbose_name="backdrop",
        )
        gallery = models.ManyToManyField(Image, related_name="galleries")

        class Meta:
            app_label = "media"
            verbose_name = "poster"

        def __str__(self):
            return self.name

    with connection.schema_editor() as editor:
        editor.create_model(Poster)
    yield Poster
    with connection.schema_editor() as editor:
        editor.delete_model(Poster)
    for name in ("poster", Poster.gallery.through._meta.model_name):
        apps.all_models["media"].pop(name, None)
    apps.clear_cache()


def test_every_kind_of_relation_is_a_usage(poster_model, upload_image):
    image = upload_image(files.jpeg())
    other = upload_image(files.jpeg("other.jpg"))
    first = poster_model.objects.create(name="First", picture=image)
    second = poster_model.objects.create(name="Second", backdrop=image)
    third = poster_model.objects.create(name="Third", picture=other)
    third.gallery.add(image, other)

    usages = {(u.field_name, u.obj.pk) for u in image.usages()}
    assert usages == {
        ("picture", first.pk),
        ("backdrop", second.pk),
        ("gallery", third.pk),
    }
    assert {u.model_name for u in image.usages()} == {"poster"}
    assert {(u.field_name, u.obj.pk) for u in other.usages()} == {
        ("picture", third.pk),
        ("gallery", third.pk),
    }


def test_the_change_form_lists_the_usages(
    poster_model, upload_image, admin_client, english
):
    image = upload_image(files.jpeg())
    poster_model.objects.create(name="Front page poster", picture=image)
    page = admin_client.get(
        reverse("admin:media_image_change", args=[image.pk])
    ).content.decode()
    assert "<li>poster (picture): Front page poster</li>" in page
    assert "Not used anywhere yet." not in page
