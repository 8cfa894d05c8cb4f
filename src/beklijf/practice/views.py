"""The employee's daily quiz, progress and magic links; retention figures for L&D admins and managers."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from beklijf.catalog.models import Question
from beklijf.ops.ratelimits import PER_ADDRESS, rate_limited
from beklijf.people.middleware import MAGIC_LINK_SCOPE
from beklijf.practice import queue, selectors, services

_SIGNING_SALT = "beklijf.practice.shown"
# A question form older than this is refused: the memory state it was shown for may have moved on.
_SHOWN_MAX_AGE = dt.timedelta(hours=18)


def _quiz_template(request: HttpRequest, name: str) -> str:
    """With htmx only the quiz card is swapped: the page around it stays (template partials, Django 6)."""
    return f"practice/{name}.html" + ("#card" if request.htmx else "")


def _employee(request: HttpRequest):  # noqa: ANN202
    if request.actor.employee is None:
        raise Http404
    return request.actor.employee


def _sign(shown: services.Shown) -> str:
    return signing.dumps(
        {
            "k": str(shown.key),
            "e": shown.employee_id,
            "q": shown.question_id,
            "t": shown.shown_at.isoformat(),
            "x": shown.is_extra,
        },
        salt=_SIGNING_SALT,
    )


def _unsign(token: str) -> services.Shown:
    data = signing.loads(token, salt=_SIGNING_SALT, max_age=_SHOWN_MAX_AGE)
    return services.Shown(
        key=uuid.UUID(data["k"]),
        employee_id=int(data["e"]),
        question_id=int(data["q"]),
        shown_at=dt.datetime.fromisoformat(data["t"]),
        is_extra=bool(data["x"]),
    )


def _options(question: Question, key: uuid.UUID) -> list[tuple[int, str]]:
    """Answer options with their stored index, in an order that differs per showing (seeded by the key)."""
    options = list(enumerate(c["text"] for c in question.choices))
    if question.kind == Question.Kind.TRUE_FALSE:
        return [(i, _("True") if question.choices[i].get("value") else _("False")) for i, _t in options]
    random.Random(key.int).shuffle(options)  # noqa: S311 - order only, not security
    return options


@login_required
def quiz(request: HttpRequest) -> HttpResponse:
    employee = _employee(request)
    now = timezone.now()
    extra = request.GET.get("extra") == "1"
    items = queue.today_queue(employee=employee, at=now, extra=extra)
    question = None
    while items and question is None:
        state = items.pop(0)
        question = queue.next_question(employee=employee, state=state)
    done, counted = queue.answered_today(employee, now)
    context = {"done_today": counted, "cap": employee.organization.daily_question_cap, "extra": extra}
    if question is not None:
        shown = services.Shown(
            key=uuid.uuid4(), employee_id=employee.pk, question_id=question.pk, shown_at=now, is_extra=extra
        )
        context.update(
            question=question,
            options=_options(question, shown.key) if question.uses_choices else None,
            token=_sign(shown),
            remaining=len(items) + 1,
        )
    return render(request, _quiz_template(request, "quiz"), context)


@login_required
@require_POST
@rate_limited("answers", setting="BEKLIJF_RATE_ANSWERS")
def answer(request: HttpRequest) -> HttpResponse:
    employee = _employee(request)
    try:
        shown = _unsign(request.POST.get("token", ""))
    except (signing.BadSignature, KeyError, ValueError, TypeError):
        return render(
            request,
            _quiz_template(request, "refused"),
            {"message": _("This question has expired. Here is a fresh one.")},
            status=400,
        )
    dont_know = "dont_know" in request.POST
    given = request.POST.get("answer", "").strip()
    if not given and not dont_know:
        return render(
            request,
            _quiz_template(request, "refused"),
            {"message": _("Choose an answer, or say you don't know.")},
            status=400,
        )
    try:
        review, created = services.answer_record(
            employee=employee, shown=shown, answer=given, dont_know=dont_know
        )
    except services.AnswerRefused as exc:
        messages = {
            "not yours": _("This question was not shown to you, so the answer was not recorded."),
            "not due": _("This learning point is not due today, so the answer was not recorded."),
            "gone": _("This question no longer exists."),
        }
        return render(
            request, _quiz_template(request, "refused"), {"message": messages.get(str(exc))}, status=409
        )
    question = review.question
    correct_text = None
    if question is not None and question.uses_choices:
        options = dict(_options(question, shown.key))
        correct_text = next(
            (options[i] for i, c in enumerate(question.choices) if c.get("correct")),
            None,
        )
    elif question is not None:
        correct_text = question.accepted_answers[0] if question.accepted_answers else None
    return render(
        request,
        _quiz_template(request, "feedback"),
        {"review": review, "question": question, "correct_text": correct_text, "repeat": not created},
    )


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    employee = _employee(request)
    return render(request, "practice/progress.html", selectors.progress(employee=employee, at=timezone.now()))


@login_required
def retention(request: HttpRequest) -> HttpResponse:
    if not (request.actor.is_ld_admin or request.actor.is_manager):
        raise PermissionDenied
    context = selectors.retention_overview(actor=request.actor)
    return render(request, "practice/retention.html", context)


@require_http_methods(["GET", "POST"])
@rate_limited("magic-links", setting="BEKLIJF_RATE_MAGIC_LINKS", key=PER_ADDRESS)
def magic_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET only shows a button (mail scanners open links); the POST uses the link up and signs in."""
    if request.method == "GET":
        valid = services.magic_link_find(token=token) is not None
        response = render(request, "practice/magic_link.html", {"valid": valid}, status=200 if valid else 410)
    else:
        employee = services.magic_link_consume(token=token)
        if employee is None:
            response = render(request, "practice/magic_link.html", {"valid": False}, status=410)
        else:
            login(request, employee.user, backend="beklijf.people.backends.EmployeeBackend")
            request.session[MAGIC_LINK_SCOPE] = "quiz"
            # Redirect to a URL without the token, so it never reaches history or a Referer.
            response = redirect("practice:quiz")
    # Only the origin may travel in a Referer, never the token in this URL. (Not "no-referrer": with it
    # Chromium sends "Origin: null" on the button's POST, which the CSRF check rightly refuses.)
    response["Referrer-Policy"] = "strict-origin"
    return response
