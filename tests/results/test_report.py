"""One report per training: ROI with every input, learning gain, KPIs; the PDF and the XLSX."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from beklijf.results.models import KnowledgeScore, Kpi, KpiValue, TrainingCost
from tests.conftest import World, client_for
from tests.results.helpers import answer, session_with


def _roi_training(world: World, title: str = "Klachten voorkomen"):
    """6 participants, 4 hours each; costs €1,000 design + €2,000 delivery + €500 evaluation + €500 overhead
    + 24 h × €50 = €1,200 participants' time = €5,200. Claims (value/month × 12 × attribution × confidence):
    three of €500 × 12 × 0.5 × 0.8 = €2,400; one whose manager estimates €250 (€1,200, lower than the
    participant's €2,400: the lower counts); one extreme €10,000/month (€48,000, above the Tukey fence of
    €2,400: excluded); one without an answer (counts 0). Benefit €8,400; ROI (8,400 − 5,200)/5,200 = 61.5%;
    BCR 1.62."""
    built = session_with(world.org, world.provider, participants=6, title=title)
    TrainingCost.objects.create(
        training=built.training, design=1000, delivery=2000, licences=0, travel=0, evaluation=500,
        overhead=500, loaded_hourly_wage=50, intangibles="Better teamwork\nFewer escalations",
    )  # fmt: skip
    e = built.enrollments
    for enrollment, monthly in zip(e[:5], (500, 500, 500, 500, 10_000), strict=True):
        answer(enrollment, "results", "employee", enrollment.employee,
               monthly_value=monthly, attribution=50, estimate_confidence=80)  # fmt: skip
    answer(e[3], "results", "manager", e[3].employee.manager, monthly_value=250, attribution=50,
           estimate_confidence=80)  # fmt: skip
    return built


def test_roi_shows_every_input_and_the_worked_example(world: World):
    built = _roi_training(world)
    html = client_for(world.ld_admin.user).get(reverse("results:training-report", args=[built.training.code]))
    html = html.content.decode()
    assert '<td id="cost-total"><strong>€ 5200.00</strong>' in html
    assert "24.0 classroom hours" in html and "0.00 quiz hours measured" in html
    assert '<td id="benefit-total"><strong>€ 8400.00</strong>' in html
    assert '<dd id="roi-percent">61.5%</dd>' in html
    assert '<dd id="bcr">1.62</dd>' in html
    benefit = html.split('id="benefit"')[1].split("</table>")[0]
    assert "Excluded as extreme</th><td>1" in benefit
    assert "counted as 0)</th><td>1" in benefit
    assert "Better teamwork" in html and "Fewer escalations" in html


def test_quiz_time_is_part_of_the_participants_hours(world: World):
    # 10 answers of 20 s = 200 s = 0.06 h.
    built = session_with(world.org, world.provider, participants=5, retention=(6, 10))
    TrainingCost.objects.create(training=built.training, loaded_hourly_wage=60)
    html = client_for(world.ld_admin.user).get(reverse("results:training-report", args=[built.training.code]))
    assert "0.06 quiz hours measured, n = 10 answers" in html.content.decode()


def test_cost_inputs_are_entered_and_bad_ones_refused(world: World):
    built = session_with(world.org, world.provider, participants=5)
    client = client_for(world.ld_admin.user, csrf=False)
    url = reverse("results:training-cost", args=[built.training.code])
    fields = {"design": "100", "delivery": "200", "licences": "0", "travel": "0", "evaluation": "0",
              "overhead": "0", "loaded_hourly_wage": "40", "intangibles": ""}  # fmt: skip
    bad = client.post(url, {**fields, "delivery": "-5"})
    assert bad.status_code == 400 and not TrainingCost.objects.exists()
    assert client.post(url, fields).status_code == 302
    assert client.post(url, {**fields, "design": "150"}).status_code == 302  # again: updated, not doubled
    cost = TrainingCost.objects.get()
    assert (cost.design, cost.loaded_hourly_wage) == (Decimal("150"), Decimal("40"))
    # Another organisation's L&D admin cannot write it.
    other = client_for(world.ld_admin_b.user)
    assert other.post(url, {**fields, "design": "1"}).status_code == 404
    assert TrainingCost.objects.get().design == Decimal("150")


def test_learning_gain_from_entered_scores(world: World):
    built = session_with(world.org, world.provider, participants=5)
    client = client_for(world.ld_admin.user)
    url = reverse("results:knowledge-scores", args=[built.training.code])
    pre, post = (40, 50, 60, 50, 50), (70, 80, 90, 75, 85)
    data = {}
    for e, a, b in zip(built.enrollments, pre, post, strict=True):
        data[f"pre_{e.pk}"], data[f"post_{e.pk}"] = a, b
    refused = client.post(url, {**data, f"post_{built.enrollments[0].pk}": "120"})
    assert refused.status_code == 400 and not KnowledgeScore.objects.exists()
    assert client.post(url, data).status_code == 302
    html = client.get(reverse("results:training-report", args=[built.training.code])).content.decode()
    gain = html.split('id="gain"')[1].split("</dl>")[0]
    # Means 50% -> 80%: g = (0.8 − 0.5)/(1 − 0.5) = 0.60. SD pre = 7.07, post = 7.91 points; pooled 7.50;
    # d = 30/7.50 = 4.00; Hedges' J(8) = 0.9027, g = 3.61.
    assert "<dd>0.60</dd>" in gain and "<dd>4.00</dd>" in gain and "3.61" in gain and "n = 5" in gain


def test_four_test_scores_are_too_few(world: World):
    built = session_with(world.org, world.provider, participants=4)
    for e in built.enrollments:
        KnowledgeScore.objects.create(enrollment=e, pre=50, post=80)
    html = client_for(world.ld_admin.user).get(reverse("results:training-report", args=[built.training.code]))
    assert 'id="gain"' not in html.content.decode() and "too few to show" in html.content.decode()


def test_kpi_baseline_trend_and_comparison_group(world: World):
    built = session_with(world.org, world.provider, participants=5)
    client = client_for(world.ld_admin.user)
    created = client.post(reverse("results:kpi-create", args=[built.training.code]),
                          {"name": "Complaints", "unit": "complaints per month", "value_per_unit": "80"})  # fmt: skip
    assert created.status_code == 302
    kpi = Kpi.objects.get()
    url = reverse("results:kpi-values", args=[kpi.code])
    start = built.session.starts_at.date()
    # Before the training: 10, 12, 14 (rising by 2 a period); after: 11. Trend line projects 16: effect −5.
    # Comparison group: 20 → 21; trained mean before 12, after 11: DiD = (11 − 12) − (21 − 20) = −2.
    for days, value, group in ((-90, 10, "trained"), (-60, 12, "trained"), (-30, 14, "trained"), (0, 11, "trained"),
                               (-60, 20, "comparison"), (0, 21, "comparison")):  # fmt: skip
        day = (start + dt.timedelta(days=days)).isoformat()
        assert client.post(url, {"group": group, "period_start": day, "value": value}).status_code == 302
    # Entering a period again replaces its value.
    client.post(url, {"group": "trained", "period_start": start.isoformat(), "value": "11"})
    assert KpiValue.objects.filter(kpi=kpi).count() == 6
    html = client.get(reverse("results:training-report", args=[built.training.code])).content.decode()
    section = html.split('id="results-kpis"')[1]
    assert "12.00" in section and "n = 3 periods" in section  # baseline
    assert "-5.00" in section and "projected 16.00" in section
    assert "-2.00" in section
    # The comparison-group effect is preferred: 2 fewer complaints × €80 = €160 per period.
    assert "€ 160.00" in section
    assert "<svg" in section


@pytest.fixture
def pdfium():  # noqa: ANN201
    return pytest.importorskip("pypdfium2")


def test_the_pdf_renders_with_its_charts(world: World, pdfium):  # noqa: ANN001
    built = _roi_training(world, title="Veiligheid op de werkvloer: één keer goed")
    response = client_for(world.ld_admin.user).get(
        reverse("results:training-report-pdf", args=[built.training.code])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    document = pdfium.PdfDocument(response.content)
    assert len(document) >= 1
    image = document[0].render(scale=1).to_pil().convert("L")
    dark = sum(image.histogram()[:200])  # pixels darker than light grey
    assert dark > 2000, "the first page is (nearly) blank"
    text = document[0].get_textpage().get_text_range()
    assert "één keer goed" in text and "ROI" in "".join(p.get_textpage().get_text_range() for p in document)


def test_the_xlsx_opens_and_neutralises_formulas(world: World):
    from openpyxl import load_workbook

    built = _roi_training(world, title='=HYPERLINK("http://evil.example.com","klik")')
    world.provider.name = "+31 Opleidingen"
    world.provider.save()
    response = client_for(world.ld_admin.user).get(
        reverse("results:training-report-xlsx", args=[built.training.code])
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example.com","klik")'
    assert rows[2][1] == "'+31 Opleidingen"
    for row in rows:
        for cell in row:
            assert not (isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t"))
    figures = {r[1]: r[2:] for r in rows}
    assert figures["fully loaded cost"] == (5200.0, 6)
    assert figures["first-year benefit"] == (8400.0, 4)
    assert figures["ROI %"][0] == 61.5


def test_the_report_counts_only_this_organisation(world: World):
    built = session_with(world.org, world.provider, participants=5)
    assert (
        client_for(world.ld_admin_b.user)
        .get(reverse("results:training-report-xlsx", args=[built.training.code]))
        .status_code
        == 404
    )


def test_scores_can_be_pasted_all_or_nothing(world: World):
    built = session_with(world.org, world.provider, participants=5)
    client = client_for(world.ld_admin.user)
    url = reverse("results:knowledge-scores", args=[built.training.code])
    numbers = [e.employee.employee_number for e in built.enrollments]
    good = "\n".join(f"{n};{40 + i};{70 + i}" for i, n in enumerate(numbers))
    bad = good + "\nE99999;10;20\n" + f"{numbers[0]}\t55\t120"
    refused = client.post(url, {"form": "import", "lines": bad})
    assert refused.status_code == 400 and not KnowledgeScore.objects.exists()
    html = refused.content.decode()
    assert "Line 6: no participant with this employee number." in html
    assert "Line 7: scores are percentages from 0 to 100." in html
    assert client.post(url, {"form": "import", "lines": good.replace(";", ",")}).status_code == 302
    assert KnowledgeScore.objects.count() == 5
    first = KnowledgeScore.objects.get(enrollment=built.enrollments[0])
    assert (first.pre, first.post) == (Decimal("40"), Decimal("70"))


def test_before_any_benefit_estimate_the_roi_is_not_measured_yet_rather_than_minus_100(world: World):
    """Costs entered, the results survey (60-90 days) not answered by anyone: no ROI of -100%."""
    built = session_with(world.org, world.provider, participants=5, title="Nog niet gemeten")
    TrainingCost.objects.create(training=built.training, delivery=2000, loaded_hourly_wage=50)
    client = client_for(world.ld_admin.user)
    html = client.get(reverse("results:training-report", args=[built.training.code])).content.decode()
    assert 'id="cost-total"' in html and 'id="roi-percent"' not in html
    assert "ROI not measured yet" in html
    # One estimate arrives: from then on the others count as 0 and the ROI is computed.
    answer(built.enrollments[0], "results", "employee", built.enrollments[0].employee,
           monthly_value=100, attribution=50, estimate_confidence=50)  # fmt: skip
    html = client.get(reverse("results:training-report", args=[built.training.code])).content.decode()
    assert 'id="roi-percent"' in html and "ROI not measured yet" not in html
