"""Services of the registration domain, one module per subdomain:
reference.py, incidents.py, patrols.py, violations.py."""
