"""The training report as PDF (WeasyPrint) and as XLSX (openpyxl), from the same dict as the page."""

from __future__ import annotations

import io
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from beklijf.engine.stats import MIN_ANSWERS, Proportion
from beklijf.needs.transfer import safe_cell

Row = list[object]


def _fetch_nothing(url: str, *args, **kwargs):  # noqa: ANN002,ANN003,ANN202
    # The report embeds its charts and styles; a PDF renderer that fetched URLs named in user text
    # (a training title, a KPI name) would be a server-side request forgery.
    raise ValueError(f"the report does not load {url!r}")


def pdf(report: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string("results/report_print.html", {"r": report})
    return HTML(string=html, base_url=None, url_fetcher=_fetch_nothing).write_pdf()


def _share(p: Proportion) -> object:
    return round(p.value, 4) if p.value is not None and p.n >= MIN_ANSWERS else _("too few to show")


def _num(value: object, digits: int = 2) -> object:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return float(value.quantize(Decimal(1).scaleb(-digits)))
    return round(float(value), digits)  # type: ignore[arg-type]


def rows(report: dict) -> list[Row]:
    """Section, figure, value, n: every number with what it was measured on."""
    t = report["totals"]
    out: list[Row] = [
        [_("Training"), report["training"].title, "", ""],
        [_("Provider"), report["training"].provider.name if report["training"].provider else "—", "", ""],
        [_("Participants"), "", report["participants"], report["participants"]],
        [_("Reaction (weight 0)"), _("confidence 1-5, mean"), _num(t.confidence), t.confidence_n],
        [_("Reaction (weight 0)"), _("opportunity 0-3, mean"), _num(t.opportunity), t.opportunity_n],
    ]
    for days, p in sorted(report["retention"].items()):
        out.append([_("Retention"), _("%(days)s days") % {"days": days}, _share(p), p.n])
    g = report["gain"]
    for label, value in ((_("pre-test mean"), g.pre), (_("post-test mean"), g.post), (_("normalised gain g"), g.g),
                         (_("Cohen's d"), g.d), (_("Hedges' g"), g.hedges)):  # fmt: skip
        out.append(
            [_("Learning gain"), label, _num(value, 3) if g.n >= MIN_ANSWERS else _("too few to show"), g.n]
        )
    who_label = {"self": _("participant"), "manager": _("manager")}
    for when, sources in report["application"].items():
        for who, p in sources.items():
            out.append([_("Application"), f"{when} {_('days')}, {who_label[who]}", _share(p), p.n])
    out.append(
        [_("Drop-off"), _("participants overdue > 14 days"), _share(report["drop_off"]), report["drop_off"].n]
    )
    for label, count in report["segments"]:
        out.append([_("Coaching signals"), label, count, report["segment_total"]])
    for k in report["kpis"]:
        out += [
            [_("KPI"), f"{k.kpi.name}: {_('baseline')} ({k.kpi.unit})", _num(k.baseline), k.baseline_n],
            [_("KPI"), f"{k.kpi.name}: {_('latest')}", _num(k.latest), k.after_n],
            [
                _("KPI"),
                f"{k.kpi.name}: {_('trend-line effect')}",
                _num(k.trend.effect if k.trend else None),
                k.after_n,
            ],
            [_("KPI"), f"{k.kpi.name}: {_('comparison-group effect')}", _num(k.did), k.after_n],
            [_("KPI"), f"{k.kpi.name}: {_('EUR per period')}", _num(k.money_per_period), k.after_n],
        ]
    roi = report["roi"]
    n = roi.participants
    out.append([_("ROI"), _("classroom hours"), _num(roi.classroom_hours), n])
    out.append([_("ROI"), _("measured quiz hours"), _num(roi.quiz_hours), roi.timed_answers])
    if roi.cost is not None:
        c = roi.cost
        for label, value in (
            (_("design"), c.design), (_("delivery"), c.delivery), (_("licences"), c.licences),
            (_("participant hours"), c.participant_hours), (_("loaded hourly wage"), c.loaded_hourly_wage),
            (_("participants' time"), c.participant_time), (_("travel"), c.travel),
            (_("evaluation"), c.evaluation), (_("overhead"), c.overhead), (_("fully loaded cost"), c.total),
        ):  # fmt: skip
            out.append([_("ROI"), label, _num(value), n])
    b = roi.breakdown
    out += [
        [_("ROI"), _("first-year benefit"), _num(b.total), len(b.included)],
        [_("ROI"), _("claims excluded as extreme"), len(b.excluded), len(b.values)],
        [_("ROI"), _("participants without a claim (counted 0)"), len(b.missing), len(b.values)],
    ]
    if roi.result is not None:
        out += [
            [_("ROI"), _("ROI %"), _num(roi.result.roi_percent, 1), n],
            [_("ROI"), _("benefit-cost ratio"), _num(roi.result.bcr), n],
        ]
    elif roi.cost is not None:
        out.append([_("ROI"), _("ROI %"), _("not measured yet"), 0])
    for item in roi.intangibles:
        out.append([_("Intangible benefits (not monetised)"), item, "", ""])
    return out


def xlsx(report: dict) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Report")[:31]
    sheet.append([_("Section"), _("Figure"), _("Value"), "n"])
    for row in rows(report):
        # Every cell through the formula neutraliser: a title like "=HYPERLINK(...)" stays text.
        sheet.append([safe_cell(v if isinstance(v, int | float | type(None)) else str(v)) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
