from __future__ import annotations

from django.urls import path

from beklijf.results import views

app_name = "results"

urlpatterns = [
    path("", views.comparison, name="comparison"),
    path("scorecard/", views.my_scorecard, name="my-scorecard"),
    path("trainings/<uuid:code>/", views.training_report, name="training-report"),
    path("trainings/<uuid:code>/report.pdf", views.training_report_pdf, name="training-report-pdf"),
    path("trainings/<uuid:code>/report.xlsx", views.training_report_xlsx, name="training-report-xlsx"),
    path("trainings/<uuid:code>/cost/", views.training_cost, name="training-cost"),
    path("trainings/<uuid:code>/kpis/", views.kpi_create, name="kpi-create"),
    path("trainings/<uuid:code>/tests/", views.knowledge_scores, name="knowledge-scores"),
    path("kpis/<uuid:code>/", views.kpi_values, name="kpi-values"),
]
