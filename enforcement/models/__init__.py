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
from enforcement.models.strategy import LadderRung, MatrixCell, OffenceGroup, Strategy
from enforcement.models.violations import LegalBasis, Offender, Violation

__all__ = [
    "Address",
    "Area",
    "CaseType",
    "Category",
    "Incident",
    "IncidentEvent",
    "IncidentPhoto",
    "LadderRung",
    "InterventionType",
    "LegalBasis",
    "LetterTemplate",
    "MatrixCell",
    "Offence",
    "OffenceGroup",
    "Offender",
    "PatrolEffort",
    "PatrolLog",
    "PatrolLogEvent",
    "ReferenceCounter",
    "Strategy",
    "Theme",
    "Violation",
]
