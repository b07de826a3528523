"""Where each value of a parsed document stands in its text."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = ["Path", "Positions", "format_path"]

#: A place inside a document: mapping keys and list indexes from the root.
Path = tuple[str | int, ...]


def format_path(path: Sequence[str | int]) -> str:
    """Return *path* as users read it.

    >>> format_path(("goals", 2, "objectives", 0, "name"))
    'goals[2].objectives[0].name'
    >>> format_path(())
    ''
    """
    parts: list[str] = []
    for step in path:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        else:
            parts.append(f".{step}" if parts else step)
    return "".join(parts)


@attrs.frozen
class Positions:
    """The 1-based line and column of every value and every mapping key.

    Attributes:
        values: Where each value starts, by its path.
        keys: Where each mapping key stands, by the path of its value.
    """

    values: dict[Path, tuple[int, int]] = attrs.field(factory=dict)
    keys: dict[Path, tuple[int, int]] = attrs.field(factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Return the line and column of *path*, or of its nearest known ancestor.

        Args:
            path: The place to find.
            key: Find the mapping key rather than its value (for unknown keys).
        """
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return (1, 1)
