from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from newsroom.media.models import Image
from newsroom.media.services import pending_uploads_prune, renditions_make


class Command(BaseCommand):
    help = _(
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
        self.stdout.write(
            _("%(made)d renditions made for %(images)d images.")
            % {"made": made, "images": images}
        )
        pruned = pending_uploads_prune()
        if pruned:
            self.stdout.write(
                _("%(count)d expired pending uploads removed.") % {"count": pruned}
            )
