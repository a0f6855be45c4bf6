from django.db import models
from django.db.models import Prefetch, Q

# Not decorative, and no English alt text: English pages describe the
# picture in Indonesian (marked lang="id"), or not at all.
NEEDS_ENGLISH_ALT_TEXT = Q(alt_text_en="", decorative=False)


class ImageQuerySet(models.QuerySet):
    def with_renditions(self):
        """Images with all their renditions fetched in one more query."""
        return self.prefetch_related(
            Prefetch("renditions", queryset=self._rendition_queryset())
        )

    def _rendition_queryset(self):
        return self.model._meta.get_field("renditions").related_model.objects.all()

    def holding_file(self, sha256: str):
        """Images whose uploaded file had these bytes (its SHA-256), the
        first added first; none for an empty fingerprint."""
        if not sha256:
            return self.none()
        return self.filter(sha256=sha256).order_by("uploaded_at", "id")

    def needs_alt_text(self):
        """Images a page cannot describe yet: no alt text, not decorative
        (images brought over from the old image fields without one)."""
        return self.filter(alt_text="", decorative=False)

    def needs_english_alt_text(self):
        """Images English pages cannot describe in English: not decorative,
        no English alt text (the Indonesian one, if any, stands in)."""
        return self.filter(NEEDS_ENGLISH_ALT_TEXT)

    def with_english_alt_missing(self):
        """Each image with `english_alt_missing`: needs_english_alt_text()'s
        rule, read with the image."""
        return self.annotate(
            english_alt_missing=models.ExpressionWrapper(
                NEEDS_ENGLISH_ALT_TEXT, output_field=models.BooleanField()
            )
        )

    def on_english_story(self):
        """Images an English page shows with the image's own alt text
        (models.on_english_pages(): registered by the app that shows them)."""
        from .models import on_english_pages

        return self.filter(pk__in=on_english_pages())

    def search(self, q: str):
        """Images whose title, alt text, caption or credit (in either language)
        contain every word of q."""
        result = self
        for word in q.split():
            result = result.filter(
                Q(title__icontains=word)
                | Q(alt_text__icontains=word)
                | Q(alt_text_en__icontains=word)
                | Q(caption__icontains=word)
                | Q(caption_en__icontains=word)
                | Q(credit__icontains=word)
                | Q(credit_en__icontains=word)
            )
        return result
