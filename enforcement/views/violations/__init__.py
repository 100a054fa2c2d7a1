"""Violation views, by subdomain; enforcement/urls/violations.py reaches them as 'views'."""

from .create import (
    PROPOSAL_FIELDS,
    REFRESH_FIELDS,
    violation_create,
    violation_create_pending,
    violation_form_part,
    violation_offence_search,
)
from .letter_templates import (
    letter_template_edit,
    letter_template_list,
    letter_template_preview,
)
from .records import (
    PAGE_SIZE,
    violation_detail,
    violation_letter,
    violation_list,
    violation_offender_change,
)

__all__ = [
    "PAGE_SIZE",
    "PROPOSAL_FIELDS",
    "REFRESH_FIELDS",
    "letter_template_edit",
    "letter_template_list",
    "letter_template_preview",
    "violation_create",
    "violation_create_pending",
    "violation_detail",
    "violation_form_part",
    "violation_letter",
    "violation_list",
    "violation_offence_search",
    "violation_offender_change",
]
