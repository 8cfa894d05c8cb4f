from __future__ import annotations

from django.urls import path

from beklijf.surveys import views

app_name = "surveys"

urlpatterns = [
    path("<uuid:code>/", views.answer, name="answer"),
    path("<uuid:code>/link/<str:token>/", views.link, name="link"),
    path("trainings/<uuid:code>/schedule/", views.schedule_edit, name="schedule"),
]
