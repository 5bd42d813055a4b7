"""The build's one cache scheme, under one root (``.cache/site``, :data:`CACHE`).

Every cached artefact (a figure's SVGs, a diagram, a notebook) carries a key: the digest of
everything it is made from. It is fresh while its stamp holds the current key, so an edit
redoes exactly what depends on the edited input and nothing else. Deleting ``.cache/``
is always safe.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from coursekit.project import CACHE, ROOT

__all__ = ["CACHE", "Stamp", "digest"]


def digest(*parts: bytes | str | Path) -> str:
    """The hex digest of ``parts``: bytes and text as they are, a file by its path (relative
    to the repository when inside it) and its bytes; a missing file counts as absent."""
    hasher = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            name = part.relative_to(ROOT) if part.is_relative_to(ROOT) else part
            hasher.update(name.as_posix().encode() + b"\0")
            hasher.update(part.read_bytes() if part.is_file() else b"<absent>")
        else:
            hasher.update(part.encode() if isinstance(part, str) else part)
        hasher.update(b"\0\0")
    return hasher.hexdigest()


@dataclass(frozen=True)
class Stamp:
    """``<artefact>.key``: the key the artefacts beside it were made with."""

    path: Path
    key: str

    def fresh(self, *outputs: Path) -> bool:
        return (self.path.is_file() and self.path.read_text() == self.key
                and all(output.is_file() for output in outputs))

    def mark(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(self.key)
