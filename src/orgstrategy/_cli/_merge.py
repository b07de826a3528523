"""``orgstrategy merge-driver BASE OURS THEIRS [PATH]``: git's semantic three-way merge.

git runs it (``merge.orgstrategy.driver`` in git config, ``merge=orgstrategy`` in
``.gitattributes``) for a strategy that both branches changed, with the base
version, ours and theirs in temporary files. It writes the merge into OURS, as
git asks of a merge driver, and exits 0 when the merge is clean and 1 when it
has conflicts, which git then reports as it reports its own.

The merge is :func:`orgstrategy._merge.merge`. Where git's line merge gives the
same strategy without a conflict, its text is kept, so that comments and layout
stay as the branches wrote them; otherwise the merge is written in canonical
form, each conflict marked at its place, and the problems of the result (each
conflict among them, at its line) printed as ``validate`` prints them. A side
that is not a valid strategy is merged by lines, as git would have merged it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from typing import Any, Final

from orgstrategy import _json, _yaml
from orgstrategy._api import format_of, loads
from orgstrategy._cli._diff import _warnings_shown
from orgstrategy._cli._output import EXIT_INVALID, EXIT_OK, EXIT_USAGE, write_output
from orgstrategy._cli._terminal import printable
from orgstrategy._errors import Error, FileError, ValidationError
from orgstrategy._files import read_bytes, write_atomic
from orgstrategy._limits import Limits
from orgstrategy._merge import merge
from orgstrategy._model import Strategy

__all__ = ["add_parser", "main"]

_LIMITS: Final = Limits()
_SIDES: Final = ("base", "ours", "theirs")


def _say(message: str) -> None:
    print(printable(f"orgstrategy merge-driver: {message}"), file=sys.stderr)


def _line_merge(files: list[str], path: str) -> tuple[int, bytes] | None:
    """Return git's line merge of the three files (exit status, text), or ``None`` without git."""
    base, ours, theirs = files
    labels = [f"ours:{path}", f"base:{path}", f"theirs:{path}"]
    command = ["git", "merge-file", "-p", "--diff3"]
    for label in labels:
        command += ["-L", label]
    try:
        done = subprocess.run(
            [*command, "--", ours, base, theirs], capture_output=True, check=False
        )
    except OSError:
        return None
    if done.returncode < 0 or done.returncode > 127:  # killed, or git's own error
        return None
    return done.returncode, done.stdout


def _load(data: bytes, path: str, label: str) -> Strategy:
    with _warnings_shown():
        return loads(data, format_of(path), file=label, limits=_LIMITS)


def _by_lines(files: list[str], path: str, why: str) -> int:
    """Merge by lines into ours (a side is no strategy): git's merge, conflict markers and all."""
    merged = _line_merge(files, path)
    if merged is None:
        _say(f"{path}: {why}; and git merge-file cannot be run: the merge is left to you")
        return EXIT_INVALID
    status, text = merged
    write_atomic(files[1], text)
    _say(f"{path}: {why}; merged by lines" + (" with conflicts" if status else ""))
    return EXIT_INVALID if status else EXIT_OK


def _leading_comments(data: bytes) -> str:
    r"""Return the comment lines that open a YAML document (ours), to keep at the top.

    >>> _leading_comments(b"# The trust's strategy.\n\n# Second.\norganisation: x\n# not\n")
    "# The trust's strategy.\n\n# Second.\n"
    >>> _leading_comments(b"# Nothing else")
    '# Nothing else\n'
    """
    lines = []
    for line in data.decode("utf-8", "replace").splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line if line.endswith("\n") else line + "\n")
    return "".join(lines).lstrip("\ufeff")


def _report(text: str, path: str) -> int:
    """Print the problems of the merged *text*; return the exit code they make."""
    try:
        _load(text.encode("utf-8"), path, path)
    except ValidationError as error:
        for problem in error.errors:
            print(printable(str(problem)), file=sys.stderr)
        errors = sum(problem.severity == "error" for problem in error.errors)
        _say(f"{path}: {errors} problem{'s' if errors != 1 else ''} to resolve")
        return EXIT_INVALID
    return EXIT_OK


def main(args: argparse.Namespace) -> int:
    """Merge as git's merge driver; return the exit code."""
    arguments = args.arguments
    if arguments in (["-h"], ["--help"]):
        write_output(args.describe(), None)
        return EXIT_OK
    if len(arguments) not in (3, 4):
        _say(f"error: git passes BASE OURS THEIRS and the path (%O %A %B %P), not {arguments}")
        return EXIT_USAGE
    files = arguments[:3]
    path = arguments[3] if len(arguments) == 4 else arguments[1]
    try:
        data = [read_bytes(file, _LIMITS.max_bytes) for file in files]
    except FileError as error:
        _say(str(error))
        return EXIT_USAGE
    strategies: list[Strategy] = []
    for side, content in zip(_SIDES, data, strict=True):
        label = f"{side}:{path}"
        try:
            strategies.append(_load(content, path, label))
        except ValidationError as error:
            first = next(problem for problem in error.errors if problem.severity == "error")
            return _by_lines(files, path, f"{first}")
        except Error as error:
            return _by_lines(files, path, f"{label}: {error}")
    base, ours, theirs = strategies
    merged = merge(base, ours, theirs)
    in_json = format_of(path) == "json"  # each side was read, so the path has a format
    text = (_json.dump if in_json else _yaml.dump)(merged.data)
    if merged.strategy is not None:
        by_lines = _line_merge(files, path)
        if by_lines is not None and by_lines[0] == 0:
            try:
                same = _load(by_lines[1], path, path) == merged.strategy
            except Error:
                same = False
            if same:  # git's own merge is the same strategy: its text keeps comments
                write_atomic(files[1], by_lines[1])
                return EXIT_OK
    if not in_json:
        text = _leading_comments(data[1]) + text
    write_atomic(files[1], text.encode("utf-8"))
    status = _report(text, path)  # each conflict among the problems, at its line
    return EXIT_INVALID if merged.conflicts else status


def add_parser(commands: Any) -> None:
    """Add the ``merge-driver`` command (git's merge driver) to *commands*."""
    # git passes file names as they are, and one may start with "-": "+" marks
    # options (there are none); -h is looked for by hand.
    parser = commands.add_parser(
        "merge-driver",
        help="git's merge driver: merge two branches' strategies element by element",
        description="Run by git as a merge driver (see the docs: merge=orgstrategy in "
        ".gitattributes, merge.orgstrategy.driver in git config). Takes what git passes: "
        "the base version, ours (where the merge is written) and theirs, then the path "
        "(%O %A %B %P). Exit status 0: merged; 1: conflicts, marked in the file "
        "and reported at their lines; 2: usage.",
        prefix_chars="+",
        add_help=False,
    )
    parser.add_argument("arguments", nargs="*", metavar="ARG", help="BASE OURS THEIRS [PATH]")
    parser.set_defaults(run=main, describe=parser.format_help)
