from __future__ import annotations

from django.urls import path

from beklijf.practice import views

app_name = "practice"

urlpatterns = [
    path("", views.quiz, name="quiz"),
    path("answer/", views.answer, name="answer"),
    path("progress/", views.progress, name="progress"),
    path("retention/", views.retention, name="retention"),
    path("link/<str:token>/", views.magic_link, name="magic-link"),
]
