from __future__ import annotations

from django.urls import path

from beklijf.needs import views

app_name = "needs"

urlpatterns = [
    path("skills/", views.skills, name="skills"),
    path("skills/<uuid:code>/", views.skill_edit, name="skill-edit"),
    path("assess/", views.assess, name="assess-self"),
    path("assess/<uuid:code>/", views.assess, name="assess"),
    path("teams/<uuid:code>/heatmap/", views.heatmap, name="heatmap"),
    path("trainings/<uuid:code>/who/", views.recommendations, name="recommendations"),
    path("trainings/<uuid:code>/who/act/", views.recommendation_act, name="recommendation-act"),
    path("requests/", views.requests, name="requests"),
    path("requests/<uuid:code>/", views.request_decide, name="request-decide"),
    path("budget/", views.budget, name="budget"),
    path("import/", views.matrix_import, name="import"),
    path("export.<str:fmt>", views.matrix_export, name="export"),
]
