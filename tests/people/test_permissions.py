"""Every URL × every role → the status it must answer (like pretix's test_permissions.py).

A second test walks the URL resolver and fails when a URL is missing from this table, so a new
page cannot ship without someone deciding who may open it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import ROLES, World, client_for

# Column order: anonymous, employee, manager, manager_other, ld_admin, ld_admin_other_org, provider
EVERYONE = (302, 200, 200, 200, 200, 200, 200)
EDITOR_ONLY_VISIBLE_ALL = (302, 403, 403, 403, 200, 404, 403)  # the object is visible to all of org A
EDITOR_ONLY_NEW = (302, 403, 403, 403, 200, 200, 403)  # "new" pages: every L&D admin in their own org
EMPLOYEES = (302, 200, 200, 200, 200, 200, 404)  # pages for anyone with an employee record
PUBLIC = (200,) * 7

Args = Callable[[World], list]
NO_ARGS: Args = lambda w: []  # noqa: E731

# name: (method, args, expected statuses per role)
TABLE: dict[str, tuple[str, Args, tuple[int, ...]]] = {
    "home": ("get", NO_ARGS, EVERYONE),
    "team-list": ("get", NO_ARGS, EVERYONE),
    "team-detail": ("get", lambda w: [w.sales.code], (302, 404, 200, 404, 200, 404, 404)),
    "employee-detail": ("get", lambda w: [w.employee.code], (302, 200, 200, 404, 200, 404, 404)),
    "organization-settings": ("get", NO_ARGS, (302, 403, 403, 403, 200, 200, 403)),
    "login": ("get", NO_ARGS, (200, 302, 302, 302, 302, 302, 302)),
    "logout": ("post", NO_ARGS, (302,) * 7),
    "password_reset": ("get", NO_ARGS, PUBLIC),
    "password_reset_done": ("get", NO_ARGS, PUBLIC),
    "password_reset_confirm": ("get", lambda w: ["MQ", "bad-token"], PUBLIC),
    "password_reset_complete": ("get", NO_ARGS, PUBLIC),
    "set_language": ("post", NO_ARGS, (302,) * 7),
    "catalog:training-list": ("get", NO_ARGS, EVERYONE),
    "catalog:training-create": ("get", NO_ARGS, EDITOR_ONLY_NEW),
    "catalog:training-detail": ("get", lambda w: [w.training.code], (302, 200, 200, 200, 200, 404, 200)),
    "catalog:training-edit": ("get", lambda w: [w.training.code], EDITOR_ONLY_VISIBLE_ALL),
    "catalog:session-create": ("get", lambda w: [w.training.code], EDITOR_ONLY_VISIBLE_ALL),
    "catalog:learning-point-create": ("get", lambda w: [w.training.code], EDITOR_ONLY_VISIBLE_ALL),
    "catalog:session-detail": ("get", lambda w: [w.session.code], (302, 200, 200, 200, 200, 404, 200)),
    "catalog:session-edit": ("get", lambda w: [w.session.code], EDITOR_ONLY_VISIBLE_ALL),
    "catalog:enrollment-create": ("get", lambda w: [w.session.code], EDITOR_ONLY_VISIBLE_ALL),
    "catalog:enrollment-edit": ("get", lambda w: [w.enrollment.code], (302, 403, 403, 404, 200, 404, 404)),
    "catalog:learning-point-edit": (
        "get",
        lambda w: [w.training.learning_points.first().code],
        EDITOR_ONLY_VISIBLE_ALL,
    ),
    "catalog:learning-point-delete": (
        "post",
        lambda w: [w.training.learning_points.first().code],
        (302, 403, 403, 403, 302, 404, 403),
    ),
    "catalog:question-create": (
        "get",
        lambda w: [w.training.learning_points.first().code],
        EDITOR_ONLY_VISIBLE_ALL,
    ),
    "catalog:question-edit": (
        "get",
        lambda w: [w.training.learning_points.first().questions.first().code],
        (302, 404, 404, 404, 200, 404, 404),
    ),
    "catalog:provider-list": ("get", NO_ARGS, EVERYONE),
    "catalog:provider-create": ("get", NO_ARGS, EDITOR_ONLY_NEW),
    "catalog:provider-detail": ("get", lambda w: [w.provider.code], (302, 404, 200, 200, 200, 404, 200)),
    "catalog:provider-edit": ("get", lambda w: [w.provider.code], (302, 404, 403, 403, 200, 404, 403)),
    "catalog:trainer-create": ("get", lambda w: [w.provider.code], (302, 404, 403, 403, 200, 404, 403)),
    "catalog:trainer-edit": ("get", lambda w: [w.trainer.code], (302, 404, 403, 403, 200, 404, 403)),
    "practice:quiz": ("get", NO_ARGS, EMPLOYEES),
    "practice:answer": ("post", NO_ARGS, (302, 400, 400, 400, 400, 400, 404)),
    "practice:progress": ("get", NO_ARGS, EMPLOYEES),
    "practice:retention": ("get", NO_ARGS, (302, 403, 200, 200, 200, 200, 403)),
    "practice:magic-link": ("get", lambda w: ["not-a-real-token"], (410,) * 7),
}


def _checkin(w: World):  # noqa: ANN202
    from django.utils import timezone

    from beklijf.notify.models import CheckIn

    return CheckIn.objects.create(enrollment=w.enrollment, week=1, created_at=timezone.now(),
                                  starts_at=timezone.now(), status="scheduled")  # fmt: skip


def _agenda_item(w: World):  # noqa: ANN202
    from django.utils import timezone

    from beklijf.notify.models import AgendaItem

    return AgendaItem.objects.create(team=w.sales, title="Item", created_at=timezone.now())


def _unsubscribe_token(w: World) -> str:
    from beklijf.notify.preferences import unsubscribe_token

    return unsubscribe_token(w.employee)


TEAM_SCOPE = (302, 404, 200, 404, 200, 404, 404)  # the Sales team: its manager and the L&D admin
TABLE.update(
    {
        "notify:team-agenda": ("get", lambda w: [w.sales.code], TEAM_SCOPE),
        "notify:team-meeting-ics": ("get", lambda w: [w.sales.code], TEAM_SCOPE),
        "notify:team-channel-add": ("post", lambda w: [w.sales.code], (302, 404, 302, 404, 302, 404, 404)),
        "notify:agenda-item-discussed": (
            "post",
            lambda w: [_agenda_item(w).code],
            (302, 404, 302, 404, 302, 404, 404),
        ),
        "notify:checkin-list": ("get", NO_ARGS, EVERYONE),
        "notify:checkin-detail": ("get", lambda w: [_checkin(w).code], (302, 200, 200, 404, 200, 404, 404)),
        "notify:checkin-ics": ("get", lambda w: [_checkin(w).code], (302, 200, 200, 404, 200, 404, 404)),
        "notify:preferences": ("get", NO_ARGS, EMPLOYEES),
        "notify:unsubscribe": ("get", lambda w: [_unsubscribe_token(w)], PUBLIC),
        "notify:outbox-list": ("get", NO_ARGS, (302, 403, 403, 403, 200, 200, 403)),
        "notify:nudge-effect": ("get", NO_ARGS, (302, 403, 403, 403, 200, 200, 403)),
    }
)


def _blocker(w: World):  # noqa: ANN202
    from beklijf.coaching.services import blocker_report

    return blocker_report(employee=w.employee, reported_by=w.employee, category="time")


def _pairing(w: World):  # noqa: ANN202
    from django.utils import timezone

    from beklijf.coaching.models import Pairing

    return Pairing.objects.create(organization=w.org, training=w.training, mentor=w.manager_other, mentee=w.employee,
                                  gain=0.3, proposed_at=timezone.now())  # fmt: skip


def _plan(w: World):  # noqa: ANN202
    from django.utils import timezone

    from beklijf.coaching.models import ActionPlan

    return ActionPlan.objects.create(employee=w.employee, enrollment=w.enrollment, situation="s", action="a",
                                     due_on=timezone.localdate(), created_at=timezone.now())  # fmt: skip


def _conversation(w: World):  # noqa: ANN202
    from beklijf.coaching.services import conversation_open

    return conversation_open(employee=w.employee, reason="refuser")


MANAGERS = (302, 403, 200, 200, 200, 200, 403)
TABLE.update(
    {
        "coaching:team": ("get", lambda w: [w.sales.code], TEAM_SCOPE),
        "coaching:refusal-confirm": (
            "post",
            lambda w: [w.employee.code],
            (302, 403, 302, 404, 302, 404, 404),
        ),
        "coaching:blocker-report-for": (
            "get",
            lambda w: [w.employee.code],
            (302, 403, 200, 404, 200, 404, 404),
        ),
        "coaching:conversation": (
            "get",
            lambda w: [_conversation(w).code],
            (302, 404, 200, 404, 200, 404, 404),
        ),
        "coaching:pairs": ("get", NO_ARGS, MANAGERS),
        "coaching:pair-decide": ("post", lambda w: [_pairing(w).code], (302, 403, 400, 404, 400, 404, 404)),
        "coaching:blockers": ("get", NO_ARGS, EVERYONE),
        "coaching:blocker-report": ("get", NO_ARGS, EMPLOYEES),
        "coaching:blocker-detail": ("get", lambda w: [_blocker(w).code], (302, 200, 200, 404, 200, 404, 404)),
        "coaching:plans": ("get", NO_ARGS, EMPLOYEES),
        "coaching:plan-report": ("post", lambda w: [_plan(w).code], (302, 400, 403, 404, 403, 404, 404)),
        "coaching:plan-confirm": ("post", lambda w: [_plan(w).code], (302, 403, 302, 404, 302, 404, 404)),
        "coaching:mine": ("get", NO_ARGS, EMPLOYEES),
        "coaching:self-driven": ("get", NO_ARGS, (302, 403, 403, 403, 200, 200, 403)),
    }
)


def _request(w: World):  # noqa: ANN202
    from beklijf.needs.services import request_create

    return request_create(employee=w.employee, training=w.training, motivation="m", requested_by=w.employee)


LD_ONLY = (302, 403, 403, 403, 200, 200, 403)


def _skill(w: World):  # noqa: ANN202
    from beklijf.needs.models import Skill

    return Skill.objects.create(organization=w.org, name="Excel")


TABLE.update(
    {
        "needs:skills": ("get", NO_ARGS, LD_ONLY),
        "needs:assess-self": ("get", NO_ARGS, EMPLOYEES),
        "needs:assess": ("get", lambda w: [w.employee.code], (302, 403, 200, 404, 200, 404, 404)),
        "needs:heatmap": ("get", lambda w: [w.sales.code], TEAM_SCOPE),
        "needs:recommendations": ("get", lambda w: [w.training.code], (302, 403, 200, 200, 200, 404, 403)),
        "needs:requests": ("get", NO_ARGS, EMPLOYEES),
        "needs:request-decide": ("post", lambda w: [_request(w).code], (302, 403, 302, 404, 302, 404, 404)),
        "needs:budget": ("get", NO_ARGS, LD_ONLY),
        "needs:skill-edit": ("get", lambda w: [_skill(w).code], (302, 403, 403, 403, 200, 404, 403)),
        "needs:recommendation-act": (
            "post",
            lambda w: [w.training.code],
            (302, 404, 404, 404, 404, 404, 404),
        ),
    }
)

TABLE.update(
    {
        "needs:import": ("get", NO_ARGS, LD_ONLY),
        "needs:export": ("get", lambda w: ["csv"], LD_ONLY),
    }
)

PRIVACY_PERSON = (302, 403, 403, 404, 200, 404, 404)  # an L&D admin of the person's organisation only
TABLE.update(
    {
        "privacy:my-data": ("get", NO_ARGS, EMPLOYEES),
        "privacy:my-data-export": ("post", NO_ARGS, EMPLOYEES),
        "privacy:person": ("get", lambda w: [w.employee.code], PRIVACY_PERSON),
        "privacy:person-export": ("post", lambda w: [w.employee.code], PRIVACY_PERSON),
        "privacy:person-erase": ("post", lambda w: [w.employee.code], (302, 403, 403, 404, 400, 404, 404)),
        "privacy:audit": ("get", NO_ARGS, LD_ONLY),
    }
)


def _kpi(w: World):  # noqa: ANN202
    from beklijf.results.models import Kpi

    return Kpi.objects.create(training=w.training, name="Complaints", unit="complaints per month")


LD_REPORT = (302, 403, 403, 403, 200, 404, 403)  # a training of org A: its L&D admin only; other org 404
TABLE.update(
    {
        "results:comparison": ("get", NO_ARGS, LD_ONLY),
        "results:my-scorecard": ("get", NO_ARGS, (302, 403, 403, 403, 403, 403, 200)),
        "results:training-report": ("get", lambda w: [w.training.code], LD_REPORT),
        "results:training-report-pdf": ("get", lambda w: [w.training.code], LD_REPORT),
        "results:training-report-xlsx": ("get", lambda w: [w.training.code], LD_REPORT),
        "results:training-cost": ("get", lambda w: [w.training.code], LD_REPORT),
        "results:kpi-create": ("get", lambda w: [w.training.code], LD_REPORT),
        "results:knowledge-scores": ("get", lambda w: [w.training.code], LD_REPORT),
        "results:kpi-values": ("get", lambda w: [_kpi(w).code], LD_REPORT),
    }
)


def _survey(w: World):  # noqa: ANN202
    from django.utils import timezone

    from beklijf.surveys.models import SurveyInvitation

    return SurveyInvitation.objects.create(organization=w.org, enrollment=w.enrollment, kind="day7",
                                           audience="employee", respondent=w.employee, due_at=timezone.now(),
                                           language="en")  # fmt: skip


def _api_token(w: World):  # noqa: ANN202
    from beklijf.integrations.tokens import token_create

    return token_create(created_by=w.ld_admin, name="HR sync", scope="read")[0]


TABLE.update(
    {
        # Only the respondent opens a survey; nobody else learns that it exists.
        "surveys:answer": ("get", lambda w: [_survey(w).code], (302, 200, 404, 404, 404, 404, 404)),
        # A bad token answers 410 "no longer works"; the respondent, already signed in, goes straight on.
        "surveys:link": (
            "get",
            lambda w: [_survey(w).code, "not-a-real-token"],
            (410, 302, 410, 410, 410, 410, 410),
        ),
        "surveys:schedule": ("get", lambda w: [w.training.code], EDITOR_ONLY_VISIBLE_ALL),
    }
)

TABLE.update(
    {
        "imports:employees": ("get", NO_ARGS, LD_ONLY),
        "imports:completions": ("get", NO_ARGS, LD_ONLY),
    }
)


def _worker_alive(w: World) -> list:
    from beklijf.ops.heartbeat import heartbeat_beat

    heartbeat_beat(worker_id="permission-table")
    return []


LD_VERIFIED = (302, 302, 302, 302, 200, 200, 302)  # only L&D admins have (and passed) a second factor
TABLE.update(
    {
        "ops:health-live": ("get", NO_ARGS, PUBLIC),
        "ops:health-ready": ("get", _worker_alive, PUBLIC),
        "ops:reauth": ("get", NO_ARGS, EVERYONE),
        "ops:2fa-setup": ("get", NO_ARGS, EVERYONE),
        "ops:2fa-verify": ("get", NO_ARGS, LD_VERIFIED),
        "ops:2fa-recovery": ("post", NO_ARGS, LD_VERIFIED),
        "integrations:tokens": ("get", NO_ARGS, LD_ONLY),
        "integrations:lrs": ("get", NO_ARGS, LD_ONLY),
        "integrations:token-revoke": (
            "post",
            lambda w: [_api_token(w).code],
            (302, 403, 403, 403, 302, 404, 403),
        ),
        "integrations:sso": ("get", NO_ARGS, LD_ONLY),
        # Before login: open to all; without an organisation's short name it goes back to the login page.
        "integrations:sso-choose": ("get", NO_ARGS, (302,) * 7),
        # An organisation without single sign-on: not found, for everyone.
        "integrations:sso-start": ("get", lambda w: [w.org.slug], (404,) * 7),
        # No code and state from a provider: a failed login, to the refusal page.
        "integrations:sso-callback": ("get", NO_ARGS, (302,) * 7),
        "integrations:sso-refused": ("get", NO_ARGS, (403,) * 7),
    }
)

# The Django admin has its own permission system; it is tested on its own (superusers only).
# The REST API (/api/, namespace "api") authenticates with tokens, not sessions: its permissions are covered
# by tests/integrations/test_api.py (every object endpoint from another organisation, read vs write scope).
EXCLUDED_NAMESPACES = {"admin", "api"}


def _all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:  # noqa: ANN001
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                if ns in EXCLUDED_NAMESPACES:
                    continue
                walk(
                    pattern.url_patterns,
                    f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else ns,
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_is_in_the_permission_table() -> None:
    missing = _all_url_names() - set(TABLE)
    assert not missing, f"Add these URLs to the permission table: {sorted(missing)}"
    stale = set(TABLE) - _all_url_names()
    assert not stale, f"These URLs no longer exist: {sorted(stale)}"


CASES = [(name, role) for name in TABLE for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_url_answers_each_role_as_the_table_says(world: World, name: str, role: str) -> None:
    method, args, expected = TABLE[name]
    url = reverse(name, args=args(world))
    client = client_for(world.user(role))
    response = getattr(client, method)(url)
    assert response.status_code == expected[ROLES.index(role)], f"{method.upper()} {url} as {role}"
