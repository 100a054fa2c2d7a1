"""Find an app's demo, generator or bench module (see docs/architecture.md)."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType


def app_dev_module(app_name: str, name: str) -> ModuleType | None:
    """``<app>.demo.<name>``, the one place for such code; None when the app has none."""
    module_name = f"{app_name}.demo.{name}"
    try:
        if find_spec(module_name) is not None:
            return import_module(module_name)
    except ModuleNotFoundError:
        pass
    return None
