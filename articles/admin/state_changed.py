"""A change form sent after its story left the sender's hands: a reporter's
second tab saved after the story was submitted for review (or published,
or given to another writer) in the first.

Django answers such a POST with its bare 403 ("This page is not open to
you"), and what was typed is lost. Here the story's page opens as the
sender may see it, saying what happened, with the texts they changed kept
below it to copy (never saved into the story).
"""

import copy

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext
from taggit.utils import parse_tags

from newsroom.history import comparable, find_version, version_field_dict

from ..models import Article
from ..permissions import can_edit
from .conflicts import tag_key, tag_names

# The texts a refused form keeps for its sender, in the form's order.
KEPT_TEXTS = (
    "title",
    "dek",
    "body",
    "dateline",
    "byline",
    "tags",
    "seo_title",
    "seo_description",
)


def changed_texts(article: Article, data) -> list[dict]:
    """The texts of `data` (a change form's POST) that differ from the
    version its form was opened at (`opened_texts`): [{"label", "value"}]
    in the form's order. Compared as the save would store them
    (newsroom.history.comparable: a browser's CRLF line endings, white
    space at the ends; tags as the tag field reads them), so that only what
    the sender changed is listed, not what others changed since."""
    opened = opened_texts(article, data.get("expected_version", ""))
    kept = []
    for name in KEPT_TEXTS:
        if name not in data:
            continue
        value = data.get(name, "")
        if name == "tags":
            same = tag_key(parse_tags(value)) == tag_key(opened["tags"])
        else:
            same = comparable(value) == comparable(opened[name] or "")
        if same:
            continue
        label = capfirst(Article._meta.get_field(name).verbose_name)
        kept.append({"label": label, "value": value})
    return kept


def opened_texts(article: Article, opened: str) -> dict:
    """The KEPT_TEXTS of `article` as its version `opened` (a form's
    `expected_version`) had them, tags as a list of names; as it is now
    when that revision is not kept."""
    version = find_version(article, int(opened)) if opened.isdecimal() else None
    if version is None:
        state = {name: getattr(article, name) for name in KEPT_TEXTS if name != "tags"}
        return {**state, "tags": [tag.name for tag in article.tags.all()]}
    state = version_field_dict(version)
    texts = {name: state.get(name) for name in KEPT_TEXTS if name != "tags"}
    return {**texts, "tags": tag_names(state.get("tagged_items", []))}


def _left_their_hands(article: Article, data, user) -> bool:
    """Whether `article` was `user`'s to change when the form `data` was
    opened (its `expected_version`, as its revision then says) and was saved
    or moved on since: a form that was never the sender's to send is
    refused as someone else's story."""
    opened = data.get("expected_version", "")
    if opened == str(article.version) or not opened.isdecimal():
        return False
    version = find_version(article, int(opened))
    if version is None:  # not kept: its author's, as it is now
        return article.created_by_id == user.pk
    then = version.field_dict
    return can_edit(
        user,
        Article(
            pk=article.pk,
            status=then.get("status"),
            created_by_id=then.get("created_by_id", then.get("created_by")),
        ),
    )


def others_story_message(article: Article) -> str:
    """Why a step or a save of `article` is refused to someone whose story
    it never was: the account, not the story's state."""
    return gettext(
        "“%(title)s” is someone else's story: your account may not change it "
        "or take its workflow steps."
    ) % {"title": article.title}


class StateChangedMixin:
    """For the article admin: a change form POSTed by someone who may see
    the story but no longer change it."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None:
            article = self.get_object(request, unquote(object_id))
            if (
                article is not None
                and self.has_view_permission(request, article)
                and not self.has_change_permission(request, article)
            ):
                if _left_their_hands(article, request.POST, request.user):
                    return self._not_yours_now(
                        request, article, object_id, form_url, extra_context
                    )
                return self.refused_as_others(request, article, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def refused_as_others(self, request, article, object_id):
        """The story's page as `request`'s sender may see it, with a 403
        saying it is someone else's story (a form or a step sent by hand)."""
        messages.error(request, others_story_message(article))
        return self._shown_as_get(request, object_id, status=403)

    def _not_yours_now(self, request, article, object_id, form_url, extra_context):
        kept = changed_texts(article, request.POST)
        messages.warning(
            request,
            gettext(
                "Not saved: after you opened this page, “%(title)s” became "
                "“%(state)s”, and you can no longer change it."
            )
            % {"title": article.title, "state": article.state_label}
            + (" " + gettext("What you changed is below, to copy.") if kept else ""),
        )
        context = {**(extra_context or {}), "unsaved_texts": kept}
        return self._shown_as_get(request, object_id, form_url, context, status=409)

    def _shown_as_get(self, request, object_id, form_url="", context=None, *, status):
        """The page as a GET shows it: what the sender may see of the story."""
        shown = copy.copy(request)
        shown.method = "GET"
        shown.POST = QueryDict()
        response = super().changeform_view(shown, object_id, form_url, context)
        response.status_code = status
        return response
