import pytest
from django.contrib.auth.models import Permission


@pytest.fixture
def librarian(django_user_model):
    """A staff user with every permission on the media library."""
    user = django_user_model.objects.create_user(
        username="pustaka", password="x", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="media")
    )
    return user


@pytest.fixture
def upload_image(media_root, librarian):
    """Upload through the service, as the librarian, with an alt text."""
    from newsroom.media.services import image_upload

    def make(file, **kwargs):
        kwargs.setdefault("alt_text", "Two coloured halves")
        return image_upload(file=file, user=kwargs.pop("user", librarian), **kwargs)

    return make


@pytest.fixture
def reporter_client(client, reporter, media_root):
    """The test client logged in as a reporter, uploads stored in the test's
    own media root."""
    client.force_login(reporter)
    return client
