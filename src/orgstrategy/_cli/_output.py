"""What every command shares: exit codes, writing output, finding input files."""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

from orgstrategy._files import write_atomic

__all__ = [
    "DOCUMENT_EXTENSIONS",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "expand_paths",
    "write_output",
]

#: Everything checked is valid.
EXIT_OK: Final = 0
#: A document is invalid (or, for diff, the documents differ).
EXIT_INVALID: Final = 1
#: A usage error, or a file that cannot be read or written.
EXIT_USAGE: Final = 2

_GLOB_CHARACTERS: Final = frozenset("*?[")
#: The extensions of the files a folder stands for: documents in YAML or JSON.
DOCUMENT_EXTENSIONS: Final = frozenset((".yaml", ".yml", ".json"))


def write_output(text: str, output: str | None) -> None:
    """Write *text* to the file *output* atomically, or to standard output."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text.encode("utf-8"))


def _documents_in(folder: Path) -> Iterator[Path]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if (
                not name.startswith(".")
                and os.path.splitext(name)[1].lower() in DOCUMENT_EXTENSIONS
            ):
                yield Path(root, name)


def expand_paths(arguments: Sequence[str]) -> tuple[list[Path], list[str]]:
    """Return the document files named by *arguments*, and the errors found.

    A folder stands for every ``.yaml``, ``.yml`` and ``.json`` file below it
    (hidden ones left out); a pattern with ``*``, ``?`` or ``[`` that the shell
    did not expand is expanded here (``**`` included).
    """
    files: list[Path] = []
    errors: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files.extend(_documents_in(path))
        elif path.exists() or not _GLOB_CHARACTERS & set(argument):
            files.append(path)
        else:
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                errors.append(f"no file matches {argument!r}")
            for match in matches:
                found = Path(match)
                files.extend(_documents_in(found) if found.is_dir() else [found])
    return files, errors
