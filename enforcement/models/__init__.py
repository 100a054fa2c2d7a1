from enforcement.models.incidents import Incident, IncidentEvent, IncidentPhoto, ReferenceCounter
from enforcement.models.letters import LetterTemplate
from enforcement.models.patrols import PatrolEffort, PatrolLog, PatrolLogEvent
from enforcement.models.reference import (
    Address,
    Area,
    CaseType,
    Category,
    InterventionType,
    Offence,
    Theme,
)
from enforcement.models.violations import LegalBasis, Offender, Violation

__all__ = [
    "Address",
    "Area",
    "CaseType",
    "Category",
    "Incident",
    "IncidentEvent",
    "IncidentPhoto",
    "InterventionType",
    "LegalBasis",
    "LetterTemplate",
    "Offence",
    "Offender",
    "PatrolEffort",
    "PatrolLog",
    "PatrolLogEvent",
    "ReferenceCounter",
    "Theme",
    "Violation",
]
