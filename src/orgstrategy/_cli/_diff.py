"""``orgstrategy diff OLD NEW``: what changed between two versions, in the strategy's terms."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from typing import Any

import attrs

from orgstrategy._changelog import markdown, text
from orgstrategy._cli._output import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from orgstrategy._diff import Diff, diff
from orgstrategy._errors import Error, FileError, ValidationError
from orgstrategy._load import format_of, load, loads
from orgstrategy._model import Strategy

__all__ = ["add_parser", "render", "run"]

FORMATS = ("text", "markdown", "json", "json-patch")


def add_parser(commands: Any) -> None:
    """Add the ``diff`` command to *commands*."""
    parser = commands.add_parser(
        "diff",
        help="show what changed between two versions of a strategy",
        description="Compare two versions of a strategy and report the changes in its own "
        'terms ("Priority *Effectiveness* removed"). Exit 0 when they are the same, 1 when '
        "they differ, 2 on error. With --git, OLD and NEW are git revisions and FILE the "
        "document's path in the repository.",
    )
    parser.add_argument(
        "old", metavar="OLD", help="the older version (a file, or with --git a revision)"
    )
    parser.add_argument(
        "new", metavar="NEW", help="the newer version (a file, or with --git a revision)"
    )
    parser.add_argument("file", metavar="FILE", nargs="?", help="with --git: the document's path")
    parser.add_argument(
        "--git", action="store_true", help="compare FILE as committed at revisions OLD and NEW"
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="how to report (default: text)"
    )
    parser.set_defaults(run=run)


def render(found: Diff, format: str) -> str:
    """Return *found* written in *format* (one of :data:`FORMATS`)."""
    if format == "text":
        return text(found)
    if format == "markdown":
        return markdown(found)
    if format == "json":
        changes = [attrs.asdict(change) for change in found.changes]
        return json.dumps({"changes": changes}, indent=2, ensure_ascii=False) + "\n"
    return json.dumps(found.to_json_patch(), indent=2, ensure_ascii=False) + "\n"


def _from_git(revision: str, path: str) -> Strategy:
    try:
        shown = subprocess.run(
            ["git", "show", f"{revision}:{path}"], capture_output=True, check=False
        )
    except OSError as error:
        raise FileError(f"cannot run git: {error}") from error
    if shown.returncode != 0:
        message = shown.stderr.decode("utf-8", "replace").strip()
        raise FileError(f"cannot read {path} at {revision}: {message}")
    return loads(shown.stdout, format_of(path), file=f"{revision}:{path}")


def run(args: argparse.Namespace) -> int:
    """Compare the two versions named in *args*; return the exit code."""
    try:
        if args.git:
            if args.file is None:
                print("orgstrategy: error: --git needs OLD, NEW and FILE", file=sys.stderr)
                return EXIT_USAGE
            old, new = _from_git(args.old, args.file), _from_git(args.new, args.file)
        else:
            if args.file is not None:
                print("orgstrategy: error: FILE goes with --git", file=sys.stderr)
                return EXIT_USAGE
            old, new = load(args.old), load(args.new)
    except ValidationError as error:
        for problem in error.errors:
            print(problem, file=sys.stderr)
        return EXIT_USAGE
    found = diff(old, new)
    sys.stdout.write(render(found, args.format))
    return EXIT_INVALID if found else EXIT_OK


def git_diff_main(args: argparse.Namespace) -> int:
    """Run as git's external diff driver: ``path old-file old-hex old-mode new-file ...``."""
    path, old_file, new_file = args.path, args.old_file, args.new_file
    try:
        syntax = format_of(path)
        old = load(old_file, format=syntax) if old_file != os.devnull else None
        new = load(new_file, format=syntax) if new_file != os.devnull else None
    except Error as error:
        print(f"diff --orgstrategy a/{path} b/{path}\n{error}")
        return EXIT_OK
    print(f"diff --orgstrategy a/{path} b/{path}")
    if old is None or new is None:
        print(f"strategy {'added' if old is None else 'removed'}: {path}")
        return EXIT_OK
    sys.stdout.write(text(diff(old, new)) or "no semantic changes\n")
    return EXIT_OK


def add_git_diff_parser(commands: Any) -> None:
    """Add the ``git-diff`` command (git's external diff driver) to *commands*."""
    parser = commands.add_parser(
        "git-diff",
        help="git's diff driver: semantic diffs in git diff and git log -p",
        description="Run by git as an external diff driver (see the docs: a diff driver "
        "in .gitattributes and git config). Takes git's seven arguments.",
    )
    parser.add_argument("path")
    parser.add_argument("old_file")
    parser.add_argument("old_hex")
    parser.add_argument("old_mode")
    parser.add_argument("new_file")
    parser.add_argument("new_hex")
    parser.add_argument("new_mode")
    parser.set_defaults(run=git_diff_main)
