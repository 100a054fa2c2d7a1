"""Bench code of privacy (see docs/architecture.md): kept out of the domain modules."""
