"""Fuzzing: real documents, mutated, never give anything but a result or an orgstrategy.Error.

A short budget runs with the suite (40 examples a test, the ci profile); a long one,
2,000 a test, on demand::

    pytest -m fuzz --hypothesis-profile=long --no-cov

Mutations work on lines (delete, duplicate, swap, re-indent), insert YAML syntax,
tags, anchors and aliases, odd Unicode (byte order marks, NUL, lone surrogates,
right-to-left marks, line and paragraph separators), huge numbers and deep nesting,
into the examples and into generated documents, as YAML, JSON and StratML.
"""

from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

import orgstrategy
from conftest import example_files
from orgstrategy import lint
from orgstrategy.testing import strategies

pytestmark = pytest.mark.fuzz

EXAMPLES = [path.read_text(encoding="utf-8") for path in example_files()]
FRAGMENTS = (
    ": ",
    "- ",
    "? ",
    "&anchor ",
    "*anchor",
    "<<: *anchor",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGk=",
    "!local ",
    "%YAML 1.1\n---\n",
    "---",
    "...",
    "{",
    "}]",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    '"unterminated',
    "'",
    "#",
    "|",
    ">-",
    "\t",
    "\ufeff",
    "\x00",
    "\ud800",
    "\u202e",
    "\u200f",
    "\u2028",
    "\u2029",
    "\x85",
    "\r",
    "1e400",
    "-1e400",
    "9" * 400,
    ".nan",
    "0x1F",
    "2025-02-30",
    "~",
    "null",
    "yes",
    "=",
)
SETTINGS = settings(  # the number of examples is the profile's: ci 40, long 2,000
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@st.composite
def mutated_lines(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, max(len(lines) - 1, 0)))
        how = draw(
            st.sampled_from(
                ("delete", "duplicate", "swap", "indent", "dedent", "insert", "replace")
            )
        )
        if not lines:
            lines = [""]
        if how == "delete":
            del lines[index]
        elif how == "duplicate":
            lines.insert(index, lines[index])
        elif how == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        elif how == "indent":
            lines[index] = " " * draw(st.integers(1, 5)) + lines[index]
        elif how == "dedent":
            lines[index] = lines[index].lstrip()
        elif how == "insert":
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.sampled_from(FRAGMENTS)) + line[at:]
        else:
            lines[index] = draw(st.sampled_from(FRAGMENTS))
    return "\n".join(lines)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    """A mutated document and its format: an example, or a generated strategy written out."""
    if draw(st.booleans()):
        return "yaml", draw(mutated_lines(draw(st.sampled_from(EXAMPLES))))
    strategy = draw(strategies(max_elements=3))
    syntax = draw(st.sampled_from(("yaml", "json", "stratml")))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", orgstrategy.StrategyWarning)
        text = orgstrategy.dumps(strategy, syntax)
    return syntax, draw(mutated_lines(text))


def check(syntax: str, text: str) -> None:
    note(f"{syntax}:\n{text!r}")
    data = text.encode("utf-8", "surrogatepass")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", orgstrategy.StrategyWarning)
        try:
            strategy = orgstrategy.loads(data, syntax)
        except orgstrategy.Error:
            strategy = None
        problems = orgstrategy.validate(data, format=syntax)
    assert (strategy is None) == any(p.severity == "error" for p in problems)
    for problem in problems:
        assert problem.line >= 1, problem
        assert problem.column >= 1, problem
        assert problem.code != "internal", problem
    if syntax != "stratml":
        lint.lint(data, format=syntax)  # findings or problems, never a crash
    if strategy is None:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", orgstrategy.StrategyWarning)
        for target in ("yaml", "json"):
            assert orgstrategy.loads(orgstrategy.dumps(strategy, target), target) == strategy
        for target in ("markdown", "html", "mermaid", "csv", "stratml"):
            orgstrategy.dumps(strategy, target).encode("utf-8")
    orgstrategy.diff(strategy, strategy)


@SETTINGS
@given(documents())
def test_mutated_documents(document):
    check(*document)


@SETTINGS
@given(st.binary(max_size=300), st.sampled_from(("yaml", "json", "stratml")))
def test_arbitrary_bytes(data, syntax):
    try:
        text = data.decode("utf-8", "surrogateescape")
    except UnicodeDecodeError:  # pragma: no cover - surrogateescape decodes any bytes
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", orgstrategy.StrategyWarning)
        problems = orgstrategy.validate(data, format=syntax)
        try:
            orgstrategy.loads(data, syntax)
        except orgstrategy.Error:
            assert any(p.severity == "error" for p in problems)
    assert all(p.line >= 1 for p in problems), text


@SETTINGS
@given(st.integers(1, 300), st.sampled_from(("[", "{a: ", "- ", "a:\n" + " " * 2)))
def test_deep_nesting(depth, opener):
    text = 'orgstrategy: "1.0"\norganisation: {name: Here}\nextensions:\n  x: ' + opener * depth
    check("yaml", text)


def test_diff_of_two_mutants_does_not_crash():
    """The diff between two examples turns the one into the other, both ways."""
    old = orgstrategy.loads(EXAMPLES[0])
    for text in EXAMPLES[1:]:
        new = orgstrategy.loads(text)
        found = orgstrategy.diff(old, new)
        assert found.changes  # the examples are different strategies
        assert found.apply(old) == new
        assert found.reverse().apply(new) == old
