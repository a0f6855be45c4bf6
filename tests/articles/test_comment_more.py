"""The server's part of "Read more" under a long comment (static/js/
comment_more.js): the button's words, translated, on the discussion (a script
cannot translate them), and the script on a story with comments only. The
comments themselves, shared fragments, carry nothing of it."""

import re

import pytest
from django.utils import translation

from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script src="[^"]*/js/comment_more\.js" defer></script>')


def discussion_tag(html: str) -> str:
    return re.search(r'<section class="discussion"[^>]*>', html).group(0)


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_discussion_carries_the_button_s_words_in_the_story_s_language(
    client, language
):
    story = ArticleFactory(language=language, meeting=None)
    CommentFactory(article=story)

    html = client.get(story.get_absolute_url()).content.decode()

    with translation.override(language):
        more, less = translation.gettext("Read more"), translation.gettext("Show less")
    tag = discussion_tag(html)
    assert f'data-read-more="{more}"' in tag
    assert f'data-show-less="{less}"' in tag


def test_the_script_is_loaded_deferred_on_a_story_with_comments_only(client):
    story, quiet = ArticleFactory(meeting=None), ArticleFactory(meeting=None)
    CommentFactory(article=story)

    html = client.get(story.get_absolute_url()).content.decode()
    without = client.get(quiet.get_absolute_url()).content.decode()

    assert len(SCRIPT.findall(html)) == 1
    assert "comment_more" not in without
