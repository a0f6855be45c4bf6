"""The agencies' own pages. newsroom/urls.py mounts them in the "agencies"
namespace together with the pages of one agency, person or meeting, which
list articles and so are the articles' (articles/urls.py,
`coverage_urlpatterns`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("agencies/", views.agency_list, name="agency_list"),
    path("meetings/", views.meeting_list, name="meeting_list"),
]
