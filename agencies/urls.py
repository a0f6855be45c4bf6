from django.urls import path

from . import views

app_name = "agencies"

urlpatterns = [
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/<slug:slug>/", views.agency_detail, name="agency_detail"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
]
