"""Services for violations (overtredingen), by subdomain; the public names stay importable from here."""

from .letters import (
    letter_template_save,
    violation_letter_logged,
)
from .offenders import (
    violation_offender_update,
    violation_search_logged,
    violation_view_logged,
)
from .registration import (
    REFERENCE_PREFIX,
    Lookup,
    OffenderData,
    ProposalResult,
    Requirements,
    violation_create,
    violation_lookup,
    violation_proposal,
    violation_requirements,
)

__all__ = [
    "Lookup",
    "OffenderData",
    "ProposalResult",
    "REFERENCE_PREFIX",
    "Requirements",
    "letter_template_save",
    "violation_create",
    "violation_letter_logged",
    "violation_lookup",
    "violation_offender_update",
    "violation_proposal",
    "violation_requirements",
    "violation_search_logged",
    "violation_view_logged",
]
