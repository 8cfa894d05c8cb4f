"""Provider and trainer scorecards on real rows: ranking on results, not reviews; privacy for providers."""

from __future__ import annotations

import re

from django.urls import reverse

from beklijf.catalog.models import Provider
from tests import factories
from tests.conftest import World, client_for
from tests.results.helpers import session_with


def _rows(html: str) -> list[str]:
    return re.findall(r'class="score-row" data-name="([^"]+)"', html)


def test_the_provider_with_the_best_reviews_ranks_below_one_with_better_results(world: World):
    liked = Provider.objects.create(organization=world.org, name="Liked Academy")
    solid = Provider.objects.create(organization=world.org, name="Solid Training")
    session_with(world.org, liked, participants=12, retention=(30, 60), applied=(3, 12), confidence=5)
    session_with(world.org, solid, participants=12, retention=(50, 60), applied=(10, 12), confidence=3)
    response = client_for(world.ld_admin.user).get(reverse("results:comparison"))
    assert response.status_code == 200
    html = response.content.decode()
    # world.provider has no participants (only an invited one): listed last, without figures.
    assert _rows(html) == ["Solid Training", "Liked Academy", world.provider.name]
    liked_row = html.split('data-name="Liked Academy"')[1]
    assert "high reviews, low results" in liked_row
    assert "high reviews, low results" not in html.split('data-name="Liked Academy"')[0].split("<tbody>")[1]
    # The reviews are shown, with n, and weigh nothing.
    assert "5.0 / 5" in liked_row and "n = 12" in liked_row


def test_nothing_is_ranked_under_ten_participants(world: World):
    small = Provider.objects.create(organization=world.org, name="Small")
    big = Provider.objects.create(organization=world.org, name="Big")
    session_with(world.org, small, participants=6, retention=(12, 12))
    session_with(world.org, big, participants=10, retention=(6, 12))
    html = client_for(world.ld_admin.user).get(reverse("results:comparison")).content.decode()
    assert _rows(html) == ["Big", "Small", world.provider.name]
    assert "not ranked: fewer than 10 participants" in html.split('data-name="Small"')[1]


def test_trainers_are_compared_too_and_an_unknown_grouping_is_refused(world: World):
    good, weak = factories.trainer(world.provider), factories.trainer(world.provider)
    training = factories.training(world.org, prov=world.provider)
    session_with(world.org, None, training=training, trainer=weak, participants=10, retention=(2, 10))
    session_with(world.org, None, training=training, trainer=good, participants=10, retention=(9, 10))
    client = client_for(world.ld_admin.user)
    html = client.get(reverse("results:comparison") + "?by=trainer").content.decode()
    assert _rows(html) == [good.name, weak.name, world.trainer.name]
    assert client.get(reverse("results:comparison") + "?by=provider__name").status_code == 400


def test_a_provider_of_four_participants_sees_too_few_to_show(world: World):
    session_with(world.org, world.provider, participants=4, retention=(8, 8), applied=(4, 4), confidence=5)
    html = client_for(world.provider_user).get(reverse("results:my-scorecard")).content.decode()
    assert 'id="too-few"' in html
    assert "Retention at 4 weeks</dt>" not in html
    assert "Deelnemer" not in html and "Jansen" not in html


def test_a_provider_of_five_participants_sees_figures_and_never_a_name(world: World):
    built = session_with(
        world.org, world.provider, participants=5, retention=(8, 10), applied=(4, 5), confidence=4
    )
    other = factories.provider(world.org, name="Competitor")
    session_with(world.org, other, participants=8, retention=(2, 10), title="Competitor course")
    html = client_for(world.provider_user).get(reverse("results:my-scorecard")).content.decode()
    assert 'id="too-few"' not in html
    assert "Retention at 4 weeks</dt>" in html
    assert "n = 10" in html  # the measured figure beside the shrunk one
    assert built.training.title in html
    # No participant, manager or other provider's name or training.
    for enrollment in built.enrollments:
        assert enrollment.employee.last_name not in html
    assert "Deelnemer" not in html and "Manon" not in html
    assert "Competitor" not in html


def test_a_provider_training_under_five_is_suppressed_in_its_own_row(world: World):
    session_with(world.org, world.provider, participants=6, retention=(5, 6), title="Big course")
    session_with(world.org, world.provider, participants=3, retention=(3, 3), title="Tiny course")
    html = client_for(world.provider_user).get(reverse("results:my-scorecard")).content.decode()
    tiny = html.split("Tiny course")[1].split("</tr>")[0]
    assert "too few to show" in tiny and "%" not in tiny
    assert "%" in html.split("Big course")[1].split("</tr>")[0]


def test_providers_of_another_organisation_never_appear(world: World):
    foreign = factories.provider(world.org_b, name="Foreign")
    session_with(world.org_b, foreign, participants=10, retention=(5, 10))
    html = client_for(world.ld_admin.user).get(reverse("results:comparison")).content.decode()
    assert "Foreign" not in html


def test_follow_up_support_is_counted(world: World):
    import datetime as dt

    from beklijf.catalog.models import Enrollment

    provider = Provider.objects.create(organization=world.org, name="Return days")
    first = session_with(world.org, provider, participants=5)
    # A return day a month later for three of the same people: one follow-up session.
    later = factories.session(first.training, starts=first.session.starts_at + dt.timedelta(days=30))
    for e in first.enrollments[:3]:
        factories.enrollment(e.employee, later, status=Enrollment.Status.ATTENDED)
    html = client_for(world.ld_admin.user).get(reverse("results:comparison")).content.decode()
    row = html.split('data-name="Return days"')[1].split("</tr>")[0]
    # factories.training gives 2 learning points with 2 questions each.
    assert "2 learning points, 4 questions; follow-up sessions: 1" in row
    assert "8 <small>(2 sessions)" in row
