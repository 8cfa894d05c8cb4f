"""Pairing: hard constraints on random cohorts, optimality against brute force, crafted cases."""

from __future__ import annotations

import json
import random
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from beklijf.engine import pairing
from beklijf.engine.pairing import Candidate, PairingRules, Proposal

GROUP = {"team": "team_id", "role": "role", "location": "location"}


def person(
    employee_id: int,
    r: float,
    *,
    team_id: int | None = 1,
    role: str | None = "sales",
    location: str | None = "Utrecht",
    manager_id: int | None = None,
    opted_in: bool = True,
    active_pairs: int = 0,
) -> Candidate:
    return Candidate(employee_id, team_id, role, location, manager_id, opted_in, r, active_pairs)


def pairs(proposals: list[Proposal]) -> set[tuple[int, int]]:
    return {(p.mentor_id, p.mentee_id) for p in proposals}


# An oracle written from EVIDENCE.md 1.5, independent of the module's own checks.


def allowed(
    mentor: Candidate, mentee: Candidate, *, rules, active_mentees, recent_pairs, existing_load
) -> bool:
    key = GROUP[rules.match_on]
    return (
        mentor.employee_id != mentee.employee_id
        and getattr(mentor, key) is not None
        and getattr(mentor, key) == getattr(mentee, key)
        and mentor.manager_id != mentee.employee_id
        and mentee.manager_id != mentor.employee_id
        and mentor.opted_in
        and mentee.opted_in
        and mentor.r >= rules.mentor_min_r
        and mentee.r <= rules.mentee_max_r
        and existing_load.get(mentor.employee_id, 0) < rules.capacity
        and mentee.employee_id not in active_mentees
        and (mentor.employee_id, mentee.employee_id) not in recent_pairs
        and (mentee.employee_id, mentor.employee_id) not in recent_pairs
    )


def check_hard_constraints(proposals, candidates, *, rules, active_mentees, recent_pairs, existing_load):
    by_id = {c.employee_id: c for c in candidates}
    context = dict(
        rules=rules, active_mentees=active_mentees, recent_pairs=recent_pairs, existing_load=existing_load
    )
    for p in proposals:
        mentor, mentee = by_id[p.mentor_id], by_id[p.mentee_id]
        assert allowed(mentor, mentee, **context), p
        assert p.gain == pytest.approx((mentor.r - mentee.r) * rules.weight)
        assert p.gain > 0
    assert all(n == 1 for n in Counter(p.mentee_id for p in proposals).values()), "a mentee twice"
    for mentor_id, n in Counter(p.mentor_id for p in proposals).items():
        assert n + existing_load.get(mentor_id, 0) <= rules.capacity, "over capacity"
    assert not {p.mentee_id for p in proposals} & {p.mentor_id for p in proposals}


def brute_force_best(candidates, *, rules, active_mentees, recent_pairs, existing_load) -> float:
    """The largest total gain over every valid matching, by enumeration."""
    context = dict(
        rules=rules, active_mentees=active_mentees, recent_pairs=recent_pairs, existing_load=existing_load
    )
    free = {c.employee_id: rules.capacity - existing_load.get(c.employee_id, 0) for c in candidates}

    def best(rest: list[Candidate]) -> float:
        if not rest:
            return 0.0
        mentee, others = rest[0], rest[1:]
        value = best(others)  # the first person is not mentored
        for mentor in candidates:
            if free[mentor.employee_id] > 0 and allowed(mentor, mentee, **context):
                free[mentor.employee_id] -= 1
                value = max(value, (mentor.r - mentee.r) * rules.weight + best(others))
                free[mentor.employee_id] += 1
        return value

    return best(list(candidates))


def global_optimum(candidates, *, rules, active_mentees, recent_pairs, existing_load) -> float:
    """One assignment over the whole cohort (no split into groups), from the oracle's constraints."""
    context = dict(
        rules=rules, active_mentees=active_mentees, recent_pairs=recent_pairs, existing_load=existing_load
    )
    slots = [
        m for m in candidates for _ in range(max(0, rules.capacity - existing_load.get(m.employee_id, 0)))
    ]
    if not slots or not candidates:
        return 0.0
    gain = np.array(
        [[(m.r - e.r) * rules.weight if allowed(m, e, **context) else 0.0 for m in slots] for e in candidates]
    )
    rows, columns = linear_sum_assignment(-gain)
    return float(gain[rows, columns].sum())


# Random cohorts.

# Mostly clear mentors and mentees, some values on the limits, some anything.
R_VALUES = st.one_of(
    st.sampled_from([0.85, 0.9, 0.95, 1.0]),
    st.sampled_from([0.0, 0.2, 0.3, 0.5, 0.6]),
    st.sampled_from([0.5, 0.6, 0.61, 0.69, 0.7, 0.84, 0.85, 0.95]),
    st.floats(0, 1),
)


@st.composite
def cohorts(draw, min_size: int = 0, max_size: int = 25):
    size = draw(st.integers(min_size, max_size))
    ids = draw(st.lists(st.integers(1, 500), min_size=size, max_size=size, unique=True))
    # Few groups and few people outside any, so that most cohorts have pairs to propose.
    groups = draw(st.integers(1, 3))
    group = st.sampled_from([*range(1, groups + 1)] * 4 + [None])
    candidates = [
        Candidate(
            employee_id=eid,
            team_id=draw(group),
            role=draw(group.map(lambda g: None if g is None else f"role {g}")),
            location=draw(group.map(lambda g: None if g is None else f"site {g}")),
            manager_id=draw(st.one_of(st.none(), st.sampled_from(ids))),
            opted_in=draw(st.sampled_from([True, True, True, True, False])),
            r=draw(R_VALUES),
            active_pairs=draw(st.integers(0, 3)),
        )
        for eid in ids
    ]
    rules = PairingRules(
        match_on=draw(st.sampled_from(["team", "role", "location"])),
        mentor_min_r=draw(st.sampled_from([0.85, 0.7, 0.95])),
        mentee_max_r=draw(st.sampled_from([0.6, 0.5, 0.69])),
        capacity=draw(st.integers(1, 3)),
        weight=draw(st.sampled_from([1.0, 0.5, 2.0])),
    )
    some_ids = st.sampled_from(ids) if ids else st.integers(501, 600)  # ids of nobody here
    context = {
        "rules": rules,
        "active_mentees": frozenset(draw(st.sets(some_ids, max_size=size // 4))),
        "recent_pairs": frozenset(draw(st.sets(st.tuples(some_ids, some_ids), max_size=size // 3))),
        "existing_load": draw(st.dictionaries(some_ids, st.integers(0, 3), max_size=size // 4)),
    }
    return candidates, context


@settings(deadline=None, max_examples=300)
@given(cohort=cohorts())
def test_no_proposal_breaks_a_hard_constraint(cohort):
    candidates, context = cohort
    proposals = pairing.propose_pairs(candidates, **context)
    check_hard_constraints(proposals, candidates, **context)
    assert proposals == sorted(proposals, key=lambda p: (-p.gain, p.mentor_id, p.mentee_id))


@settings(deadline=None, max_examples=300)
@given(cohort=cohorts(min_size=2, max_size=6))
def test_the_total_gain_is_the_brute_force_maximum_on_small_cohorts(cohort):
    candidates, context = cohort
    total = sum(p.gain for p in pairing.propose_pairs(candidates, **context))
    # The tie-break costs 1e-9 per active pair, so the total may be that much below the optimum.
    assert total == pytest.approx(brute_force_best(candidates, **context), abs=1e-6)


def random_small_cohort(rng: random.Random):
    """A cohort of 3-6 people where choices matter: one or two teams, mostly clear mentors and mentees."""
    ids = rng.sample(range(1, 50), rng.randint(3, 6))
    candidates = [
        Candidate(
            employee_id=eid,
            team_id=rng.choice([1, 1, 2, None] if rng.random() < 0.5 else [1]),
            role=rng.choice(["sales", "support"]),
            location=rng.choice(["Utrecht", "Gent"]),
            manager_id=rng.choice(ids) if rng.random() < 0.3 else None,
            opted_in=rng.random() < 0.9,
            r=rng.choice([rng.uniform(0.85, 1.0), rng.uniform(0.0, 0.6), rng.random()]),
            active_pairs=rng.randint(0, 2),
        )
        for eid in ids
    ]
    rules = PairingRules(
        match_on=rng.choice(["team", "team", "role", "location"]), capacity=rng.randint(1, 3)
    )
    context = {
        "rules": rules,
        "active_mentees": frozenset(rng.sample(ids, rng.randint(0, 1))),
        "recent_pairs": frozenset((rng.choice(ids), rng.choice(ids)) for _ in range(rng.randint(0, 2))),
        "existing_load": {rng.choice(ids): rng.randint(0, 2)} if rng.random() < 0.3 else {},
    }
    return candidates, context


def test_the_total_gain_is_the_brute_force_maximum_on_3000_seeded_small_cohorts():
    rng = random.Random(20250303)
    with_choices = 0
    for _ in range(3000):
        candidates, context = random_small_cohort(rng)
        proposals = pairing.propose_pairs(candidates, **context)
        check_hard_constraints(proposals, candidates, **context)
        total = sum(p.gain for p in proposals)
        assert total == pytest.approx(brute_force_best(candidates, **context), abs=1e-6), (
            candidates,
            context,
        )
        with_choices += len(proposals) >= 2
    assert with_choices >= 500  # the sweep must exercise real choices, not empty cohorts


@settings(deadline=None, max_examples=200)
@given(cohort=cohorts())
def test_solving_per_group_gives_the_optimum_of_the_whole_cohort(cohort):
    candidates, context = cohort
    total = sum(p.gain for p in pairing.propose_pairs(candidates, **context))
    assert total == pytest.approx(global_optimum(candidates, **context), abs=1e-6)


@settings(deadline=None)
@given(cohort=cohorts(), seed=st.integers(0, 2**32))
def test_the_proposals_do_not_depend_on_the_input_order(cohort, seed):
    candidates, context = cohort
    shuffled = list(candidates)
    random.Random(seed).shuffle(shuffled)
    assert pairing.propose_pairs(shuffled, **context) == pairing.propose_pairs(candidates, **context)


@given(cohort=cohorts())
def test_propose_pairs_leaves_its_input_alone(cohort):
    candidates, context = cohort
    before = (list(candidates), dict(context["existing_load"]))
    pairing.propose_pairs(candidates, **context)
    assert (list(candidates), dict(context["existing_load"])) == before


# Crafted cases.


def test_the_optimum_beats_greedy_when_a_manager_relation_blocks_the_best_pair():
    # Greedy takes A–X (1.0) and then B–Y is forbidden (B manages Y): total 1.0.
    # The optimum is A–Y (0.5) + B–X (0.9) = 1.4.
    a, b = person(1, 1.0), person(2, 0.9)
    x, y = person(10, 0.0), person(11, 0.5, manager_id=2)
    proposals = pairing.propose_pairs([a, b, x, y], rules=PairingRules(capacity=1))
    assert pairs(proposals) == {(1, 11), (2, 10)}
    assert sum(p.gain for p in proposals) == pytest.approx(1.4)


def test_a_manager_and_their_report_are_never_paired_either_way_round():
    manager_mentor = [person(1, 0.95), person(2, 0.1, manager_id=1)]
    assert pairing.propose_pairs(manager_mentor) == []
    manager_mentee = [person(1, 0.95, manager_id=2), person(2, 0.1)]
    assert pairing.propose_pairs(manager_mentee) == []
    # A colleague with the same manager is fine.
    assert pairs(pairing.propose_pairs([person(1, 0.95, manager_id=9), person(2, 0.1, manager_id=9)])) == {
        (1, 2)
    }


def test_a_recent_pair_is_not_repeated_in_either_order():
    cohort = [person(1, 0.95), person(2, 0.1)]
    assert pairing.propose_pairs(cohort, recent_pairs={(1, 2)}) == []
    assert pairing.propose_pairs(cohort, recent_pairs={(2, 1)}) == []
    assert pairs(pairing.propose_pairs(cohort, recent_pairs={(1, 3)})) == {(1, 2)}


def test_a_recent_pair_goes_to_another_mentor_instead():
    cohort = [person(1, 0.95), person(2, 0.9), person(3, 0.1)]
    assert pairs(pairing.propose_pairs(cohort, recent_pairs={(1, 3)})) == {(2, 3)}


@pytest.mark.parametrize("who", [1, 2])
def test_people_who_did_not_opt_in_are_left_out(who):
    cohort = [person(1, 0.95, opted_in=who != 1), person(2, 0.1, opted_in=who != 2)]
    assert pairing.propose_pairs(cohort) == []


def test_the_location_rule_pairs_across_teams_on_one_site_only():
    cohort = [
        person(1, 0.95, team_id=1, location="Utrecht"),
        person(2, 0.1, team_id=2, location="Utrecht"),
        person(3, 0.1, team_id=1, location="Gent"),
    ]
    assert pairs(pairing.propose_pairs(cohort, rules=PairingRules(match_on="location"))) == {(1, 2)}
    assert pairs(pairing.propose_pairs(cohort, rules=PairingRules(match_on="team"))) == {(1, 3)}


def test_the_role_rule_pairs_within_a_role():
    cohort = [person(1, 0.95, role="sales"), person(2, 0.1, role="support"), person(3, 0.3, role="sales")]
    assert pairs(pairing.propose_pairs(cohort, rules=PairingRules(match_on="role"))) == {(1, 3)}


def test_an_unknown_group_never_matches():
    cohort = [person(1, 0.95, team_id=None), person(2, 0.1, team_id=None)]
    assert pairing.propose_pairs(cohort) == []


def test_the_r_limits_are_inclusive():
    assert pairs(pairing.propose_pairs([person(1, 0.85), person(2, 0.6)])) == {(1, 2)}
    assert pairing.propose_pairs([person(1, 0.849), person(2, 0.6)]) == []
    assert pairing.propose_pairs([person(1, 0.85), person(2, 0.601)]) == []


def test_capacity_counts_existing_load():
    cohort = [person(1, 0.95), person(2, 0.1), person(3, 0.2), person(4, 0.3)]
    assert len(pairing.propose_pairs(cohort)) == 2  # capacity 2
    assert pairs(pairing.propose_pairs(cohort, existing_load={1: 1})) == {(1, 2)}
    assert pairing.propose_pairs(cohort, existing_load={1: 2}) == []
    assert len(pairing.propose_pairs(cohort, rules=PairingRules(capacity=3))) == 3


def test_a_mentee_already_paired_on_the_topic_gets_no_second_mentor():
    cohort = [person(1, 0.95), person(2, 0.1), person(3, 0.5)]
    assert pairs(pairing.propose_pairs(cohort, active_mentees={2})) == {(1, 3)}


def test_ties_go_to_the_less_busy_mentor_and_mentee():
    mentors = [person(1, 0.9, active_pairs=2), person(2, 0.9, active_pairs=0), person(3, 0.9, active_pairs=1)]
    assert pairs(pairing.propose_pairs([*mentors, person(9, 0.1)], rules=PairingRules(capacity=1))) == {
        (2, 9)
    }
    mentees = [person(5, 0.3, active_pairs=1), person(6, 0.3, active_pairs=0)]
    assert pairs(pairing.propose_pairs([person(1, 0.9), *mentees], rules=PairingRules(capacity=1))) == {
        (1, 6)
    }


def test_a_proposal_carries_its_gain_and_reasons():
    (proposal,) = pairing.propose_pairs(
        [person(1, 0.9, team_id=7), person(2, 0.3, team_id=7)], rules=PairingRules(weight=2.0)
    )
    assert proposal.gain == pytest.approx(1.2)
    assert proposal.reason == {
        "mentor_r": 0.9,
        "mentee_r": 0.3,
        "weight": 2.0,
        "mentor_min_r": 0.85,
        "mentee_max_r": 0.6,
        "match_on": "team",
        "team": 7,
    }


def test_an_empty_or_one_sided_cohort_gives_no_proposals():
    assert pairing.propose_pairs([]) == []
    assert pairing.propose_pairs([person(1, 0.9), person(2, 0.95)]) == []
    assert pairing.propose_pairs([person(1, 0.1), person(2, 0.2)]) == []


def test_duplicate_ids_and_negative_loads_are_refused():
    with pytest.raises(ValueError, match="twice"):
        pairing.propose_pairs([person(1, 0.9), person(1, 0.1)])
    with pytest.raises(ValueError, match="load"):
        pairing.propose_pairs([person(1, 0.9)], existing_load={1: -1})


# Rules and candidates.


def test_rules_round_trip_through_json_and_take_defaults_for_missing_keys():
    rules = PairingRules(match_on="location", mentor_min_r=0.9, mentee_max_r=0.5, capacity=3, weight=0.5)
    assert PairingRules.from_dict(json.loads(json.dumps(rules.to_dict()))) == rules
    assert PairingRules.from_dict({"capacity": 1}) == PairingRules(capacity=1)
    with pytest.raises(ValueError, match="unknown"):
        PairingRules.from_dict({"capacty": 1})


def test_default_rules_are_the_documented_starting_values():
    assert PairingRules().to_dict() == {
        "match_on": "team",
        "mentor_min_r": 0.85,
        "mentee_max_r": 0.6,
        "capacity": 2,
        "weight": 1.0,
    }


@pytest.mark.parametrize(
    "bad",
    [
        {"match_on": "organisation"},
        {"mentor_min_r": 1.2},
        {"mentee_max_r": -0.1},
        {"mentor_min_r": 0.6, "mentee_max_r": 0.6},
        {"mentor_min_r": 0.5, "mentee_max_r": 0.6},
        {"capacity": 0},
        {"capacity": 1.5},
        {"weight": 0.0},
        {"weight": float("inf")},
        {"weight": float("nan")},
    ],
)
def test_rules_refuse_impossible_values(bad):
    with pytest.raises(ValueError):
        PairingRules(**bad)


@pytest.mark.parametrize("bad", [{"r": 1.5}, {"r": float("nan")}, {"active_pairs": -1}, {"opted_in": 1}])
def test_candidates_refuse_impossible_values(bad):
    values = {"employee_id": 1, "team_id": 1, "role": None, "location": None, "manager_id": None}
    with pytest.raises(ValueError):
        Candidate(**{**values, "opted_in": True, "r": 0.5, **bad})
