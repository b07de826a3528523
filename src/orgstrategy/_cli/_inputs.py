"""What the commands read: files, folders as users have them, and standard input.

A folder stands for the documents below it, found the way ruff and git find files:
hidden files and folders are left out, and so is whatever a ``.gitignore`` (in
the folder, below it, or above it up to the repository's top) or
``.git/info/exclude`` ignores. ``--exclude PATTERN`` leaves out more, in the same
gitignore syntax, matched against paths relative to the working folder; it
applies to files named on the command line as well. ``-`` is standard input.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

import attrs
import pathspec

from orgstrategy import formats
from orgstrategy._document import decode
from orgstrategy._errors import FileError
from orgstrategy._files import read_bytes
from orgstrategy._json import read as read_json
from orgstrategy._limits import Limits
from orgstrategy._yaml import read as read_yaml

__all__ = [
    "DOCUMENT_EXTENSIONS",
    "STDIN",
    "Input",
    "add_input_arguments",
    "find_inputs",
    "looks_like_strategy",
    "single_input",
]

#: The extensions of the files a folder stands for: documents in YAML or JSON.
DOCUMENT_EXTENSIONS: Final = frozenset((".yaml", ".yml", ".json"))
#: The argument that stands for standard input.
STDIN: Final = "-"
#: The name standard input goes by in problems, unless ``--stdin-filename`` gives one.
STDIN_NAME: Final = "<stdin>"

_GLOB_CHARACTERS: Final = frozenset("*?[")
_LIMITS: Final = Limits()
# A strategy's first key, as YAML or JSON writes it, at the start of a line.
_VERSION_KEY: Final = re.compile(rb"""^\s*\{?\s*["']?orgstrategy["']?\s*:""", re.MULTILINE)


@attrs.frozen(kw_only=True)
class Input:
    """One document to read.

    Attributes:
        name: What problems call it: the path as given, or the name of standard input.
        path: The file, or ``None`` for standard input.
        format: The format to read it as, or ``None`` to tell it from *name*.
    """

    name: str
    path: Path | None = None
    format: str | None = None

    def read(self, max_bytes: int) -> bytes:
        """Return the document's bytes, at most one past *max_bytes*.

        Raises:
            FileError: The file, or standard input, cannot be read.
        """
        if self.path is not None:
            return read_bytes(self.path, max_bytes)
        try:
            return sys.stdin.buffer.read(max_bytes + 1)
        except (OSError, AttributeError, ValueError) as error:
            raise FileError(f"cannot read standard input: {error}") from error

    def reader(self) -> formats.Format:
        """Return the format to read this document with (YAML for standard input).

        Raises:
            Error: No format reads a file with that extension.
        """
        if self.format is not None:
            return formats.get(self.format)
        if self.path is None and not os.path.splitext(self.name)[1]:
            return formats.get("yaml")
        return formats.for_path(self.name, reading=True)


def add_input_arguments(parser: argparse.ArgumentParser, *, folders: bool = True) -> None:
    """Add the options shared by the commands that read documents."""
    parser.add_argument(
        "--from",
        dest="source_format",
        metavar="FORMAT",
        help="the format of the input (default: from the file's extension; YAML for '-')",
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name to give standard input in problems (its extension gives its format)",
    )
    if folders:
        parser.add_argument(
            "--exclude",
            action="append",
            default=[],
            metavar="PATTERN",
            help="leave out files and folders that match this gitignore-style pattern "
            "(relative to the working folder; repeatable)",
        )
        parser.add_argument(
            "--only-strategies",
            action="store_true",
            help="skip YAML and JSON files with no top-level 'orgstrategy' key "
            "(for pre-commit and editors, which pass every YAML file)",
        )


def looks_like_strategy(data: bytes, format: str) -> bool:
    r"""Return whether *data* may be a strategy document: one with an ``orgstrategy`` key.

    Only YAML and JSON files can be told apart (other formats, such as StratML, are
    always taken for documents). A file that is not even well-formed is taken for a
    strategy when a line starts with the ``orgstrategy`` key, so that its errors are
    reported.

    >>> looks_like_strategy(b'orgstrategy: "1.0"\n', "yaml")
    True
    >>> looks_like_strategy(b"on: push\njobs: {}\n", "yaml")
    False
    >>> looks_like_strategy(b'{"orgstrategy": "1.0", "organisation": ', "json")
    True
    """
    if format not in ("yaml", "json"):
        return True
    if b"orgstrategy" not in data:
        return False
    text = decode(data, "")[0]
    if text is None:
        return _VERSION_KEY.search(data) is not None
    well_formed, value = (read_yaml if format == "yaml" else read_json)(text, _LIMITS)
    if not well_formed:
        return _VERSION_KEY.search(data) is not None
    return isinstance(value, dict) and "orgstrategy" in value


class _Ignored:
    """What ``.gitignore`` files and ``--exclude`` patterns leave out below a folder."""

    def __init__(self, excludes: Sequence[str]) -> None:
        self.excludes = pathspec.GitIgnoreSpec.from_lines(excludes)
        self.specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}
        self.errors: list[str] = []

    def _spec(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self.specs:
            lines: list[str] = []
            for name in (".gitignore", ".git/info/exclude"):
                try:
                    lines.extend((folder / name).read_text("utf-8", "replace").splitlines())
                except FileNotFoundError:
                    pass
                except OSError as error:
                    if not isinstance(error, NotADirectoryError | IsADirectoryError):
                        self.errors.append(
                            f"cannot read {folder / name}: {error.strerror or error}"
                        )
            self.specs[folder] = pathspec.GitIgnoreSpec.from_lines(lines) if lines else None
        return self.specs[folder]

    def excluded(self, path: Path) -> bool:
        """Return whether ``--exclude`` leaves *path* out."""
        return bool(self.excludes.patterns) and self.excludes.match_file(_relative(path))

    def ignored(self, path: Path, bases: Sequence[Path], folder: bool) -> bool:
        """Return whether a ``.gitignore`` in one of *bases* (outermost first) ignores *path*."""
        absolute = path.absolute()
        ignored = False
        for base in bases:
            spec = self._spec(base)
            if spec is None:
                continue
            relative = absolute.relative_to(base).as_posix() + ("/" if folder else "")
            result = spec.check_file(relative)
            if result.include is not None:
                ignored = result.include
        return ignored


def _relative(path: Path) -> str:
    try:
        return os.path.relpath(path).replace(os.sep, "/")
    except ValueError:  # pragma: no cover - another drive on Windows
        return path.as_posix()


def _is_folder(path: Path) -> bool:
    """Return whether *path* is a folder; one that cannot be looked at is not (reading says why)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _exists(path: Path) -> bool:
    """Return whether *path* may exist: one that cannot be looked at may (reading says why)."""
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return True


def _is_repository_top(folder: Path) -> bool:
    """Return whether *folder* holds a ``.git``; in one that cannot be looked at, it does not."""
    try:
        return (folder / ".git").exists()
    except OSError:
        return False


def _repository_bases(folder: Path) -> list[Path]:
    """Return the folders above *folder*, up to its repository's top, outermost first."""
    above: list[Path] = []
    if _is_repository_top(folder):
        return above
    for parent in folder.absolute().parents:
        above.append(parent)
        if _is_repository_top(parent):
            return above[::-1]
    return []  # not in a repository: only the .gitignore files below it count


def _documents_in(folder: Path, ignored: _Ignored) -> Iterator[Path]:
    bases_of: dict[str, list[Path]] = {}
    top = [*_repository_bases(folder), folder.absolute()]

    def unreadable(error: OSError) -> None:
        ignored.errors.append(f"cannot read {Path(error.filename)}: {error.strerror or error}")

    for root, folders, files in os.walk(folder, onerror=unreadable):
        here = Path(root)
        bases = bases_of.get(root, top)
        kept = []
        for name in sorted(folders):
            child = here / name
            if name.startswith(".") or ignored.excluded(child):
                continue
            if ignored.ignored(child, bases, folder=True):
                continue
            bases_of[os.path.join(root, name)] = [*bases, child.absolute()]
            kept.append(name)
        folders[:] = kept
        for name in sorted(files):
            path = here / name
            if (
                name.startswith(".")
                or os.path.splitext(name)[1].lower() not in DOCUMENT_EXTENSIONS
                or ignored.excluded(path)
                or ignored.ignored(path, bases, folder=False)
            ):
                continue
            yield path


def find_inputs(
    arguments: Sequence[str],
    *,
    excludes: Sequence[str] = (),
    source_format: str | None = None,
    stdin_filename: str | None = None,
) -> tuple[list[Input], list[str]]:
    """Return the documents named by *arguments*, and the errors found on the way.

    A folder stands for every ``.yaml``, ``.yml`` and ``.json`` file below it that
    is not hidden, ignored by git or excluded; a pattern with ``*``, ``?`` or ``[``
    that the shell did not expand is expanded here (``**`` included); ``-`` is
    standard input. Each document appears once, in the order first named.
    """
    ignored = _Ignored(excludes)
    inputs: list[Input] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.normpath(path)
        if key not in seen and not ignored.excluded(path):
            seen.add(key)
            inputs.append(Input(name=str(path), path=path, format=source_format))

    for argument in arguments:
        if argument == STDIN:
            if STDIN not in seen:
                seen.add(STDIN)
                inputs.append(Input(name=stdin_filename or STDIN_NAME, format=source_format))
            continue
        path = Path(argument)
        if _is_folder(path):
            for found in _documents_in(path, ignored):
                add(found)
        elif _exists(path) or not _GLOB_CHARACTERS & set(argument):
            add(path)
        else:
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                ignored.errors.append(f"no file matches {argument!r}")
            for match in matches:
                found = Path(match)
                if _is_folder(found):
                    for document in _documents_in(found, ignored):
                        add(document)
                else:
                    add(found)
    return inputs, ignored.errors


def single_input(
    argument: str, source_format: str | None = None, stdin_filename: str | None = None
) -> Input:
    """Return the one document *argument* names: a file, or ``-`` for standard input."""
    if argument == STDIN:
        return Input(name=stdin_filename or STDIN_NAME, format=source_format)
    return Input(name=argument, path=Path(argument), format=source_format)
