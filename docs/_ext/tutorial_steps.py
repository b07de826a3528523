"""The tutorial's steps, read from ``docs/tutorial.md``, so that they can be run.

The tutorial is written for people, and this module reads it the way they do: a
``{code-block}`` with a ``:caption:`` naming a file gives that file's whole text
(or, when the caption says ``(add to the end)``, text to append, and when it says
``(change the first line)``, the file's new first line); a ``sh`` block
holds commands to run, one a line; a ``text`` block right after a ``sh`` block is
what those commands print (nothing, when there is no such block). The doctests of
the tutorial and ``tests/test_docs.py`` both use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TUTORIAL = Path(__file__).resolve().parent.parent / "tutorial.md"
_FENCE = re.compile(r"^```(?P<info>[^\n`]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
_OPTION = re.compile(r":(\w[\w-]*):[ \t]*(.*)")
APPEND = "(add to the end)"
FIRST_LINE = "(change the first line)"


@dataclass(frozen=True)
class File:
    """Write *text* to *name*, append it, or make it the first line."""

    name: str
    text: str
    append: bool
    first_line: bool = False

    def apply(self, before: str) -> str:
        """Return the file's text after this step, given its text *before*."""
        if self.first_line:
            return self.text + before.partition("\n")[2]
        return before + self.text if self.append else self.text


@dataclass(frozen=True)
class Commands:
    """Run each of *commands* in turn; together they print *output*."""

    commands: tuple[str, ...]
    output: str


def _blocks(text: str) -> Iterator[tuple[str, dict[str, str], str]]:
    for match in _FENCE.finditer(text):
        info, body = match["info"].strip(), match["body"]
        options: dict[str, str] = {}
        lines = body.splitlines(keepends=True)
        if info.startswith("{"):
            while lines and (option := _OPTION.match(lines[0])):
                options[option[1]] = option[2].strip()
                lines.pop(0)
            if lines and not lines[0].strip():
                lines.pop(0)
        yield info, options, "".join(lines)


def steps(path: Path = TUTORIAL) -> list[File | Commands]:
    """Return the files and commands of the tutorial at *path*, in order."""
    found: list[File | Commands] = []
    pending: list[str] | None = None
    for info, options, body in _blocks(path.read_text(encoding="utf-8")):
        if pending is not None:
            output = body if info == "text" else ""
            found.append(Commands(tuple(pending), output))
            pending = None
            if info == "text":
                continue
        if info == "sh":
            pending = [line for line in body.splitlines() if line.strip()]
        elif info.startswith("{code-block}") and "caption" in options:
            name, _, note = options["caption"].partition(" ")
            note = note.strip()
            found.append(File(name, body, append=note == APPEND, first_line=note == FIRST_LINE))
    if pending is not None:
        found.append(Commands(tuple(pending), ""))
    return found


def versions(name: str = "strategy.yaml", path: Path = TUTORIAL) -> list[str]:
    """Return the text of file *name* after each step of the tutorial that writes it."""
    text = ""
    found = []
    for step in steps(path):
        if isinstance(step, File) and step.name == name:
            text = step.apply(text)
            found.append(text)
    return found
