from __future__ import annotations

from django.urls import path

from beklijf.imports import views

app_name = "imports"

urlpatterns = [
    path("employees/", views.employees, name="employees"),
    path("completions/", views.completions, name="completions"),
]
