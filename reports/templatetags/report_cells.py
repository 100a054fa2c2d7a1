"""Table cells of the report pages: how a cell's text may wrap, and the table's header
cells, body and total row."""

import html

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def unit_wrap(text) -> str:
    """``+4,0 %-punt``: the line may break between the number and its unit, nowhere else."""
    number, space, unit = str(text).partition(" ")
    if not space:
        return number
    return format_html(
        '<span class="text-nowrap">{}</span> <span class="text-nowrap">{}</span>', number, unit
    )


def _e(value) -> str:
    """Django's conditional_escape without its lazy-string wrapper (called per cell)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _inner(c: dict, delta: bool) -> str:
    """A cell's content: its link, a change with its unit kept together, or its text."""
    if c.get("href"):
        return f'<a href="{_e(c["href"])}">{_e(c["text"])}</a>'
    if delta:
        return _e(unit_wrap(c["text"]))
    return _e(c["text"])


def _cell(c: dict) -> str:
    return f'<td class="{_e(c["css"])}">{_inner(c, bool(c.get("delta")))}</td>'


@register.simple_tag
def table_rows(table: dict) -> str:
    """The body rows of a presented table (``reports.presentation.present_table``).

    Built here rather than in the template: a dashboard has ~2,400 rows of five cells,
    and the template's loops took most of its time (issue 14). Every value is escaped
    (``_e``, as the template would); a cell's classes come from the presentation.
    """
    rows = (
        f'<tr><th scope="row" class="fw-normal reports-label">{_e(row["label"])}</th>'
        f"{''.join(_cell(c) for c in row['cells'])}</tr>"
        for row in table["rows"]
    )
    return mark_safe("\n".join(rows))  # noqa: S308  # nosec B308 B703: every value above is escaped


@register.simple_tag
def table_head(table: dict) -> str:
    """The header cells after the first: a change column has a long and a short label."""
    deltas = set(table["delta_columns"])
    cells = (
        (
            f'<th scope="col" class="text-end reports-delta"><span class="reports-delta-long">'
            f'{_e(h)}</span><span class="reports-delta-short" aria-hidden="true" '
            f'title="{_e(h)}">+/−</span></th>'
        )
        if i in deltas
        else f'<th scope="col" class="text-end">{_e(h)}</th>'
        for i, h in enumerate(table["headers"])
    )
    return mark_safe("".join(cells))  # noqa: S308  # nosec B308 B703: every value above is escaped


@register.simple_tag
def table_total(table: dict) -> str:
    """The total row's cells after its label."""
    deltas = set(table["delta_columns"])
    cells = (
        f'<td class="{"text-end reports-delta" if i in deltas else "text-end text-nowrap"}">'
        f"{_inner(c, i in deltas)}</td>"
        for i, c in enumerate(table["total"]["cells"])
    )
    return mark_safe("".join(cells))  # noqa: S308  # nosec B308 B703: every value above is escaped
