from django.core.management.base import BaseCommand

from newsroom.media.models import Image
from newsroom.media.services import pending_uploads_prune, renditions_make


class Command(BaseCommand):
    # In English, as Django's own commands and the project's others: operator
    # output is not marked for translation (it would come in the site's
    # default language, Indonesian).
    help = (
        "Make the missing renditions of every image (images imported or migrated "
        "without them, or a new size). Safe to repeat: it makes only what is missing."
    )

    def handle(self, *args, **options):
        made = images = 0
        for image in Image.objects.order_by("pk").iterator(chunk_size=100):
            new = renditions_make(image)
            if new:
                images += 1
                made += len(new)
        self.stdout.write(f"{made} renditions made for {images} images.")
        pruned = pending_uploads_prune()
        if pruned:
            self.stdout.write(f"{pruned} expired pending uploads removed.")
