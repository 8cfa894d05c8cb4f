"""Log in by e-mail, and load the person's employee record with the account in one query."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from beklijf.ops.rows import JoinedRows, Part
from beklijf.people.models import Employee, Organization, Team, User

# Every page resolves request.actor from the employee, its organisation and team, so they come with the
# account: one query, with SQL built once per process (ops/rows.py) instead of a select_related compiled on
# every request (the quiz's answer POST is the busiest page).
_ACCOUNT = JoinedRows(
    [
        Part(User, "u"),
        Part(Employee, "e", link=(0, "user", "reverse")),
        Part(Organization, "o", link=(1, "organization", "forward")),
        Part(Team, "t", link=(1, "team", "forward")),
    ],
    lambda t, _connection: (
        f"FROM {t['u']} u LEFT JOIN {t['e']} e ON e.user_id = u.id "
        f"LEFT JOIN {t['o']} o ON o.id = e.organization_id LEFT JOIN {t['t']} t ON t.id = e.team_id "
        "WHERE u.id = %s"
    ),
)


class EmployeeBackend(ModelBackend):
    def get_user(self, user_id):  # noqa: ANN001,ANN201
        try:
            pk = User._meta.pk.to_python(user_id)
        except ValidationError:  # a session holding garbage is a signed-out session
            return None
        row = _ACCOUNT.one([pk])
        if row is None:
            return None
        user = row[0]
        return user if self.user_can_authenticate(user) else None
