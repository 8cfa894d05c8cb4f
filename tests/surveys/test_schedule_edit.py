"""L&D admins edit, per training, which survey goes out when; the training page shows response counts and
never a satisfaction headline."""

from __future__ import annotations

from django.urls import reverse

from beklijf.surveys.items import SURVEYS
from beklijf.surveys.models import SurveySchedule
from tests.conftest import World, client_for
from tests.surveys.conftest import invitation


def _form(**changes: object) -> dict:
    """The schedule form as the page posts it: every catalogue default, with changes."""
    data: dict[str, object] = {}
    for d in SURVEYS:
        prefix = f"{d.kind}_{d.audience}"
        data.update(
            {
                f"{prefix}_enabled": "on",
                f"{prefix}_anchor": d.anchor,
                f"{prefix}_offset": d.default_offset_days,
            }
        )
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_page_shows_the_catalogue_defaults(world: World) -> None:
    page = client_for(world.ld_admin.user).get(reverse("surveys:schedule", args=[world.training.code]))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('type="checkbox"') == len(SURVEYS)
    assert "75 days from completion of the training" in html
    assert "-7 days from start of the session" in html


def test_an_admin_changes_a_training_s_timing_and_back_to_the_default(world: World) -> None:
    client = client_for(world.ld_admin.user, csrf=False)
    url = reverse("surveys:schedule", args=[world.training.code])
    response = client.post(url, _form(day30_employee_offset=21, day7_employee_enabled=None))
    assert response.status_code == 302
    rows = {(r.kind, r.audience): (r.anchor, r.offset_days, r.enabled) for r in SurveySchedule.objects.all()}
    assert rows == {
        ("day30", "employee"): ("completion", 21, True),
        ("day7", "employee"): ("completion", 7, False),
    }
    page = client.get(url).content.decode()
    assert 'name="day30_employee_offset" value="21"' in page
    client.post(url, _form())
    assert not SurveySchedule.objects.exists()  # equal to the default: the default applies again


def test_a_survey_before_the_training_cannot_be_set_after_the_start(world: World) -> None:
    client = client_for(world.ld_admin.user, csrf=False)
    url = reverse("surveys:schedule", args=[world.training.code])
    response = client.post(url, _form(before_employee_offset=3))
    assert response.status_code == 400
    assert "before the session starts: 0 days or fewer" in response.content.decode()
    response = client.post(url, _form(day30_manager_anchor="session_start", results_employee_offset=0))
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert "greater than or equal to 1" in response.content.decode()
    assert not SurveySchedule.objects.exists()  # nothing half-written


def test_the_schedule_is_for_l_and_d_admins_of_the_organisation_only(world: World) -> None:
    url = reverse("surveys:schedule", args=[world.training.code])
    data = _form(day30_employee_offset=21)
    assert client_for(world.manager.user).post(url, data).status_code == 403
    assert client_for(world.employee.user).post(url, data).status_code == 403
    assert client_for(world.ld_admin_b.user).post(url, data).status_code == 404
    assert not SurveySchedule.objects.exists()


def test_the_training_page_shows_response_counts_and_no_satisfaction_figure(world: World) -> None:
    answered = invitation(world.enrollment, "end")
    invitation(world.enrollment, "day7")
    from django.utils import timezone

    answered.answered_at = timezone.now()
    answered.save()
    url = reverse("catalog:training-detail", args=[world.training.code])
    page = client_for(world.ld_admin.user).get(url).content.decode()
    assert 'id="training-surveys"' in page
    assert reverse("surveys:schedule", args=[world.training.code]) in page
    row = page.split("At the end of the training</td>", 1)[1].split("</tr>", 1)[0]
    assert row.replace(" ", "") == "<td>Participant</td><td>1</td><td>1</td>"
    assert "satisf" not in page.lower().replace("satisfaction is never the headline", "")
    # The counts are for L&D admins; managers and participants see no survey card.
    assert 'id="training-surveys"' not in client_for(world.manager.user).get(url).content.decode()
    assert 'id="training-surveys"' not in client_for(world.employee.user).get(url).content.decode()
