"""Home page panels and menu entries of enforcement, one module per subdomain."""

from enforcement.home_panels import incidents, patrols, reference  # noqa: F401  (they register)
