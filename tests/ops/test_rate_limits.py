"""Anti-automation (ASVS 2.4.1): quiz answers, sign-in links and exports are limited per person (or per
address for sign-in links); over the limit the answer is 429 in the person's language and nothing happens."""

from __future__ import annotations

import datetime as dt
import uuid

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from beklijf.practice.models import Review
from beklijf.practice.services import Shown
from beklijf.practice.views import _sign
from tests.conftest import World, client_for
from tests.practice.conftest import complete


@override_settings(BEKLIJF_RATE_ANSWERS="3/m")
def test_the_fourth_answer_in_a_minute_is_refused_and_not_recorded(world: World) -> None:
    complete(world.enrollment, on=timezone.localdate() - dt.timedelta(days=3))
    client = client_for(world.employee.user)
    questions = [q for p in world.training.learning_points.all() for q in p.questions.all()]
    statuses = []
    for question in questions[:4]:
        shown = Shown(key=uuid.uuid4(), employee_id=world.employee.pk, question_id=question.pk,
                      shown_at=timezone.now(), is_extra=True)  # fmt: skip
        statuses.append(
            client.post(reverse("practice:answer"), {"token": _sign(shown), "answer": "0"}).status_code
        )
    assert statuses == [200, 200, 200, 429]
    assert Review.objects.filter(employee=world.employee).count() == 3
    # Another person is not affected by this one's count.
    other = client_for(world.manager.user)
    assert other.post(reverse("practice:answer"), {"token": "x", "answer": "0"}).status_code != 429


@override_settings(BEKLIJF_RATE_MAGIC_LINKS="5/m")
def test_sign_in_links_are_limited_per_address_with_a_clear_page(world: World) -> None:
    client = client_for(None)
    statuses = [client.get(reverse("practice:magic-link", args=[f"guess-{i}"])).status_code for i in range(6)]
    assert statuses == [410] * 5 + [429]
    page = client.get(reverse("practice:magic-link", args=["guess-7"]), HTTP_ACCEPT_LANGUAGE="nl")
    assert page.status_code == 429 and "Te veel verzoeken" in page.content.decode()


@override_settings(BEKLIJF_RATE_EXPORTS="2/h")
def test_exports_are_limited_per_person(world: World) -> None:
    client = client_for(world.employee.user)
    statuses = [client.post(reverse("privacy:my-data-export")).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    admin = client_for(world.ld_admin.user)
    url = reverse("results:training-report-xlsx", args=[world.training.code])
    assert [admin.get(url).status_code for _ in range(3)] == [200, 200, 429]
