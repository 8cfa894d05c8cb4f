"""The API's operations. Every object comes from people/access.py; views here only filter, sort and page."""

# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.

import datetime as dt
from typing import Literal
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from beklijf.catalog.forms import EnrollmentForm
from beklijf.catalog.models import Enrollment
from beklijf.catalog.services import enrollment_save
from beklijf.integrations.api import schemas as s
from beklijf.integrations.api.idempotency import idempotent
from beklijf.people import access

router = Router()

MAX_PAGE = 100
# Free text in a filter: bounded, and no NUL (PostgreSQL refuses it in a string literal).
TEXT = Query(None, max_length=100, pattern=r"^[^\x00]*$")
IDEMPOTENCY_KEY = Header(
    None,
    alias="Idempotency-Key",
    max_length=200,
    description="Send the same key again to repeat a request safely: you get the first answer back.",
)
ERRORS = {401: s.Error, 403: s.Error, 404: s.Error, 409: s.ValidationErrors, 422: s.ValidationErrors}


class Pages(LimitOffsetPagination):
    """limit/offset pages with both ends bounded: a 20-digit offset is a clear 422, not a database error."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_PAGE, description=f"Objects per page, at most {MAX_PAGE}.")
        offset: int = Field(0, ge=0, le=10_000_000, description="How many objects to skip.")


def _page(qs, ordering: str):  # noqa: ANN001,ANN202
    # A stable order for stable pages: the chosen key, then the primary key.
    return qs.order_by(ordering, "-pk" if ordering.startswith("-") else "pk")


EMPLOYEE_FIELDS = [name for name in s.EmployeeOut.model_fields if name not in ("email", "team", "manager")]

# --- People ---------------------------------------------------------------------------------------


@router.get("/employees", response=list[s.EmployeeOut], tags=["people"])
@paginate(Pages, max_limit=MAX_PAGE)
def employee_list(
    request: HttpRequest,
    team: UUID | None = None,
    active: bool | None = None,
    search: str | None = TEXT,
    ordering: Literal["last_name", "-last_name", "created_at", "-created_at"] = "last_name",
):
    # Only the columns the answer shows: a page is 50 rows of three joined tables.
    qs = (
        access.employees_visible_to(request.actor)
        .select_related("manager")
        .only(*EMPLOYEE_FIELDS, "team__code", "user__email", "manager__code")
    )
    if team is not None:
        qs = qs.filter(team__code=team)
    if active is not None:
        qs = qs.filter(is_active=active)
    if search:
        from django.db.models import Q

        qs = qs.filter(
            Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(user__email__icontains=search)
        )
    return _page(qs, ordering)


@router.get("/employees/{code}", response={200: s.EmployeeOut, **ERRORS}, tags=["people"])
def employee_get(request: HttpRequest, code: UUID):
    return access.get_employee_for(request.actor, code)


@router.get("/teams", response=list[s.TeamOut], tags=["people"])
@paginate(Pages, max_limit=MAX_PAGE)
def team_list(request: HttpRequest, ordering: Literal["name", "-name"] = "name"):
    return _page(access.teams_visible_to(request.actor).select_related("parent", "manager"), ordering)


@router.get("/teams/{code}", response={200: s.TeamOut, **ERRORS}, tags=["people"])
def team_get(request: HttpRequest, code: UUID):
    return access.get_team_for(request.actor, code)


# --- Catalogue ------------------------------------------------------------------------------------


@router.get("/trainings", response=list[s.TrainingOut], tags=["catalogue"])
@paginate(Pages, max_limit=MAX_PAGE)
def training_list(
    request: HttpRequest,
    mode: Literal["classroom", "online", "blended"] | None = None,
    ordering: Literal["title", "-title", "created_at", "-created_at"] = "title",
):
    qs = access.trainings_visible_to(request.actor)
    if mode is not None:
        qs = qs.filter(mode=mode)
    return _page(qs, ordering)


@router.get("/trainings/{code}", response={200: s.TrainingOut, **ERRORS}, tags=["catalogue"])
def training_get(request: HttpRequest, code: UUID):
    return access.get_training_for(request.actor, code)


@router.get("/sessions", response=list[s.SessionOut], tags=["catalogue"])
@paginate(Pages, max_limit=MAX_PAGE)
def session_list(
    request: HttpRequest,
    training: UUID | None = None,
    starts_from: dt.date | None = None,
    starts_until: dt.date | None = None,
    ordering: Literal["starts_at", "-starts_at"] = "-starts_at",
):
    qs = access.sessions_visible_to(request.actor)
    if training is not None:
        qs = qs.filter(training__code=training)
    if starts_from is not None:
        qs = qs.filter(starts_at__date__gte=starts_from)
    if starts_until is not None:
        qs = qs.filter(starts_at__date__lte=starts_until)
    return _page(qs, ordering)


@router.get("/sessions/{code}", response={200: s.SessionOut, **ERRORS}, tags=["catalogue"])
def session_get(request: HttpRequest, code: UUID):
    return access.get_session_for(request.actor, code)


@router.get("/learning-points", response=list[s.LearningPointOut], tags=["catalogue"])
@paginate(Pages, max_limit=MAX_PAGE)
def learning_point_list(
    request: HttpRequest,
    training: UUID | None = None,
    ordering: Literal["position", "-position", "title", "-title"] = "position",
):
    qs = access.learning_points_visible_to(request.actor).select_related("training")
    if training is not None:
        qs = qs.filter(training__code=training)
    return _page(qs, ordering)


@router.get("/learning-points/{code}", response={200: s.LearningPointOut, **ERRORS}, tags=["catalogue"])
def learning_point_get(request: HttpRequest, code: UUID):
    return access.get_learning_point_for(request.actor, code)


@router.get("/questions", response=list[s.QuestionOut], tags=["catalogue"])
@paginate(Pages, max_limit=MAX_PAGE)
def question_list(
    request: HttpRequest,
    learning_point: UUID | None = None,
    training: UUID | None = None,
    active: bool | None = None,
):
    qs = access.questions_visible_to(request.actor).select_related("learning_point")
    if learning_point is not None:
        qs = qs.filter(learning_point__code=learning_point)
    if training is not None:
        qs = qs.filter(learning_point__training__code=training)
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs.order_by("learning_point__training_id", "learning_point__position", "pk")


@router.get("/questions/{code}", response={200: s.QuestionOut, **ERRORS}, tags=["catalogue"])
def question_get(request: HttpRequest, code: UUID):
    return access.get_question_for(request.actor, code)


# --- Enrolments -----------------------------------------------------------------------------------


@router.get("/enrollments", response=list[s.EnrollmentOut], tags=["enrolments"])
@paginate(Pages, max_limit=MAX_PAGE)
def enrollment_list(
    request: HttpRequest,
    session: UUID | None = None,
    employee: UUID | None = None,
    status: s.EnrollmentStatus | None = None,
    ordering: Literal["created_at", "-created_at", "completed_on", "-completed_on"] = "-created_at",
):
    qs = access.enrollments_visible_to(request.actor)
    if session is not None:
        qs = qs.filter(session__code=session)
    if employee is not None:
        qs = qs.filter(employee__code=employee)
    if status is not None:
        qs = qs.filter(status=status)
    return _page(qs, ordering)


@router.get("/enrollments/{code}", response={200: s.EnrollmentOut, **ERRORS}, tags=["enrolments"])
def enrollment_get(request: HttpRequest, code: UUID):
    return access.get_enrollment_for(request.actor, code)


def _conflict(form) -> tuple[int, dict]:  # noqa: ANN001
    """A well-formed request that the current state refuses (already enrolled, someone inactive): 409."""
    errors = [
        {"field": field if field != "__all__" else None, "message": str(message)}
        for field, messages in form.errors.items()
        for message in messages
    ]
    return 409, {"detail": "; ".join(e["message"] for e in errors), "errors": errors}


def _completed_on(status: str, day: dt.date | None) -> str:
    if day is None and status == Enrollment.Status.COMPLETED:
        day = timezone.localdate()  # completed without a date: today, as the complete operation does
    return day.isoformat() if day else ""


def _saved(enrollment: Enrollment, status: int) -> tuple[int, dict]:
    # Stored as JSON for an idempotent replay: the same shape as a fresh answer.
    return status, s.EnrollmentOut.from_orm(enrollment).model_dump(mode="json")


@router.post("/enrollments", response={201: s.EnrollmentOut, **ERRORS}, tags=["enrolments"])
def enrollment_create(
    request: HttpRequest,
    response: HttpResponse,
    payload: s.EnrollmentIn,
    idempotency_key: str | None = IDEMPOTENCY_KEY,
):
    """Enrol an employee in a session. With status "completed" the follow-up starts at once."""

    def run() -> tuple[int, dict]:
        actor = request.actor
        session = access.get_session_for(actor, payload.session, write=True)
        employee = access.get_employee_for(actor, payload.employee)
        form = EnrollmentForm(
            data={
                "employee": employee.pk,
                "status": payload.status,
                "completed_on": _completed_on(payload.status, payload.completed_on),
            },
            session=session,
            employees=access.employees_visible_to(actor),
        )
        if not form.is_valid():
            return _conflict(form)
        return _saved(enrollment_save(form=form), 201)

    return Status(*idempotent(request, response, idempotency_key, payload.model_dump(mode="json"), run))


@router.post("/enrollments/{code}/complete", response={200: s.EnrollmentOut, **ERRORS}, tags=["enrolments"])
def enrollment_complete(
    request: HttpRequest,
    response: HttpResponse,
    code: UUID,
    payload: s.CompleteIn,
    idempotency_key: str | None = IDEMPOTENCY_KEY,
):
    """Mark an enrolment completed; this starts the follow-up (a memory state per learning point).
    Completing a completed enrolment again changes nothing."""

    def run() -> tuple[int, dict]:
        enrollment = access.get_enrollment_for(request.actor, code, write=True)
        if enrollment.status == Enrollment.Status.COMPLETED:
            return _saved(enrollment, 200)
        completed_on = payload.completed_on or timezone.localdate()
        form = EnrollmentForm(
            instance=enrollment,
            data={
                "employee": enrollment.employee_id,
                "status": Enrollment.Status.COMPLETED,
                "completed_on": completed_on.isoformat(),
            },
            session=enrollment.session,
            employees=access.employees_visible_to(request.actor),
        )
        if not form.is_valid():
            return _conflict(form)
        return _saved(enrollment_save(form=form), 200)

    payload_json = {"code": str(code), **payload.model_dump(mode="json")}
    return Status(*idempotent(request, response, idempotency_key, payload_json, run))


# --- Figures --------------------------------------------------------------------------------------


def _figures(retention: dict) -> list[s.RetentionFigure]:
    return [
        s.RetentionFigure(
            days=days, n=p.n, correct=p.successes, share=p.value, low=p.low, high=p.high, too_few=p.too_few
        )
        for days, p in sorted(retention.items())
    ]


@router.get("/retention", response={200: s.RetentionOut, 401: s.Error}, tags=["figures"])
def retention(request: HttpRequest):
    """Measured retention at 7, 28 and 90 days: the organisation, each team, each training."""
    from beklijf.practice.selectors import retention_overview

    overview = retention_overview(actor=request.actor)
    return {
        "overall": _figures(overview["overall"]),
        "teams": [
            {"code": row["team"].code, "name": row["team"].name, "retention": _figures(row["retention"])}
            for row in overview["teams"]
        ],
        "trainings": [
            {
                "code": row["training"].code,
                "name": row["training"].title,
                "retention": _figures(row["retention"]),
            }
            for row in overview["trainings"]
        ],
    }


def _rate(rate) -> dict | None:  # noqa: ANN001
    if rate is None:
        return None
    return {"n": rate.n, "successes": rate.successes, "raw": rate.raw, "shrunk": rate.shrunk}


def _money(value) -> float | None:  # noqa: ANN001
    return None if value is None else float(value)


@router.get("/scorecards", response={200: s.ScorecardOut, 401: s.Error}, tags=["figures"])
def scorecards(request: HttpRequest, by: Literal["provider", "trainer"] = "provider"):
    """Providers (or trainers) compared on results that land with the organisation: retention, application,
    drop-off, cost per retained learning point; reactions shown with weight 0. Aggregates only, no names of
    participants; nothing below 5 participants, no rank below 10 (the same figures as the results screen)."""
    from beklijf.catalog.models import Provider, Trainer
    from beklijf.results.selectors import comparison

    data = comparison(actor=request.actor, by=by, at=timezone.now())
    model = Provider if by == "provider" else Trainer
    codes = dict(
        model.objects.filter(pk__in=[r.score.provider_id for r in data["rows"]]).values_list("pk", "code")
    )
    rows = []
    for row in data["rows"]:
        score = row.score
        rows.append(
            {
                "code": codes.get(score.provider_id),
                "name": row.label,
                "sessions": score.sessions,
                "participants": score.participants,
                "too_few": score.too_few,
                "rank": score.rank,
                "composite": score.composite,
                "retention": _rate(score.retention),
                "application": _rate(score.application),
                "application_30": _rate(score.application_30),
                "drop_off": _rate(score.drop_off),
                "cost": _money(score.cost),
                "cost_per_retained_point": _money(score.cost_per_retained_point),
                "reaction": score.reaction,
                "high_reviews_low_results": score.high_reviews_low_results,
                "learning_points": row.learning_points,
                "questions": row.questions,
                "follow_up_sessions": row.follow_up_sessions,
            }
        )
    return {"by": by, "rows": rows}
