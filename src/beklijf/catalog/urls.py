from __future__ import annotations

from django.urls import path

from beklijf.catalog import views

app_name = "catalog"

urlpatterns = [
    path("trainings/", views.training_list, name="training-list"),
    path("trainings/new/", views.training_create, name="training-create"),
    path("trainings/<uuid:code>/", views.training_detail, name="training-detail"),
    path("trainings/<uuid:code>/edit/", views.training_edit, name="training-edit"),
    path("trainings/<uuid:code>/sessions/new/", views.session_create, name="session-create"),
    path("trainings/<uuid:code>/points/new/", views.learning_point_create, name="learning-point-create"),
    path("sessions/<uuid:code>/", views.session_detail, name="session-detail"),
    path("sessions/<uuid:code>/edit/", views.session_edit, name="session-edit"),
    path("sessions/<uuid:code>/enrollments/new/", views.enrollment_create, name="enrollment-create"),
    path("enrollments/<uuid:code>/edit/", views.enrollment_edit, name="enrollment-edit"),
    path("points/<uuid:code>/edit/", views.learning_point_edit, name="learning-point-edit"),
    path("points/<uuid:code>/delete/", views.learning_point_delete, name="learning-point-delete"),
    path("points/<uuid:code>/questions/new/", views.question_create, name="question-create"),
    path("questions/<uuid:code>/edit/", views.question_edit, name="question-edit"),
    path("providers/", views.provider_list, name="provider-list"),
    path("providers/new/", views.provider_create, name="provider-create"),
    path("providers/<uuid:code>/", views.provider_detail, name="provider-detail"),
    path("providers/<uuid:code>/edit/", views.provider_edit, name="provider-edit"),
    path("providers/<uuid:code>/trainers/new/", views.trainer_create, name="trainer-create"),
    path("trainers/<uuid:code>/edit/", views.trainer_edit, name="trainer-edit"),
]
