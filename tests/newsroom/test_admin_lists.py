"""The admin's long lists: the row checkbox written directly
(newsroom/admin_lists.py) is the markup Django renders."""

import pytest
from django.contrib import admin
from django.utils.html import escape

from articles.models import Article, Comment
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Comment, Article])
def test_a_rows_checkbox_is_djangos_own_markup(model, section, english):
    article = ArticleFactory(section=section, title='"Quoted" <b>& tagged</b>')
    comment = CommentFactory(
        article=article, author_name='<script>"x"</script>', text="a & b <i>"
    )
    obj = comment if model is Comment else article
    model_admin = admin.site._registry[model]

    ours = model_admin.action_checkbox(obj)

    # Django's, and not restored by the browser on Back (autocomplete off).
    djangos = admin.ModelAdmin.action_checkbox(model_admin, obj).replace(
        'class="action-select"', 'class="action-select" autocomplete="off"'
    )
    if model is Comment:  # followed by what the row showed (a stale list's check)
        djangos += f'<input type="hidden" name="seen_{obj.pk}" value="0">'
    assert ours == djangos
    assert f'value="{obj.pk}"' in ours
    assert escape(str(obj)) in ours and str(obj) not in ours  # escaped once
