from __future__ import annotations

from django.urls import path

from beklijf.coaching import views

app_name = "coaching"

urlpatterns = [
    path("teams/<uuid:code>/", views.team_coaching, name="team"),
    path("employees/<uuid:code>/confirm-refusal/", views.refusal_confirm, name="refusal-confirm"),
    path("employees/<uuid:code>/blockers/new/", views.blocker_report_for, name="blocker-report-for"),
    path("conversations/<uuid:code>/", views.conversation, name="conversation"),
    path("pairs/", views.pairs, name="pairs"),
    path("pairs/<uuid:code>/", views.pair_decide, name="pair-decide"),
    path("blockers/", views.blocker_list, name="blockers"),
    path("blockers/new/", views.blocker_report, name="blocker-report"),
    path("blockers/<uuid:code>/", views.blocker_detail, name="blocker-detail"),
    path("plans/", views.plans, name="plans"),
    path("plans/<uuid:code>/report/", views.plan_report, name="plan-report"),
    path("plans/<uuid:code>/confirm/", views.plan_confirm, name="plan-confirm"),
    path("mine/", views.mine, name="mine"),
    path("self-driven/", views.self_driven, name="self-driven"),
]
