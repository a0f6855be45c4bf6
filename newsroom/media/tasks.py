"""Background work of the media library (django-tasks)."""

from django_tasks import task


@task()
def make_renditions(image_id: int) -> int:
    """Make the missing renditions of one image; returns how many were made.
    An image deleted meanwhile is nothing to do."""
    from newsroom.media.models import Image
    from newsroom.media.services import renditions_make

    image = Image.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    return len(renditions_make(image))
