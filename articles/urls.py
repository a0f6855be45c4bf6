from django.urls import path, register_converter

from . import views


class MonthConverter:
    """A month read with or without its leading zero (/2022/3/ as /2022/03/:
    the article page moves it to its address), written with it."""

    regex = "0?[1-9]|1[0-2]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return f"{int(value):02d}"


register_converter(MonthConverter, "mm")

app_name = "articles"

# Each address is read only (GET, HEAD; a POST is 405) but those forms are
# sent to, which newsroom/middleware.py names (FORM_VIEWS).
urlpatterns = [
    path("", views.home, name="home"),
    path(
        "articles/<int:year>/<mm:month>/<slug:slug>/",
        views.article_detail,
        name="article_detail",
    ),
    path("articles/<int:pk>/comments/", views.comment_create, name="comment_create"),
    path("comments/<int:pk>/flag/", views.comment_flag, name="comment_flag"),
    path("comments/tokens/", views.comment_tokens, name="comment_tokens"),
    path("preview/articles/<int:pk>/", views.article_preview, name="article_preview"),
    path("preview/articles/<int:pk>/share/", views.article_share, name="article_share"),
    path(
        "preview/<str:token>/",
        views.article_shared_preview,
        name="article_shared_preview",
    ),
    path("sections/<slug:slug>/", views.section_detail, name="section_detail"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("search/", views.search, name="search"),
    path("authors/<slug:slug>/", views.author_detail, name="author_detail"),
]

# The pages of one agency, person or meeting, with the articles about them,
# and the people index (the people the published stories name).
# They keep the agencies' URL names: newsroom/urls.py mounts them in the
# "agencies" namespace, beside agencies/urls.py.
coverage_urlpatterns = [
    path("agencies/<slug:slug>/", views.agency_detail, name="agency_detail"),
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
]
