"""The API page documents every public name of nnref."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import nnref
from coursekit.pages import ApiDirective, read_page
from coursekit.project import DOCS

API_PAGE = DOCS / "api.md"


def test_every_public_name_is_on_the_api_page() -> None:
    documented_modules = {d.identifier for d in read_page(API_PAGE).of_kind(ApiDirective)}
    missing = []
    for name in nnref.__all__:
        obj = getattr(nnref, name)
        module = inspect.getmodule(obj) if not isinstance(obj, dict | float) else None
        home = module.__name__ if module else _module_defining(name)
        if home not in documented_modules:
            missing.append(f"{name} (from {home})")
    assert not missing, f"not on docs/api.md: {missing}"


def _module_defining(name: str) -> str:
    """The nnref module whose source assigns ``name`` (for constants and registries)."""
    for path in sorted(Path(nnref.__file__).parent.glob("*.py")):
        if re.search(rf"^{name}\b.*=", path.read_text(), re.M):
            return f"nnref.{path.stem}"
    return "?"
