"""Consistency checks for the demo organisation's content (plain data, no database)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation
from itertools import product
from pathlib import Path

import pytest

from beklijf.demo import content
from beklijf.demo.content import (
    FIRST_NAMES,
    LAST_NAMES,
    ORGANIZATION,
    PROVIDERS,
    QUESTION_KINDS,
    TEAMS,
    TRAINING_MODES,
    TRAININGS,
    Question,
    Training,
    full_name,
    iter_questions,
    provider_by_name,
)

ALL_QUESTIONS = [question for _, _, question in iter_questions()]
CHOICE_KINDS = {"multiple_choice", "scenario"}


def _decimal(value: str) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - reported by the assertion below
        pytest.fail(f"{value!r} is not a decimal")


def _question_id(question: Question) -> str:
    return f"{question.kind}:{question.prompt[:40]}"


def _duplicates(values: list[str]) -> list[str]:
    return [value for value, count in Counter(values).items() if count > 1]


def test_content_module_does_not_import_django() -> None:
    source = Path(content.__file__).read_text(encoding="utf-8")
    assert "import django" not in source
    assert "from django" not in source


def test_organization() -> None:
    assert ORGANIZATION.name and ORGANIZATION.city
    assert ORGANIZATION.slug == ORGANIZATION.slug.lower()
    assert " " not in ORGANIZATION.slug
    assert ORGANIZATION.email_domain.endswith(".example.com")


class TestTeams:
    def test_slugs_and_names_unique(self) -> None:
        assert not _duplicates([team.slug for team in TEAMS])
        assert not _duplicates([team.name for team in TEAMS])

    def test_about_six_teams(self) -> None:
        assert 5 <= len(TEAMS) <= 9

    def test_tree_has_one_root_and_parents_resolve(self) -> None:
        slugs = {team.slug for team in TEAMS}
        roots = [team for team in TEAMS if team.parent is None]
        assert len(roots) == 1
        for team in TEAMS:
            assert team.parent is None or team.parent in slugs, team.slug

    def test_parents_come_first_so_there_is_no_cycle(self) -> None:
        seen: set[str] = set()
        for team in TEAMS:
            assert team.parent is None or team.parent in seen, team.slug
            seen.add(team.slug)

    def test_job_titles(self) -> None:
        for team in TEAMS:
            assert len(team.job_titles) >= 2, team.slug
            assert not _duplicates(list(team.job_titles)), team.slug
            assert all(title.strip() == title and title for title in team.job_titles)

    def test_headcount_fits_sixty_people(self) -> None:
        assert all(team.headcount > 0 for team in TEAMS)
        assert sum(team.headcount for team in TEAMS) == 60


class TestNames:
    def test_no_duplicates(self) -> None:
        assert not _duplicates(list(FIRST_NAMES))
        assert not _duplicates([full_name("", last) for last in LAST_NAMES])

    def test_enough_distinct_full_names_for_sixty_people(self) -> None:
        names = {full_name(first, last) for first, last in product(FIRST_NAMES, LAST_NAMES)}
        assert len(names) >= 60 * 10
        assert len(FIRST_NAMES) >= 30
        assert len(LAST_NAMES) >= 30

    def test_particles_are_lower_case_and_present(self) -> None:
        particles = {particle for particle, _ in LAST_NAMES}
        assert {"van", "de", "van der"} <= particles
        for particle, surname in LAST_NAMES:
            assert particle == particle.lower()
            assert surname and surname[0].isupper()
            assert particle.strip() == particle and surname.strip() == surname

    def test_full_name(self) -> None:
        assert full_name("Sanne", ("van der", "Berg")) == "Sanne van der Berg"
        assert full_name("Emre", ("", "Yılmaz")) == "Emre Yılmaz"


class TestProviders:
    def test_three_providers_with_trainers_and_example_websites(self) -> None:
        assert len(PROVIDERS) == 3
        assert not _duplicates([provider.name for provider in PROVIDERS])
        for provider in PROVIDERS:
            assert provider.website.startswith("https://")
            assert provider.website.endswith(".example.com")
            assert 1 <= len(provider.trainers) <= 3

    def test_every_training_references_a_known_provider(self) -> None:
        for training in TRAININGS:
            assert provider_by_name(training.provider).name == training.provider

    def test_every_provider_is_used(self) -> None:
        used = {training.provider for training in TRAININGS}
        assert used == {provider.name for provider in PROVIDERS}

    def test_unknown_provider_raises(self) -> None:
        with pytest.raises(KeyError):
            provider_by_name("Bestaat niet")


class TestTrainings:
    def test_count_and_unique_keys(self) -> None:
        assert len(TRAININGS) == 8
        assert not _duplicates([training.slug for training in TRAININGS])
        assert not _duplicates([training.title for training in TRAININGS])

    @pytest.mark.parametrize("training", TRAININGS, ids=lambda t: t.slug)
    def test_fields(self, training: Training) -> None:
        assert training.slug == training.slug.lower() and " " not in training.slug
        assert training.mode in TRAINING_MODES
        assert training.description.count(".") >= 2
        assert _decimal(training.hours) > 0
        cost = _decimal(training.cost_per_participant)
        assert cost > 0
        assert cost == cost.quantize(Decimal("0.01"))
        team_slugs = {team.slug for team in TEAMS}
        assert training.audience and set(training.audience) <= team_slugs

    @pytest.mark.parametrize("training", TRAININGS, ids=lambda t: t.slug)
    def test_learning_points(self, training: Training) -> None:
        assert 5 <= len(training.learning_points) <= 10
        assert not _duplicates([point.title for point in training.learning_points])
        for point in training.learning_points:
            assert point.title and point.summary
            assert 2 <= len(point.questions) <= 3, point.title

    @pytest.mark.parametrize("training", TRAININGS, ids=lambda t: t.slug)
    def test_kinds_are_mixed(self, training: Training) -> None:
        kinds = {question.kind for point in training.learning_points for question in point.questions}
        assert len(kinds) >= 3
        for point in training.learning_points:
            assert len({question.kind for question in point.questions}) >= 2, point.title


class TestQuestions:
    def test_total(self) -> None:
        assert len(ALL_QUESTIONS) >= 120
        assert set(QUESTION_KINDS) == {question.kind for question in ALL_QUESTIONS}

    def test_prompts_are_unique(self) -> None:
        keys = [f"{question.situation}|{question.prompt}" for question in ALL_QUESTIONS]
        assert not _duplicates(keys)

    @pytest.mark.parametrize("question", ALL_QUESTIONS, ids=_question_id)
    def test_common_fields(self, question: Question) -> None:
        assert question.kind in QUESTION_KINDS
        assert question.prompt.strip() == question.prompt and question.prompt
        assert question.explanation.strip() == question.explanation and question.explanation
        assert question.explanation.endswith((".", "!", ")", "'"))

    @pytest.mark.parametrize("question", ALL_QUESTIONS, ids=_question_id)
    def test_kind_specific_fields(self, question: Question) -> None:
        if question.kind in CHOICE_KINDS:
            assert 3 <= len(question.choices) <= 4
            assert sum(choice.correct for choice in question.choices) == 1
            texts = [choice.text for choice in question.choices]
            assert all(texts) and not _duplicates(texts)
            assert question.answer is None and not question.accepted_answers
        if question.kind == "scenario":
            assert question.situation
        else:
            assert question.situation == ""
        if question.kind == "true_false":
            assert isinstance(question.answer, bool)
            assert not question.choices and not question.accepted_answers
        if question.kind == "short_answer":
            assert question.accepted_answers
            for answer in question.accepted_answers:
                assert answer == answer.strip().lower() and answer
            assert not _duplicates(list(question.accepted_answers))
            assert question.answer is None and not question.choices

    def test_correct_choice_position_varies(self) -> None:
        positions = Counter(
            next(index for index, choice in enumerate(question.choices) if choice.correct)
            for question in ALL_QUESTIONS
            if question.kind in CHOICE_KINDS
        )
        assert len(positions) >= 3
        assert max(positions.values()) <= 0.5 * sum(positions.values())

    def test_true_false_answers_are_mixed(self) -> None:
        answers = Counter(question.answer for question in ALL_QUESTIONS if question.kind == "true_false")
        assert answers[True] >= 5 and answers[False] >= 5

    def test_iter_questions_is_stable(self) -> None:
        assert [q for _, _, q in iter_questions()] == ALL_QUESTIONS
