"""Who may see and change what: the ONE place that scopes people's data.

Every view, selector and (later) API call starts from a function here. Rules:
- employee: their own data;
- manager: the employees of the teams they manage, with the whole subtree below, and their direct reports;
- L&D admin: the whole organisation, and the only role that writes the catalogue;
- provider: the provider's own trainings, aggregated outcomes only (never names, never a group under 5);
- superuser: the Django admin only; inside the product a superuser without an employee record sees nothing.
An object the actor may not see is a 404 (its existence stays hidden); one they may see but not change is a 403.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from beklijf.people.models import Employee, Organization, Team

if TYPE_CHECKING:
    from beklijf.catalog.models import (
        Enrollment,
        LearningPoint,
        Provider,
        Question,
        Training,
        TrainingSession,
    )
    from beklijf.people.models import User


@dataclass
class Actor:
    """The person behind a request, resolved once per request by ActorMiddleware."""

    user: User | None
    organization: Organization | None = None
    employee: Employee | None = None
    provider: Provider | None = None
    # Set for a REST API token (integrations/): the organisation as a whole, with the token's scopes
    # ("read", "write"). Such an actor sees what an L&D admin sees and writes only with "write".
    api_scopes: frozenset[str] | None = None
    _team_ids: frozenset[int] | None = field(default=None, repr=False)

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None and self.user.is_authenticated

    @property
    def is_api(self) -> bool:
        return self.api_scopes is not None

    @property
    def is_ld_admin(self) -> bool:
        if self.api_scopes is not None:
            return True
        return self.employee is not None and self.employee.role == Employee.Role.LD_ADMIN

    @property
    def may_write(self) -> bool:
        """People write what their role allows; a token only with its "write" scope."""
        return self.api_scopes is None or "write" in self.api_scopes

    @property
    def sees_people(self) -> bool:
        """Employees and organisation-wide API tokens see people's data; provider accounts never do."""
        return self.employee is not None or self.api_scopes is not None

    @cached_property
    def managed_team_ids(self) -> frozenset[int]:
        """The teams this employee manages, with every team below them."""
        if self.employee is None:
            return frozenset()
        teams = list(
            Team.objects.filter(organization=self.organization).values_list("pk", "parent_id", "manager_id")
        )
        children: dict[int | None, list[int]] = {}
        for pk, parent_id, _manager_id in teams:
            children.setdefault(parent_id, []).append(pk)
        found: set[int] = set()
        stack = [pk for pk, _parent, manager_id in teams if manager_id == self.employee.pk]
        while stack:
            pk = stack.pop()
            if pk not in found:
                found.add(pk)
                stack.extend(children.get(pk, []))
        return frozenset(found)

    @cached_property
    def is_manager(self) -> bool:
        return self.employee is not None and (
            bool(self.managed_team_ids) or Employee.objects.filter(manager=self.employee).exists()
        )

    @property
    def role(self) -> str:
        """The role that decides the home page: ld_admin > manager > employee > provider."""
        if self.is_ld_admin:
            return "ld_admin"
        if self.employee is not None:
            return "manager" if self.is_manager else "employee"
        if self.provider is not None:
            return "provider"
        return "none"


def subtree_team_ids(organization: Organization, roots) -> frozenset[int]:  # noqa: ANN001
    """The given teams with every team below them (one query; teams per organisation are few)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Team.objects.filter(organization=organization).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    stack = list(roots)
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, []))
    return frozenset(found)


def actor_for_api_token(organization: Organization, scopes: frozenset[str]) -> Actor:
    """The actor behind a REST API call: the token's organisation, with the token's scopes."""
    return Actor(user=None, organization=organization, api_scopes=frozenset(scopes))


def actor_for(user: User | None) -> Actor:
    if user is None or not user.is_authenticated or not user.is_active:
        return Actor(user=None)
    # EmployeeBackend loads the employee with the user; for other sessions this is one query.
    try:
        employee = user.employee
    except Employee.DoesNotExist:
        employee = None
    if employee is not None and employee.is_active:
        return Actor(user=user, organization=employee.organization, employee=employee)
    account = getattr(user, "provider_account", None)
    if account is not None:
        provider = account.provider
        return Actor(user=user, organization=provider.organization, provider=provider)
    return Actor(user=user)


# --- People ---------------------------------------------------------------------------------------


def employees_visible_to(actor: Actor) -> QuerySet[Employee]:
    if not actor.sees_people:
        return Employee.objects.none()
    base = Employee.objects.filter(organization=actor.organization).select_related("team", "user")
    if actor.is_ld_admin:
        return base
    return base.filter(
        Q(pk=actor.employee.pk) | Q(team_id__in=actor.managed_team_ids) | Q(manager=actor.employee)
    ).distinct()


def employees_of_organization(organization: Organization) -> QuerySet[Employee]:
    """Everyone of one organisation, active or not, for imports: an L&D admin's (checked by the caller with
    can_import) or the operator's command line, which names the organisation itself."""
    return Employee.objects.filter(organization=organization).select_related("user", "team")


def can_import(actor: Actor) -> bool:
    """HR and completion imports write people's records: L&D admins of the organisation only."""
    return actor.is_ld_admin


def teams_visible_to(actor: Actor) -> QuerySet[Team]:
    if not actor.sees_people:
        return Team.objects.none()
    base = Team.objects.filter(organization=actor.organization)
    if actor.is_ld_admin:
        return base
    return base.filter(pk__in=actor.managed_team_ids)


def can_edit_catalog(actor: Actor) -> bool:
    return actor.is_ld_admin and actor.may_write


def can_edit_employee(actor: Actor, employee: Employee) -> bool:
    return actor.is_ld_admin and actor.may_write and employee.organization_id == actor.organization.pk


def get_employee_for(actor: Actor, code: UUID | str, *, write: bool = False) -> Employee:
    employee = _get(employees_visible_to(actor), code)
    if write and not can_edit_employee(actor, employee):
        raise PermissionDenied
    return employee


def get_team_for(actor: Actor, code: UUID | str) -> Team:
    return _get(teams_visible_to(actor), code)


# --- Catalogue ------------------------------------------------------------------------------------


def trainings_visible_to(actor: Actor) -> QuerySet[Training]:
    from beklijf.catalog.models import Training

    if actor.organization is None:
        return Training.objects.none()
    base = Training.objects.filter(organization=actor.organization).select_related("provider")
    if actor.provider is not None:
        return base.filter(provider=actor.provider)
    if actor.is_ld_admin or actor.is_manager:
        # Managers read the whole catalogue: they choose trainings for their people.
        return base
    return base.filter(sessions__enrollments__employee=actor.employee).distinct()


def trainings_requestable_by(actor: Actor) -> QuerySet[Training]:
    """Everyone in an organisation may ask for any training of its catalogue (titles, not people's data)."""
    from beklijf.catalog.models import Training

    if actor.employee is None:
        return Training.objects.none()
    return Training.objects.filter(organization=actor.organization)


def providers_visible_to(actor: Actor) -> QuerySet[Provider]:
    from beklijf.catalog.models import Provider

    if actor.provider is not None:
        return Provider.objects.filter(pk=actor.provider.pk)
    if actor.is_ld_admin or actor.is_manager:
        return Provider.objects.filter(organization=actor.organization)
    return Provider.objects.none()


def sessions_visible_to(actor: Actor) -> QuerySet[TrainingSession]:
    from beklijf.catalog.models import TrainingSession

    if not actor.sees_people and actor.provider is None:
        return TrainingSession.objects.none()
    return TrainingSession.objects.filter(training__in=trainings_visible_to(actor)).select_related(
        "training", "trainer"
    )


def sessions_of_organization(organization: Organization) -> QuerySet[TrainingSession]:
    """Every session of one organisation's trainings, for imports (see employees_of_organization)."""
    from beklijf.catalog.models import TrainingSession

    return TrainingSession.objects.filter(training__organization=organization).select_related("training")


def enrollments_visible_to(actor: Actor) -> QuerySet[Enrollment]:
    """Named enrolments: never for providers, who see aggregates only."""
    from beklijf.catalog.models import Enrollment

    if not actor.sees_people:
        return Enrollment.objects.none()
    return Enrollment.objects.filter(employee__in=employees_visible_to(actor)).select_related(
        "employee", "session__training"
    )


def learning_points_visible_to(actor: Actor) -> QuerySet[LearningPoint]:
    from beklijf.catalog.models import LearningPoint

    return LearningPoint.objects.filter(training__in=trainings_visible_to(actor))


def questions_visible_to(actor: Actor) -> QuerySet[Question]:
    """Questions with their answers: the catalogue editors (and their API tokens) only, so nobody can look
    answers up. A read-only token may read them: an LMS that mirrors the catalogue needs the questions."""
    from beklijf.catalog.models import Question

    if not actor.is_ld_admin:
        return Question.objects.none()
    return Question.objects.filter(learning_point__training__organization=actor.organization)


def get_training_for(actor: Actor, code: UUID | str, *, write: bool = False) -> Training:
    return _checked(_get(trainings_visible_to(actor), code), write and not can_edit_catalog(actor))


def get_provider_for(actor: Actor, code: UUID | str, *, write: bool = False) -> Provider:
    return _checked(_get(providers_visible_to(actor), code), write and not can_edit_catalog(actor))


def get_session_for(actor: Actor, code: UUID | str, *, write: bool = False) -> TrainingSession:
    return _checked(_get(sessions_visible_to(actor), code), write and not can_edit_catalog(actor))


def get_enrollment_for(actor: Actor, code: UUID | str, *, write: bool = False) -> Enrollment:
    return _checked(_get(enrollments_visible_to(actor), code), write and not can_edit_catalog(actor))


def get_learning_point_for(actor: Actor, code: UUID | str, *, write: bool = False) -> LearningPoint:
    return _checked(_get(learning_points_visible_to(actor), code), write and not can_edit_catalog(actor))


def get_question_for(actor: Actor, code: UUID | str) -> Question:
    return _get(questions_visible_to(actor), code)


def get_trainer_for(actor: Actor, code: UUID | str, *, write: bool = False):  # noqa: ANN201
    from beklijf.catalog.models import Trainer

    qs = Trainer.objects.filter(provider__in=providers_visible_to(actor))
    return _checked(_get(qs, code), write and not can_edit_catalog(actor))


def _get(queryset: QuerySet, code: UUID | str):  # noqa: ANN202
    try:
        return queryset.get(code=code)
    except (queryset.model.DoesNotExist, ValueError, ValidationError) as exc:
        # A tampered, malformed code is as unknown as a foreign one.
        raise Http404 from exc


def _checked(obj, denied: bool):  # noqa: ANN001,ANN202
    if denied:
        raise PermissionDenied
    return obj


# --- Follow-up conversations and the team agenda ----------------------------------------------------


def checkins_visible_to(actor: Actor):  # noqa: ANN201
    """Check-ins of the people the actor may see; the employee sees their own."""
    from beklijf.notify.models import CheckIn

    if actor.employee is None:
        return CheckIn.objects.none()
    return CheckIn.objects.filter(enrollment__employee__in=employees_visible_to(actor)).select_related(
        "enrollment__employee__user", "enrollment__session__training"
    )


def can_manage_checkin(actor: Actor, checkin) -> bool:  # noqa: ANN001
    """Scheduling is for the employee's managers and L&D admins, not for the employee alone."""
    return actor.employee is not None and (
        actor.is_ld_admin or checkin.enrollment.employee.pk != actor.employee.pk
    )


def get_checkin_for(actor: Actor, code: UUID | str, *, write: bool = False):  # noqa: ANN201
    checkin = _get(checkins_visible_to(actor), code)
    return _checked(checkin, write and not can_manage_checkin(actor, checkin))


def agenda_items_visible_to(actor: Actor):  # noqa: ANN201
    from beklijf.notify.models import AgendaItem

    return AgendaItem.objects.filter(team__in=teams_visible_to(actor))


def get_agenda_item_for(actor: Actor, code: UUID | str):  # noqa: ANN201
    return _get(agenda_items_visible_to(actor), code)


# --- Coaching -------------------------------------------------------------------------------------


def blockers_visible_to(actor: Actor):  # noqa: ANN201
    from beklijf.coaching.models import Blocker

    if actor.employee is None:
        return Blocker.objects.none()
    return Blocker.objects.filter(employee__in=employees_visible_to(actor)).select_related(
        "employee", "owner"
    )


def can_manage_person(actor: Actor, employee: Employee) -> bool:
    """Managers and L&D admins act on someone else's follow-up; nobody manages themselves."""
    return (
        actor.employee is not None
        and employee.pk != actor.employee.pk
        and (actor.is_ld_admin or actor.is_manager)
    )


def get_blocker_for(actor: Actor, code: UUID | str, *, write: bool = False):  # noqa: ANN201
    blocker = _get(blockers_visible_to(actor), code)
    return _checked(blocker, write and not can_manage_person(actor, blocker.employee))


def action_plans_visible_to(actor: Actor):  # noqa: ANN201
    from beklijf.coaching.models import ActionPlan

    if actor.employee is None:
        return ActionPlan.objects.none()
    return ActionPlan.objects.filter(employee__in=employees_visible_to(actor))


def get_action_plan_for(actor: Actor, code: UUID | str):  # noqa: ANN201
    return _get(action_plans_visible_to(actor), code)


def pairings_visible_to(actor: Actor):  # noqa: ANN201
    """Pairs whose mentee the actor may see (managers decide for their own people)."""
    from beklijf.coaching.models import Pairing

    if actor.employee is None:
        return Pairing.objects.none()
    return Pairing.objects.filter(mentee__in=employees_visible_to(actor)).select_related(
        "mentor", "mentee", "training"
    )


def get_pairing_for(actor: Actor, code: UUID | str, *, write: bool = False):  # noqa: ANN201
    pairing = _get(pairings_visible_to(actor), code)
    return _checked(pairing, write and not can_manage_person(actor, pairing.mentee))


def conversations_visible_to(actor: Actor):  # noqa: ANN201
    from beklijf.coaching.models import ConversationTask

    if actor.employee is None or not (actor.is_manager or actor.is_ld_admin):
        return ConversationTask.objects.none()
    return ConversationTask.objects.filter(employee__in=employees_visible_to(actor)).exclude(
        employee=actor.employee
    )


def get_conversation_for(actor: Actor, code: UUID | str):  # noqa: ANN201
    return _get(conversations_visible_to(actor), code)


def training_requests_visible_to(actor: Actor):  # noqa: ANN201
    from beklijf.needs.models import TrainingRequest

    if actor.employee is None:
        return TrainingRequest.objects.none()
    return TrainingRequest.objects.filter(employee__in=employees_visible_to(actor)).select_related(
        "employee", "training", "skill"
    )


def get_training_request_for(actor: Actor, code: UUID | str):  # noqa: ANN201
    return _get(training_requests_visible_to(actor), code)


def messages_visible_to(actor: Actor):  # noqa: ANN201
    """The outbox of the actor's organisation, for L&D admins only (delivery status per message)."""
    from beklijf.notify.models import Outbox

    if not actor.is_ld_admin:
        return Outbox.objects.none()
    return Outbox.objects.filter(organization=actor.organization)


def nudge_assignments_visible_to(actor: Actor):  # noqa: ANN201
    from beklijf.notify.models import NudgeAssignment

    if not actor.is_ld_admin:
        return NudgeAssignment.objects.none()
    return NudgeAssignment.objects.filter(employee__in=employees_visible_to(actor))


# --- Privacy --------------------------------------------------------------------------------------


def audit_events_visible_to(actor: Actor):  # noqa: ANN201
    """The audit log of the actor's organisation, for its L&D admins only."""
    from beklijf.privacy.models import AuditEvent

    if not actor.is_ld_admin:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(organization_id=actor.organization.pk)


def get_person_for_privacy(actor: Actor, code: UUID | str) -> Employee:
    """Exporting or erasing someone else: L&D admins of the person's organisation only."""
    employee = get_employee_for(actor, code)
    if not actor.is_ld_admin:
        raise PermissionDenied
    return employee


# --- Results --------------------------------------------------------------------------------------


def sessions_for_aggregates(actor: Actor):  # noqa: ANN201
    """Every session of the organisation, for organisation-wide aggregates only: the mean a provider's own
    scorecard is shrunk toward and compared with. Never for named or per-session figures."""
    from beklijf.catalog.models import TrainingSession

    if actor.organization is None or not (actor.is_ld_admin or actor.provider is not None):
        return TrainingSession.objects.none()
    return TrainingSession.objects.filter(training__organization=actor.organization)


def kpis_visible_to(actor: Actor):  # noqa: ANN201
    """KPIs of the trainings the actor may see; only L&D admins change them (views check)."""
    from beklijf.results.models import Kpi

    return Kpi.objects.filter(training__in=trainings_visible_to(actor)).select_related("training", "team")


def get_kpi_for(actor: Actor, code: UUID | str, *, write: bool = False):  # noqa: ANN201
    return _checked(_get(kpis_visible_to(actor), code), write and not can_edit_catalog(actor))


# --- Surveys --------------------------------------------------------------------------------------


def survey_invitations_answerable_by(actor: Actor):  # noqa: ANN201
    """A survey is opened and answered by its respondent only: nobody else sees a person's own answers,
    not even their manager (a participant rates their manager's support in it)."""
    from beklijf.surveys.models import SurveyInvitation

    if actor.employee is None:
        return SurveyInvitation.objects.none()
    return SurveyInvitation.objects.filter(organization=actor.organization, respondent=actor.employee)


def get_survey_invitation_for(actor: Actor, code: UUID | str):  # noqa: ANN201
    return _get(survey_invitations_answerable_by(actor).select_related("enrollment__session__training"), code)


def survey_invitations_counted_by(actor: Actor):  # noqa: ANN201
    """Invitations an L&D admin may count (response figures per training); counts only, never answers."""
    from beklijf.surveys.models import SurveyInvitation

    if not actor.is_ld_admin:
        return SurveyInvitation.objects.none()
    return SurveyInvitation.objects.filter(organization=actor.organization)


# --- Integrations ---------------------------------------------------------------------------------


def api_tokens_visible_to(actor: Actor):  # noqa: ANN201
    """An organisation's API tokens, for its L&D admins signed in as people (a token never sees tokens)."""
    from beklijf.integrations.models import ApiToken

    if actor.employee is None or not actor.is_ld_admin:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(organization=actor.organization).select_related("created_by")


def get_api_token_for(actor: Actor, code: UUID | str):  # noqa: ANN201
    return _get(api_tokens_visible_to(actor), code)


def xapi_statements_visible_to(actor: Actor):  # noqa: ANN201
    """The xAPI outbox of the actor's organisation (delivery status), for its L&D admins."""
    from beklijf.integrations.models import XapiStatement

    if actor.employee is None or not actor.is_ld_admin:
        return XapiStatement.objects.none()
    return XapiStatement.objects.filter(organization=actor.organization)
