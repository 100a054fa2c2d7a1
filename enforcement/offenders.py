"""Who counts as the same offender: one rule for the escalation, the form and the import.

A person is the same person when the name and the date of birth match; a company
when the KvK number matches, or (without one) the name and the address. Names and
addresses are compared normalised for case, spaces, punctuation and diacritics, so
"Jan de Vriës" and "JAN  DE VRIES" are one person; an initial is not a name
("J. de Vries" is someone else).
"""

from __future__ import annotations

import datetime as dt

# One normalisation of a name for everything that decides who a person is: the
# targeted search (Wpg) and the repeat offence use the same function.
from accounts.privacy import normalise_name as normalise_text


def offender_key(
    *,
    kind: str,
    name: str = "",
    date_of_birth: dt.date | None = None,
    address: str = "",
    coc_number: str = "",
) -> str:
    """The identity key of an offender, '' when the data do not identify one."""
    if kind == "company":
        coc = "".join(ch for ch in coc_number or "" if ch.isdigit())
        if coc:
            return f"kvk:{coc}"
        if normalise_text(name) and normalise_text(address):
            return f"company:{normalise_text(name)}|{normalise_text(address)}"
        return ""
    if normalise_text(name) and date_of_birth:
        return f"person:{normalise_text(name)}|{date_of_birth.isoformat()}"
    return ""
