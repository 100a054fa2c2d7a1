"""The audit as PDF (accounts.pdf.render_pdf) and XLSX (openpyxl), from PrivacyAudit.data."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.pdf import render_pdf as html_to_pdf
from privacy.audit.summary import pdf_summary
from privacy.models import PrivacyAudit


def _context(audit: PrivacyAudit) -> dict:
    return {
        "audit": audit,
        "data": audit.data,
        # The PDF is the summary (totals, bounded lists); every row is in the XLSX.
        "s": pdf_summary(audit.data),
        "signed_at": timezone.localtime(audit.signed_at) if audit.signed_at else None,
    }


def render_pdf(audit: PrivacyAudit) -> bytes:
    return html_to_pdf(render_to_string("privacy/audit_pdf.html", _context(audit)))


def _safe(value):
    """A text cell a spreadsheet would run as a formula starts with an apostrophe instead."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def render_xlsx(audit: PrivacyAudit) -> bytes:
    from openpyxl import Workbook

    data = audit.data
    book = Workbook()
    summary = book.active
    summary.title = _("Samenvatting")[:31]
    for row in (
        (_("Wpg-privacy-audit"), data["year"]),
        (_("Organisatie"), data["municipality"]),
        (_("Regels in het toegangslog"), data["log_entries"]),
        (_("Afwijkingen"), len(data["anomalies"])),
        (_("Afgetekend door"), str(audit.signed_by) if audit.signed_by else ""),
        (
            _("Afgetekend op"),
            f"{timezone.localtime(audit.signed_at):%d-%m-%Y %H:%M}" if audit.signed_at else "",
        ),
        (),
        (_("Tekortkomingen"),),
        *[(s,) for s in data["shortcomings"]],
        (),
        (_("Verbeterplan"),),
        (audit.improvement_plan,),
    ):
        summary.append([_safe(v) for v in row])

    def sheet(title, header, rows):
        ws = book.create_sheet(title[:31])
        ws.append(header)
        for row in rows:
            ws.append([_safe(v) for v in row])

    kinds = sorted({k for r in data["access"] for k in r["kinds"]})
    sheet(
        _("Toegang"),
        [_("Gebruiker"), _("Rol"), _("Team"), _("Totaal"), _("Exports"), _("Zoekvragen"), *kinds],
        [
            [
                r["user"],
                r["role"],
                r["team"],
                r["total"],
                r["exports"],
                r["searches"],
                *[r["kinds"].get(k, 0) for k in kinds],
            ]
            for r in data["access"]
        ],
    )
    sheet(
        _("Afwijkingen"),
        [_("Soort"), _("Gebruiker"), _("Wat"), _("Aantal")],
        [[a["kind"], a["user"], a["what"], a["count"]] for a in data["anomalies"]],
    )
    sheet(
        _("Gerichte zoekvragen"),
        [_("Tijdstip"), _("Gebruiker"), _("Soort"), _("Doel")],
        [[t["at"], t["user"], t["kind"], t["purpose"]] for t in data["targeted"]],
    )
    run_kinds = sorted({k for r in data["runs"] for k in r["counts"]})
    sheet(
        _("Opschoonrondes"),
        [_("Gestart"), _("Totaal"), *run_kinds],
        [[r["at"], r["total"], *[r["counts"].get(k, 0) for k in run_kinds]] for r in data["runs"]],
    )
    sheet(
        _("Gebruikers met toegang"),
        [_("Naam"), _("Gebruikersnaam"), _("Rol"), _("Team"), _("Tweestapsverificatie")],
        [
            [h["user"], h["username"], h["role"], h["team"], h["two_factor"]]
            for h in data["access_holders"]
        ],
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
