"""Purpose limitation: a manager can reach no page that shows a report's answer to a question."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import deque
from html import unescape

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from beklijf.coaching.signals import segments_compute
from beklijf.practice.models import Review
from tests.conftest import World, client_for
from tests.people.test_permissions import TABLE

SKIP = ("/static/", "/admin/", "/i18n/", "/accounts/logout/")


def _links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="(/[^"#]*)"', html)]


def test_no_page_a_manager_reaches_shows_a_reports_question_and_answer(works_council: World) -> None:
    world = works_council
    point = world.training.learning_points.first()
    question = point.questions.first()
    question.prompt = "QPROMPT-7731 which tool closes the quarter?"
    question.save()
    now = timezone.now()
    for days in (1, 3, 9):
        Review.objects.create(key=uuid.uuid4(), organization=world.org, employee=world.employee, learning_point=point,
                              question=question, answer="ANSWER-4412 the ledger", correct=False, rating=1,
                              review_number=1, shown_at=now - dt.timedelta(days=days, minutes=1),
                              answered_at=now - dt.timedelta(days=days))  # fmt: skip
    segments_compute(organization=world.org, at=now)
    client = client_for(world.manager.user)
    start = [reverse("home"), reverse("employee-detail", args=[world.employee.code])]
    for name, (method, args, _statuses) in TABLE.items():
        if method == "get":
            try:
                with transaction.atomic():
                    start.append(reverse(name, args=args(world)))
            except IntegrityError:
                continue  # the object this URL needs was made for an earlier one (one check-in a week)
    queue, seen, pages = deque(start), set(), 0
    while queue and pages < 250:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith(
            ("text/html", "text/plain")
        ):
            continue
        pages += 1
        text = response.content.decode()
        assert "ANSWER-4412" not in text, f"{url} shows the report's answer"
        assert "QPROMPT-7731" not in text, f"{url} shows the question the report answered"
        queue.extend(link.split("?")[0] for link in _links(text))
    assert pages >= 30  # the crawl really went round: team, coaching, agenda, check-ins, skills, catalogue...
    assert reverse("employee-detail", args=[world.employee.code]) in seen
    assert reverse("coaching:team", args=[world.sales.code]) in seen
