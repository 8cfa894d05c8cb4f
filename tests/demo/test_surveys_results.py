"""The demo's survey history and results inputs: the results pages tell the product's story from minute one."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse

from beklijf.catalog.models import Training
from beklijf.coaching.models import ActionPlan, Blocker
from beklijf.demo.load import DEMO_ACCOUNTS, demo_load
from beklijf.notify.models import Outbox
from beklijf.people.models import Employee, User
from beklijf.results.models import KnowledgeScore, KpiValue, TrainingCost
from beklijf.surveys.items import Audience, Kind
from beklijf.surveys.models import SurveyAnswer, SurveyInvitation
from tests.conftest import client_for

NOW = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)
MAIN_TRAINING = "Informatiebeveiliging en phishing"
STORY_PROVIDER = "Het Gesprekshuis"  # the warmest reviews, the least use


def _get(email: str, url: str):  # noqa: ANN202
    with time_machine.travel(NOW, tick=False):
        response = client_for(User.objects.get(email=email)).get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def _counts() -> dict[str, int]:
    return {
        "invitations": SurveyInvitation.objects.count(),
        "answered": SurveyInvitation.objects.filter(answered_at__isnull=False).count(),
        "answers": SurveyAnswer.objects.count(),
        "survey_blockers": Blocker.objects.filter(training__isnull=False).count(),
        "plans": ActionPlan.objects.count(),
        "kpi_values": KpiValue.objects.count(),
        "scores": KnowledgeScore.objects.count(),
    }


def _answers_digest() -> list[tuple]:
    return list(
        SurveyAnswer.objects.order_by(
            "invitation__answered_at", "invitation__respondent__user__email", "field"
        ).values_list(
            "invitation__respondent__user__email",
            "invitation__kind",
            "field",
            "number",
            "text",
            "invitation__answered_at",
        )  # fmt: skip
    )


@pytest.fixture
def demo(db) -> None:  # noqa: ANN001
    assert demo_load(now=NOW)


@pytest.mark.usefixtures("demo")
def test_surveys_were_sent_and_answered_as_the_people_behave_and_at_their_delays() -> None:
    invitations = SurveyInvitation.objects.select_related("enrollment__session", "respondent")
    assert invitations.count() > 300
    # Every past invitation went out (so the planner never sends it again), none before its due moment,
    # every answer after its e-mail and before "now".
    assert not invitations.filter(sent_at__isnull=True).exists()
    for invitation in invitations.order_by("?")[:300]:
        assert invitation.due_at <= invitation.sent_at < NOW
        if invitation.answered_at:
            assert invitation.sent_at < invitation.answered_at < NOW
    answered = invitations.filter(answered_at__isnull=False).count() / invitations.count()
    assert 0.5 < answered < 0.9, answered
    managers = invitations.filter(audience=Audience.MANAGER)
    manager_rate = managers.filter(answered_at__isnull=False).count() / managers.count()
    assert 0.55 < manager_rate < 0.85, manager_rate
    # Written examples in Dutch; the one-week obstacles became blockers through the answer service.
    assert SurveyAnswer.objects.filter(field="if_then_plan", text__startswith="Als ").exists()
    assert SurveyAnswer.objects.filter(field="example").exclude(text="").exists()
    obstacles = SurveyAnswer.objects.filter(
        invitation__kind=Kind.DAY7, field="obstacle", number__gt=0
    ).count()
    assert obstacles and Blocker.objects.filter(training__isnull=False).count() == obstacles
    assert ActionPlan.objects.exists()
    # Each survey e-mail is on record as sent, none waiting.
    assert Outbox.objects.filter(kind="survey", status=Outbox.Status.SENT).count() == invitations.count()


@pytest.mark.usefixtures("demo")
def test_the_ld_admin_sees_providers_ranked_and_the_favourite_flagged() -> None:
    response = _get(DEMO_ACCOUNTS["L&D admin"], reverse("results:comparison"))
    rows = response.context["rows"]
    ranked = [r for r in rows if r.score.rank is not None]
    assert len(ranked) >= 2 and not all(r.too_few for r in rows)
    flagged = [r.label for r in rows if r.score.high_reviews_low_results]
    assert flagged == [STORY_PROVIDER]
    page = response.content.decode()
    story_row = re.search(rf'<tr class="score-row" data-name="{STORY_PROVIDER}">(.*?)</tr>', page, re.S)
    assert story_row and 'class="flag"' in story_row.group(1)
    assert re.search(r'<td class="rank">1</td>', page) and re.search(r'<td class="rank">2</td>', page)


@pytest.mark.usefixtures("demo")
def test_the_training_report_shows_reaction_retention_application_kpis_and_roi_with_inputs() -> None:
    training = Training.objects.get(title=MAIN_TRAINING)
    response = _get(DEMO_ACCOUNTS["L&D admin"], reverse("results:training-report", args=[training.code]))
    r = response.context["r"]
    assert r["totals"].confidence_n >= 5
    assert any(p.n >= 5 for p in r["retention"].values())
    assert r["application"]["60-90"]["manager"].n >= 5 and r["application"]["30"]["manager"].n >= 5
    assert r["kpis"] and r["kpis"][0].did is not None and r["kpis"][0].trend is not None
    roi = r["roi"]
    assert roi.inputs is not None and roi.result is not None and roi.breakdown.total > 0
    page = response.content.decode()
    assert 'id="roi-percent"' in page and 'id="cost-inputs"' in page
    # The knowledge test of the VCA course gives a learning gain.
    vca = Training.objects.get(title__startswith="Veilig werken")
    vca_report = _get(DEMO_ACCOUNTS["L&D admin"], reverse("results:training-report", args=[vca.code]))
    gain = vca_report.context["r"]["gain"]
    assert not gain.too_few and gain.post > gain.pre
    assert TrainingCost.objects.count() == Training.objects.count()


@pytest.mark.usefixtures("demo")
def test_the_provider_sees_its_own_scorecard_with_figures() -> None:
    response = _get(DEMO_ACCOUNTS["provider"], reverse("results:my-scorecard"))
    own = response.context["own"]
    assert own is not None and not own.too_few and own.score.participants >= 10
    assert own.score.retention is not None and own.score.application.n >= 5
    page = response.content.decode()
    assert 'id="too-few"' not in page and '<dl class="figures">' in page


@pytest.mark.usefixtures("demo")
def test_no_survey_email_from_the_past_is_queued_or_sent_when_the_tick_runs(run_tick) -> None:  # noqa: ANN001
    visitor = Employee.objects.get(user__email=DEMO_ACCOUNTS["employee"])
    assert SurveyInvitation.objects.filter(respondent=visitor, answered_at__isnull=False).exists()
    # The visitor left the last week's surveys open, as their questions: their home page offers one.
    waiting = SurveyInvitation.objects.filter(respondent=visitor, answered_at__isnull=True).order_by(
        "-due_at"
    )
    assert (
        waiting
        and reverse("surveys:answer", args=[waiting[0].code])
        in _get(visitor.user.email, "/").content.decode()
    )
    assert not Outbox.objects.filter(kind="survey").exclude(status=Outbox.Status.SENT).exists()
    run_tick(NOW)
    run_tick(NOW + dt.timedelta(minutes=1))
    assert not Outbox.objects.filter(kind="survey", created_at__gte=NOW).exists()
    # Nor a question about an if-then plan whose date passed before the demo's "now": those were asked then.
    today = NOW.astimezone(zoneinfo.ZoneInfo("Europe/Amsterdam")).date()
    asked_now = Outbox.objects.filter(kind="plan_check", created_at__gte=NOW).values_list("key", flat=True)
    assert not ActionPlan.objects.filter(
        code__in=[k.removeprefix("plan:") for k in asked_now], due_on__lt=today
    )
    assert ActionPlan.objects.filter(due_on__lt=today).exclude(use="").exists()
    assert (
        not Outbox.objects.filter(employee=visitor, kind="survey").exclude(status=Outbox.Status.SENT).exists()
    )


@pytest.mark.django_db
def test_loading_twice_at_the_same_moment_gives_the_same_surveys_and_results() -> None:
    with transaction.atomic():
        demo_load(now=NOW)
        first, digest = _counts(), _answers_digest()
        transaction.set_rollback(True)
    demo_load(now=NOW)
    assert _counts() == first and _answers_digest() == digest
    assert first["answers"] > 500 and first["kpi_values"] > 20 and first["scores"] >= 5
