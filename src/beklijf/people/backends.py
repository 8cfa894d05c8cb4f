"""Log in by e-mail, and load the person's employee record with the account in one query."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmployeeBackend(ModelBackend):
    def get_user(self, user_id):  # noqa: ANN001,ANN201
        # Every page resolves request.actor from the employee, its organisation and team: fetching them with
        # the user saves a query on every request (the quiz's answer POST is the busiest page).
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("employee__organization", "employee__team").get(
                pk=user_id
            )
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
