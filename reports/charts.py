"""Server-rendered SVG bar charts: no JavaScript, work in the PDF, readable by screen readers.

Each chart carries a <title> and <desc> and is labelled by them; the table it is drawn
from is always printed next to it, so the chart adds nothing the table does not say.
Suppressed numbers get no bar (a bar would reveal the number).
"""

from __future__ import annotations

import itertools
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

_ids = itertools.count(1)

WIDTH = 340
LABEL_W = 120
BAR_H = 12
GAP = 10
CURRENT = "#0b5cad"
PREVIOUS = "#9fb8d3"


def bar_chart(table: dict, *, periods: list[dict]) -> str:
    """Horizontal bars per row: the period (dark) and the previous period (light)."""
    rows = table["rows"]
    values = [(r["label"], r["cells"][0], r["cells"][1]) for r in rows if r["cells"][0] is not None]
    numeric = [c["value"] for _, a, b in values for c in (a, b) if c["value"] is not None]
    top = max([v for v in numeric if isinstance(v, int | float)] or [0]) or 1
    chart_id = f"chart-{next(_ids)}"
    row_h = 2 * BAR_H + GAP
    height = row_h * len(values) + 22
    span = WIDTH - LABEL_W - 50
    parts = [
        f'<svg class="reports-chart" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(table["title"])}</title>',
        f'<desc id="{chart_id}-d">'
        + escape(
            _(
                "Staafdiagram: %(current)s (donker) en %(previous)s (licht). "
                "De tabel eronder geeft dezelfde cijfers."
            )
            % {"current": periods[0]["label"], "previous": periods[1]["label"]}
        )
        + "</desc>",
    ]
    for i, (label, cur, prev) in enumerate(values):
        y = 4 + i * row_h
        short = label if len(label) <= 20 else label[:19] + "…"
        parts.append(
            f'<text x="0" y="{y + BAR_H + 4}" font-size="10" fill="#212529">{escape(short)}</text>'
        )
        for j, (cell, colour) in enumerate(((cur, CURRENT), (prev, PREVIOUS))):
            by = y + j * BAR_H
            if cell["suppressed"] or cell["value"] is None:
                parts.append(
                    f'<text x="{LABEL_W}" y="{by + BAR_H - 2}" font-size="9" fill="#495057">'
                    f"{escape(cell['text'])}</text>"
                )
                continue
            w = max(0.0, span * float(cell["value"]) / top)
            parts.append(
                f'<rect x="{LABEL_W}" y="{by}" width="{w:.1f}" height="{BAR_H - 2}" '
                f'fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{LABEL_W + w + 3:.1f}" y="{by + BAR_H - 3}" font-size="9" '
                f'fill="#212529">{escape(cell["text"])}</text>'
            )
    legend_y = height - 6
    parts.append(
        f'<rect x="0" y="{legend_y - 8}" width="10" height="8" fill="{CURRENT}"/>'
        f'<text x="14" y="{legend_y}" font-size="9" fill="#212529">'
        f"{escape(periods[0]['label'])}</text>"
        f'<rect x="80" y="{legend_y - 8}" width="10" height="8" fill="{PREVIOUS}"/>'
        f'<text x="94" y="{legend_y}" font-size="9" fill="#212529">'
        f"{escape(periods[1]['label'])}</text>"
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703: every text above is escaped, numbers are formatted


def sparkline(title: str, values: list, *, periods: list[dict], unit: str) -> str:
    """A small line of ``values`` over ``periods`` (oldest first); the last point marked.

    Its text alternative lists every value, so the line hides nothing from a screen
    reader; a suppressed value (None) leaves a gap.
    """
    from reports.presentation import fmt_number

    width, height, pad = 150, 36, 4
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = (high - low) or 1
    step = (width - 2 * pad) / max(1, len(values) - 1)

    def xy(i, v):
        return pad + i * step, height - pad - (height - 2 * pad) * (v - low) / span

    chart_id = f"spark-{next(_ids)}"
    words = "; ".join(
        f"{p['label']}: {fmt_number(v, unit) if v is not None else 'niet getoond'}"
        for p, v in zip(periods, values, strict=True)
    )
    parts = [
        f'<svg class="reports-spark" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" aria-labelledby="{chart_id}-t" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}, verloop over {len(values)} perioden: '
        f"{escape(words)}</title>",
    ]
    segment: list[str] = []
    segments = []
    for i, v in enumerate(values):
        if v is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        x, y = xy(i, v)
        segment.append(f"{x:.1f},{y:.1f}")
    if segment:
        segments.append(segment)
    for seg in segments:
        parts.append(
            f'<polyline points="{" ".join(seg)}" fill="none" stroke="{PREVIOUS}" stroke-width="2"/>'
        )
    if values[-1] is not None:
        x, y = xy(len(values) - 1, values[-1])
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{CURRENT}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703: texts escaped, numbers formatted


def compare_chart(title: str, rows: list[dict], *, labels: tuple[str, str]) -> str:
    """Bars of two published periods per row (``rows``: label, cells [older, newer, …]);
    the newer period dark."""
    table = {
        "title": title,
        "rows": [{"label": r["label"], "cells": [r["cells"][1], r["cells"][0]]} for r in rows],
    }
    return bar_chart(table, periods=[{"label": labels[1]}, {"label": labels[0]}])


def line_chart(title: str, points: list[tuple[str, float | None, str]]) -> str:
    """A line over published periods (label, value or None when hidden, text shown)."""
    width, height, left, bottom, top_pad = 560, 180, 40, 28, 14
    known = [v for _l, v, _t in points if v is not None]
    if not known:
        return ""
    high = max(known) or 1
    step = (width - left - 10) / max(1, len(points) - 1)
    chart_id = f"line-{next(_ids)}"

    def xy(i, v):
        return left + i * step, top_pad + (height - bottom - top_pad) * (1 - v / high)

    words = "; ".join(f"{label}: {text}" for label, _v, text in points)
    parts = [
        f'<svg class="reports-chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-t" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}: {escape(words)}</title>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" '
        'stroke="#adb5bd"/>',
    ]
    coords = [(i, v) for i, (_l, v, _t) in enumerate(points) if v is not None]
    parts.append(
        '<polyline fill="none" stroke="#0b5cad" stroke-width="2" points="'
        + " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in coords))
        + '"/>'
    )
    for i, (label, v, text) in enumerate(points):
        x = left + i * step
        parts.append(
            f'<text x="{x:.1f}" y="{height - 10}" font-size="10" text-anchor="middle" '
            f'fill="#212529">{escape(label)}</text>'
        )
        if v is not None:
            px, py = xy(i, v)
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="#0b5cad"/>')
            parts.append(
                f'<text x="{px:.1f}" y="{py - 6:.1f}" font-size="10" text-anchor="middle" '
                f'fill="#212529">{escape(text)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703: texts escaped, numbers formatted
