from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        import reversion
        from taggit.models import Tag, TaggedItem

        from .models import Article, Section

        # Every save keeps a revision (newsroom/history/ reads them). An
        # article's tags are taggit TaggedItem rows that its revisions carry
        # along; the `tags` manager itself holds nothing to serialise.
        # Corrections, workflow steps and old slugs are append-only logs:
        # they have no versions to go back to.
        reversion.register(Section)
        reversion.register(TaggedItem)
        for model in (Article, *self._proxies_of(Article)):
            # Proxies (the review queue) store their versions as articles.
            reversion.register(model, follow=["tagged_items"], exclude=["tags"])

        # A story's old revisions carrying a merged tag carry the tag kept.
        from newsroom.history.successors import register_successors

        from .models import MergedTag

        register_successors(Tag, MergedTag.objects.successors)

        # Articles are found by the names of the agencies they mention: the
        # agency service announces its saves and deletes (agencies never
        # import articles), and the search index refreshes the articles.
        from agencies.signals import agencies_deleting, agency_saved

        from .search import index

        agency_saved.connect(
            index.refresh_articles_mentioning, dispatch_uid="articles.search"
        )
        agencies_deleting.connect(
            index.collect_articles_mentioning, dispatch_uid="articles.search"
        )
        # SQLite's search reads a body's text as the index does (no markup).
        from django.db.backends.signals import connection_created

        from .search.query import add_body_text_function

        connection_created.connect(
            add_body_text_function, dispatch_uid="articles.search"
        )
        # A person merged into another: the stories that named the duplicate
        # join the merge's revision (their history tells of it).
        from agencies.signals import person_merged

        from .services.links import record_person_merged

        person_merged.connect(record_person_merged, dispatch_uid="articles.history")

        # An agency, person or meeting deleted takes its stories' links;
        # recovered, it links them again (articles/services/relink.py).
        from django.db.models.signals import post_delete, pre_delete

        from agencies.models import Agency, Meeting, Person
        from newsroom.history.signals import object_recovered

        from .services.relink import (
            record_links_at_delete,
            record_unlinked,
            relink_recovered,
        )

        for model in (Agency, Person, Meeting):
            pre_delete.connect(
                record_links_at_delete, sender=model, dispatch_uid="articles.relink"
            )
            post_delete.connect(
                record_unlinked, sender=model, dispatch_uid="articles.relink"
            )
            object_recovered.connect(
                relink_recovered, sender=model, dispatch_uid="articles.relink"
            )

        # Queries compiled once hold ids that a flush or migration renews.
        from django.db.models.signals import post_migrate

        from .loading import forget_compiled

        post_migrate.connect(forget_compiled, dispatch_uid="articles.loading")

        # A story's body shows library images by id (![](image:31)): uses
        # the media library counts (no deleting an image a story shows),
        # told here as it cannot import articles.
        from newsroom.media.models import register_text_usages

        from .rendering import articles_showing

        register_text_usages(articles_showing)

        # The pictures English pages show: the library's "English missing,
        # on an English story".
        from newsroom.media.models import register_english_pages

        from .rendering import images_on_english_pages

        register_english_pages(images_on_english_pages)

        # Who may change a picture a story or an author page uses: whoever
        # may edit that story or page (the media library's review lock).
        from newsroom.media.models import register_edit_rule

        from .models import Article, AuthorProfile
        from .permissions import can_edit, can_edit_profile

        register_edit_rule(Article, can_edit)
        register_edit_rule(AuthorProfile, can_edit_profile)

    def _proxies_of(self, model):
        return [
            candidate
            for candidate in self.get_models()
            if candidate._meta.proxy and candidate._meta.concrete_model is model
        ]
