"""Server-rendered SVG charts: the same markup works in the page (no JavaScript) and in the PDF.

Colours are SVG presentation attributes, not style attributes, so the page's CSP allows them and
WeasyPrint draws them without the site's stylesheet. Every mark carries its n in a <title>.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from beklijf.engine.stats import MIN_ANSWERS, Proportion
from beklijf.people.templatetags.beklijf import percent

WIDTH, HEIGHT = 320, 200
LEFT, RIGHT, TOP, BOTTOM = 36, 310, 12, 170
INK, MUTED, ACCENT, SECOND = "#1f2933", "#7b8794", "#2f6f4e", "#c47f17"
FONT = 'font-family="DejaVu Sans, sans-serif" font-size="10"'


def _y(share: float) -> float:
    return BOTTOM - share * (BOTTOM - TOP)


def _frame(title: str, body: list[str], *, percent_axis: bool = True) -> SafeString:
    axes = [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{BOTTOM}" stroke="{MUTED}"/>',
        f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="{MUTED}"/>',
    ]
    for share in (0.0, 0.5, 1.0) if percent_axis else ():
        axes.append(
            f'<text x="{LEFT - 4}" y="{_y(share) + 3:.1f}" text-anchor="end" fill="{INK}">{share:.0%}</text>'
        )
    return mark_safe(  # noqa: S308  every text below went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT + 16}" '
        f'width="{WIDTH}" height="{HEIGHT + 16}" role="img" {FONT}><title>{escape(title)}</title>'
        + "".join(axes + body)
        + "</svg>"
    )


def _x(value: float, low: float, high: float) -> float:
    return LEFT + 8 + (value - low) / (high - low or 1) * (RIGHT - LEFT - 16)


def retention_curve(title: str, points: Sequence[tuple[int, Proportion]], n_label: str) -> SafeString:
    """Measured retention at 7, 28 and 90 days: dots with their 95% interval; none under MIN_ANSWERS."""
    body: list[str] = []
    shown = [(d, p) for d, p in points if p.n >= MIN_ANSWERS and p.value is not None]
    path = []
    for days, p in points:
        x = _x(days, 0, 90)
        body.append(f'<text x="{x:.1f}" y="{BOTTOM + 12}" text-anchor="middle" fill="{INK}">{days}</text>')
        body.append(f'<text x="{x:.1f}" y="{BOTTOM + 24}" text-anchor="middle" fill="{MUTED}">n={p.n}</text>')
    for days, p in shown:
        x, y = _x(days, 0, 90), _y(p.value)  # type: ignore[arg-type]
        path.append(f"{'M' if not path else 'L'}{x:.1f},{y:.1f}")
        body.append(
            f'<line x1="{x:.1f}" y1="{_y(p.low):.1f}" x2="{x:.1f}" y2="{_y(p.high):.1f}" stroke="{MUTED}"/>'  # type: ignore[arg-type]
        )
        label = escape(f"{days}: {percent(p.value)} ({n_label}={p.n})")
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{ACCENT}"><title>{label}</title></circle>'
        )
    if len(path) > 1:
        body.insert(0, f'<path d="{" ".join(path)}" fill="none" stroke="{ACCENT}" stroke-width="2"/>')
    return _frame(title, body)


@dataclass(frozen=True)
class Bar:
    label: str
    value: Proportion
    colour: str = ACCENT


def grouped_bars(title: str, groups: Sequence[tuple[str, Sequence[Bar]]]) -> SafeString:
    """Shares per group (e.g. 30 days, 60-90 days) with one bar per source; under MIN_ANSWERS no bar."""
    body: list[str] = []
    slot = (RIGHT - LEFT) / max(len(groups), 1)
    for g, (group_label, bars) in enumerate(groups):
        width = (slot - 16) / max(len(bars), 1)
        for b, bar in enumerate(bars):
            x = LEFT + g * slot + 8 + b * width
            p = bar.value
            if p.n >= MIN_ANSWERS and p.value is not None:
                y = _y(p.value)
                tip = escape(f"{group_label}, {bar.label}: {percent(p.value)} (n={p.n})")
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{width - 4:.1f}" height="{BOTTOM - y:.1f}" '
                    f'fill="{bar.colour}"><title>{tip}</title></rect>'
                )
                body.append(
                    f'<text x="{x + 2:.1f}" y="{y - 3:.1f}" fill="{INK}">{escape(percent(p.value))}</text>'
                )
            body.append(f'<text x="{x + 2:.1f}" y="{BOTTOM + 24}" fill="{MUTED}">n={p.n}</text>')
        body.append(
            f'<text x="{LEFT + g * slot + 8:.1f}" y="{BOTTOM + 12}" fill="{INK}">{escape(group_label)}</text>'
        )
    return _frame(title, body)


def counts_bars(title: str, items: Sequence[tuple[str, int]], total: int) -> SafeString:
    """Horizontal bars of how many people are in each group (segments), as shares of the total."""
    body: list[str] = []
    height = (BOTTOM - TOP) / max(len(items), 1)
    for i, (label, count) in enumerate(items):
        y = TOP + i * height
        share = count / total if total else 0.0
        width = share * (RIGHT - LEFT - 110)
        body.append(f'<text x="{LEFT}" y="{y + height / 2 + 3:.1f}" fill="{INK}">{escape(label)}</text>')
        body.append(
            f'<rect x="{LEFT + 100}" y="{y + 3:.1f}" width="{width:.1f}" height="{max(height - 6, 2):.1f}" '
            f'fill="{SECOND}"><title>{escape(label)}: {count} / {total}</title></rect>'
        )
        body.append(
            f'<text x="{LEFT + 104 + width:.1f}" y="{y + height / 2 + 3:.1f}" fill="{INK}">{count}</text>'
        )
    return _frame(title, body, percent_axis=False)


def kpi_line(
    title: str,
    trained: Sequence[tuple[int, float]],
    comparison: Sequence[tuple[int, float]],
    *,
    cut: float | None,
    projected: tuple[int, float] | None,
) -> SafeString:
    """A KPI per period (x = period index): the trained group, the comparison group, the training moment
    (a vertical line) and the trend-line projection (a hollow dot)."""
    values = [v for _, v in trained] + [v for _, v in comparison] + ([projected[1]] if projected else [])
    xs = [x for x, _ in trained] + [x for x, _ in comparison] + ([projected[0]] if projected else [])
    if not values:
        return _frame(title, [], percent_axis=False)
    low, high = min(values), max(values)
    span = high - low or 1.0
    x_low, x_high = min(xs), max(xs)

    def y_of(v: float) -> float:
        return _y((v - low) / span * 0.9 + 0.05)

    body = [
        f'<text x="{LEFT + 4}" y="{TOP + 8}" fill="{MUTED}">{escape(f"{high:g}")}</text>',
        f'<text x="{LEFT + 4}" y="{BOTTOM - 4}" fill="{MUTED}">{escape(f"{low:g}")}</text>',
    ]
    for series, colour in ((trained, ACCENT), (comparison, SECOND)):
        if series:
            d = " ".join(
                f"{'M' if i == 0 else 'L'}{_x(x, x_low, x_high):.1f},{y_of(v):.1f}"
                for i, (x, v) in enumerate(series)
            )
            body.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2"/>')
            for x, v in series:
                body.append(
                    f'<circle cx="{_x(x, x_low, x_high):.1f}" cy="{y_of(v):.1f}" r="3" fill="{colour}">'
                    f"<title>{escape(f'{v:g}')}</title></circle>"
                )
    if cut is not None:
        x = _x(cut, x_low, x_high)
        body.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{BOTTOM}" stroke="{INK}" stroke-dasharray="4 3"/>'
        )
    if projected is not None:
        x, y = _x(projected[0], x_low, x_high), y_of(projected[1])
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="none" stroke="{INK}">'
            f"<title>{escape(f'{projected[1]:g}')}</title></circle>"
        )
    return _frame(title, body, percent_axis=False)
