"""``orgstrategy diff OLD NEW``: what changed between two versions, in the strategy's terms."""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

import attrs

from orgstrategy._api import format_of, loads
from orgstrategy._changelog import groups, markdown, stat, text
from orgstrategy._cli._inputs import STDIN, add_input_arguments, single_input
from orgstrategy._cli._output import EXIT_INVALID, EXIT_OK, EXIT_USAGE, write_output
from orgstrategy._cli._terminal import printable, printable_lines
from orgstrategy._diff import Diff, diff
from orgstrategy._errors import Error, FileError, StrategyWarning, ValidationError
from orgstrategy._files import read_bytes
from orgstrategy._limits import Limits
from orgstrategy._model import Strategy

__all__ = ["add_git_diff_parser", "add_parser", "git_diff_main", "render", "run"]

FORMATS = ("text", "markdown", "json", "json-patch")
_LIMITS = Limits()
#: What git passes its external diff driver: the path alone when it is unmerged,
#: seven arguments, or nine when the file was renamed or copied (see git(1)).
_GIT_ARGUMENTS: Final = (1, 7, 9)


def add_parser(commands: Any) -> None:
    """Add the ``diff`` command to *commands*."""
    parser = commands.add_parser(
        "diff",
        help="show what changed between two versions of a strategy",
        description="Compare two versions of a strategy and report the changes in its own "
        'terms ("Priority *Effectiveness* removed"). Exit 0 when they are the same, 1 when '
        "they differ, 2 on error. With --git, OLD and NEW are git revisions (not starting "
        "with -) and FILE the document's path in the repository.",
    )
    parser.add_argument(
        "old",
        metavar="OLD",
        help="the older version (a file, - for standard input, or with --git a revision)",
    )
    parser.add_argument(
        "new",
        metavar="NEW",
        help="the newer version (a file, - for standard input, or with --git a revision)",
    )
    parser.add_argument("file", metavar="FILE", nargs="?", help="with --git: the document's path")
    parser.add_argument(
        "--git", action="store_true", help="compare FILE as committed at revisions OLD and NEW"
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="how to report (default: text)"
    )
    parser.add_argument(
        "--stat",
        action="store_true",
        help="show only how many changes of each kind each section has, like git diff --stat",
    )
    add_input_arguments(parser, folders=False)
    parser.set_defaults(run=run)


def render(found: Diff, format: str) -> str:
    """Return *found* written in *format* (one of :data:`FORMATS`)."""
    if format == "text":
        return printable_lines(text(found))
    if format == "markdown":
        return printable_lines(markdown(found))
    if format == "json":
        changes = [
            {**attrs.asdict(change), "group": group}
            for change, group in zip(found.changes, groups(found.changes), strict=True)
        ]
        return json.dumps({"changes": changes}, indent=2, ensure_ascii=False) + "\n"
    return json.dumps(found.to_json_patch(), indent=2, ensure_ascii=False) + "\n"


@contextmanager
def _warnings_shown() -> Iterator[None]:
    """Print the warnings of reading as ``validate`` prints them: located, on standard error."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", StrategyWarning)
        try:
            yield
        finally:
            for warning in caught:
                if isinstance(warning.message, StrategyWarning):
                    print(printable(str(warning.message.problem)), file=sys.stderr)
                else:
                    warnings.warn_explicit(
                        warning.message, warning.category, warning.filename, warning.lineno
                    )


def _from_git(revision: str, path: str) -> Strategy:
    # --end-of-options: whatever the revision says, git takes it for one, not an option.
    try:
        shown = subprocess.run(
            ["git", "show", "--end-of-options", f"{revision}:{path}"],
            capture_output=True,
            check=False,
        )
    except OSError as error:
        raise FileError(f"cannot run git: {error}") from error
    if shown.returncode != 0:
        message = shown.stderr.decode("utf-8", "replace").strip()
        raise FileError(f"cannot read {path} at {revision}: {message}")
    return loads(shown.stdout, format_of(path), file=f"{revision}:{path}")


def _load(args: argparse.Namespace, argument: str) -> Strategy:
    document = single_input(argument, args.source_format, args.stdin_filename)
    reader = document.reader()
    return loads(document.read(_LIMITS.max_bytes), reader.name, file=document.name)


def run(args: argparse.Namespace) -> int:
    """Compare the two versions named in *args*; return the exit code."""
    try:
        if args.git:
            if args.file is None:
                print("orgstrategy: error: --git needs OLD, NEW and FILE", file=sys.stderr)
                return EXIT_USAGE
            for revision in (args.old, args.new):
                if revision.startswith("-"):
                    print(
                        f"orgstrategy: error: {revision!r} is not a revision:"
                        " a revision cannot start with -",
                        file=sys.stderr,
                    )
                    return EXIT_USAGE
            with _warnings_shown():
                old, new = _from_git(args.old, args.file), _from_git(args.new, args.file)
        else:
            if args.file is not None:
                print("orgstrategy: error: FILE goes with --git", file=sys.stderr)
                return EXIT_USAGE
            if args.old == STDIN and args.new == STDIN:
                print("orgstrategy: error: only one of OLD and NEW can be -", file=sys.stderr)
                return EXIT_USAGE
            with _warnings_shown():
                old, new = _load(args, args.old), _load(args, args.new)
    except ValidationError as error:
        for problem in error.errors:
            print(printable(str(problem)), file=sys.stderr)
        return EXIT_USAGE
    found = diff(old, new)
    write_output(printable_lines(stat(found)) if args.stat else render(found, args.format), None)
    return EXIT_INVALID if found else EXIT_OK


@attrs.frozen(kw_only=True)
class _Side:
    """One side of what git compares: its name in the diff, bytes, and strategy.

    Attributes:
        label: ``a/PATH`` or ``b/PATH``, or ``/dev/null`` for a side that is absent.
        data: The file's bytes, or ``None`` when absent.
        strategy: The strategy it holds, or ``None`` when absent or not valid.
        problem: Why it is not a valid strategy, on one line, or ``None``.
    """

    label: str
    data: bytes | None = None
    strategy: Strategy | None = None
    problem: str | None = None


def _git_side(file: str, path: str, label: str) -> _Side:
    if file == os.devnull:
        return _Side(label=os.devnull)
    data = read_bytes(file, _LIMITS.max_bytes)
    try:
        with _warnings_shown():
            strategy = loads(data, format_of(path), file=label, limits=_LIMITS)
    except ValidationError as error:
        first, *rest = [problem for problem in error.errors if problem.severity == "error"]
        more = f" (and {len(rest)} more)" if rest else ""
        return _Side(label=label, data=data, problem=f"{first}{more}")
    except Error as error:
        return _Side(label=label, data=data, problem=f"{label}: {error}")
    return _Side(label=label, data=data, strategy=strategy)


def _line_diff(old: _Side, new: _Side) -> str:
    """Return the unified diff of the lines of *old* and *new*, as git shows one."""
    if b"\0" in (old.data or b"") or b"\0" in (new.data or b""):
        return f"Binary files {old.label} and {new.label} differ\n"
    if max(len(old.data or b""), len(new.data or b"")) > _LIMITS.max_bytes:
        return ""  # the note says it is too large
    lines = difflib.unified_diff(
        (old.data or b"").decode("utf-8", "replace").splitlines(keepends=True),
        (new.data or b"").decode("utf-8", "replace").splitlines(keepends=True),
        old.label,
        new.label,
    )
    return "".join(
        line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n" for line in lines
    )


def _git_changes(old: _Side, new: _Side, path: str, new_path: str) -> str:
    for side in (old, new):
        if side.problem is not None:
            note = " ".join(side.problem.splitlines())
            return f"not a valid strategy, so the lines are compared: {note}\n" + _line_diff(
                old, new
            )
    if old.strategy is None:
        return f"strategy added: {new_path}\n"
    if new.strategy is None:
        return f"strategy removed: {path}\n"
    return text(diff(old.strategy, new.strategy)) or "no semantic changes\n"


def git_diff_main(args: argparse.Namespace) -> int:
    """Run as git's external diff driver (``GIT_EXTERNAL_DIFF`` in git(1)).

    git passes ``path old-file old-hex old-mode new-file new-hex new-mode``;
    then ``new-path`` and the rename or copy header when the file was renamed or
    copied; or the path alone when it is unmerged. Problems name the sides
    ``a/PATH`` and ``b/NEW-PATH``, never git's temporary files.
    """
    arguments = args.arguments
    if arguments in (["-h"], ["--help"]):
        write_output(args.describe(), None)
        return EXIT_OK
    if len(arguments) not in _GIT_ARGUMENTS:
        print(
            f"orgstrategy git-diff: error: git passes 1, 7 or 9 arguments, not {len(arguments)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if len(arguments) == 1:
        write_output(f"* Unmerged path {arguments[0]}\n", None)
        return EXIT_OK
    path, old_file, _, _, new_file, _, _, *renamed = arguments
    new_path, header = renamed or (path, "")
    old = _git_side(old_file, path, f"a/{path}")
    new = _git_side(new_file, new_path, f"b/{new_path}")
    lines = [f"diff --orgstrategy a/{path} b/{new_path}\n"]
    lines += [f"{line}\n" for line in header.splitlines() if line]
    write_output(printable_lines("".join(lines) + _git_changes(old, new, path, new_path)), None)
    return EXIT_OK


def add_git_diff_parser(commands: Any) -> None:
    """Add the ``git-diff`` command (git's external diff driver) to *commands*."""
    # No options, and none taken for one: git passes file names as they are, and
    # one may start with "-". So "+" marks options (there are none); -h is looked
    # for by hand.
    parser = commands.add_parser(
        "git-diff",
        help="git's diff driver: semantic diffs in git diff and git log -p",
        description="Run by git as an external diff driver (see the docs: a diff driver "
        "in .gitattributes and git config). Takes the arguments git passes: seven, nine "
        "for a renamed or copied file, or the path alone for an unmerged one.",
        prefix_chars="+",
        add_help=False,
    )
    parser.add_argument(
        "arguments",
        nargs="*",
        metavar="ARG",
        help="path old-file old-hex old-mode new-file new-hex new-mode [new-path header]",
    )
    parser.set_defaults(run=git_diff_main, describe=parser.format_help)
