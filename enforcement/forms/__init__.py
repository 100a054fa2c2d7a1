"""Forms of enforcement, one module per subdomain (incidents, patrols, violations, ...)."""
