"""Problems found in documents, and the exceptions the library raises."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal

import attrs

from orgstrategy._positions import Path, format_path

__all__ = [
    "SEVERITIES",
    "Error",
    "FileError",
    "Problem",
    "Severity",
    "StrategyWarning",
    "ValidationError",
]

#: How serious a problem is.
Severity = Literal["error", "warning", "info"]
#: Every :data:`Severity`, most serious first.
SEVERITIES: Final[tuple[Severity, ...]] = ("error", "warning", "info")


def _steps(steps: Iterable[str | int]) -> Path:
    return tuple(steps)


@attrs.frozen(kw_only=True, order=False)
class Problem:
    """One thing wrong with a document, with where it is.

    Attributes:
        message: What is wrong, and where possible how to fix it.
        code: A stable kebab-case name for the kind of problem (see the docs'
            list of error codes), e.g. ``unknown-key`` or ``duplicate-id``.
        file: The file's name, or ``"<string>"`` for text that came from no file.
        line: The 1-based line the problem is on.
        column: The 1-based column (in characters) where it starts.
        steps: Where it is inside the document, as the keys and indexes from
            the top: ``("goals", 2, "objectives", 0, "name")``; empty for the
            document as a whole.
        path: The same place as people read it, derived from *steps*:
            ``goals[2].objectives[0].name``.
        severity: ``"error"`` makes a document invalid; warnings and information
            do not.
    """

    message: str
    code: str
    file: str = "<string>"
    line: int = 1
    column: int = 1
    steps: Path = attrs.field(default=(), converter=_steps, eq=False)
    path: str = attrs.field(
        default=attrs.Factory(lambda problem: format_path(problem.steps), takes_self=True)
    )
    severity: Severity = "error"

    def __str__(self) -> str:
        """Return the problem as one line: ``FILE:LINE:COL: SEVERITY CODE: PATH: message``.

        ``orgstrategy validate`` and ``lint`` print problems in this layout, so one
        problem matcher reads both; the path is left out for the document as a whole.

        >>> print(Problem(message="unknown key 'visoin'", code="unknown-key",
        ...     file="a.yaml", line=5, column=1, path="visoin"))
        a.yaml:5:1: error unknown-key: visoin: unknown key 'visoin'
        """
        where = f"{self.path}: " if self.path else ""
        return (
            f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code}: "
            f"{where}{self.message}"
        )

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Return the key that orders problems by file, then position."""
        return (self.file, self.line, self.column, self.path, self.code)


class Error(Exception):
    """The base of every exception that orgstrategy raises on purpose."""


class FileError(Error, OSError):
    """A file could not be read or written (exit code 2 on the command line)."""


class ValidationError(Error, ValueError):
    """A document is not a valid strategy.

    Attributes:
        errors: Every problem found, in document order; at least one has
            severity ``"error"``.
    """

    errors: tuple[Problem, ...]

    def __init__(self, errors: Iterable[Problem]) -> None:
        self.errors = tuple(sorted(errors, key=Problem.sort_key))
        super().__init__(self.errors)

    def __str__(self) -> str:
        found = [p for p in self.errors if p.severity == "error"]
        head = f"{len(found)} problem{'s' if len(found) != 1 else ''} found"
        return "\n".join([head, *(str(problem) for problem in self.errors)])


class StrategyWarning(UserWarning):
    """Something was repaired on reading, or could not be carried into a written format.

    Raised through :func:`warnings.warn` by :func:`orgstrategy.loads` (say, for an
    empty placeholder dropped from a StratML document) and :func:`orgstrategy.dumps`.

    Attributes:
        problem: What happened and where, as a :class:`Problem` of severity
            ``"warning"``.
    """

    problem: Problem

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))
