"""Selectors of the registration domain, one module per subdomain:
reference.py, incidents.py, patrols.py, violations.py."""

from enforcement.selectors.reference import area_for_point

__all__ = ["area_for_point"]
