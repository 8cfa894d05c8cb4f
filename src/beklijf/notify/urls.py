from __future__ import annotations

from django.urls import path

from beklijf.notify import views

app_name = "notify"

urlpatterns = [
    path("teams/<uuid:code>/agenda/", views.team_agenda, name="team-agenda"),
    path("teams/<uuid:code>/agenda/meeting.ics", views.team_meeting_ics, name="team-meeting-ics"),
    path("teams/<uuid:code>/channels/", views.team_channel_add, name="team-channel-add"),
    path("agenda/<uuid:code>/discussed/", views.agenda_item_discussed, name="agenda-item-discussed"),
    path("checkins/", views.checkin_list, name="checkin-list"),
    path("checkins/<uuid:code>/", views.checkin_detail, name="checkin-detail"),
    path("checkins/<uuid:code>/invite.ics", views.checkin_ics, name="checkin-ics"),
    path("preferences/", views.preference_edit, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("messages/", views.outbox_list, name="outbox-list"),
    path("nudge-effect/", views.nudge_effect, name="nudge-effect"),
]
