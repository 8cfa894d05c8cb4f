from __future__ import annotations

from django.urls import path

from beklijf.privacy import views

app_name = "privacy"

urlpatterns = [
    path("my-data/", views.my_data, name="my-data"),
    path("my-data/export/", views.my_data_export, name="my-data-export"),
    path("people/<uuid:code>/", views.person, name="person"),
    path("people/<uuid:code>/export/", views.person_export, name="person-export"),
    path("people/<uuid:code>/erase/", views.person_erase_view, name="person-erase"),
    path("audit/", views.audit_log, name="audit"),
]
