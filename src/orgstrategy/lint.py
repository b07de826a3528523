r"""Lint rules: what a valid strategy could do better, found and located.

Validity is not quality: a valid strategy may repeat an aim, have a purpose of three
sentences or a measure with no target. :func:`lint` checks a document against the
registered :class:`Rule`\ s and returns what they find as located
:class:`~orgstrategy.Problem`\ s, whose ``code`` is the rule's name.

>>> from orgstrategy import lint
>>> document = b'''orgstrategy: "1.0"
... organisation: {name: Here}
... goals:
...   - Improve outcomes in population health
...   - Improve outcomes in population health.
... '''
>>> for problem in lint.lint(document, select=["duplicate-statement"]):
...     print(problem.line, problem.code, problem.message)
5 duplicate-statement "Improve outcomes in population health." repeats goals[0].name

A rule of your own is a check with a name and its documentation; register it for
as long as you need it (plugins register theirs through their entry point):

>>> def no_title(strategy, options):
...     if strategy.title is None:
...         yield lint.Finding(path=(), message="the strategy has no title")
>>> rule = lint.Rule(
...     name="no-title", severity="info", summary="The strategy has no title.",
...     explanation="A title tells readers which strategy this is.",
...     good='orgstrategy: "1.0"\norganisation: {name: Here}\ntitle: Our plan\n',
...     bad='orgstrategy: "1.0"\norganisation: {name: Here}\n', check=no_title)
>>> with lint.registered(rule):
...     [problem.code for problem in lint.lint(document, select=["no-title"])]
['no-title']

Configuration comes from ``[tool.orgstrategy.lint]`` in the nearest
``pyproject.toml`` (see :func:`find_config`), and a YAML comment
``# orgstrategy: ignore[rule-name]`` on the line of a finding silences it.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import importlib
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import attrs

from orgstrategy import _registry, formats
from orgstrategy._document import decode, from_parsed
from orgstrategy._errors import SEVERITIES, Error, Problem, Severity
from orgstrategy._files import read_bytes
from orgstrategy._limits import Limits
from orgstrategy._links import Documents
from orgstrategy._lint_rules import BUILT_IN
from orgstrategy._lint_types import TODAY, Check, Finding, Rule
from orgstrategy._plugin import Plugins
from orgstrategy._positions import Path as DocumentPath
from orgstrategy._positions import Positions

__all__ = [
    "RULE_FAILED",
    "Check",
    "Config",
    "Finding",
    "Rule",
    "built_in",
    "find_config",
    "get",
    "lint",
    "read_config",
    "register",
    "registered",
    "rules",
    "selected",
    "unregister",
]

#: The code of the problem that stands for a lint rule that raised an exception.
RULE_FAILED: Final = "rule-failed"

_DEFAULT_LIMITS: Final = Limits()
_STRING: Final = "<string>"
_IGNORE: Final = re.compile(r"(?:^|\s)#\s*orgstrategy:\s*ignore\[([^\]]*)\]")
_SETTINGS: Final = ("select", "ignore", "fail-on")
#: The formats whose comments can silence a rule: ``# orgstrategy: ignore[...]``.
_COMMENTED: Final = frozenset({"yaml"})

_REGISTRY: Final = _registry.RULES


def register(rule: Rule) -> Rule:
    """Add *rule* to the registry and return it.

    Raises:
        Error: A different rule of the same name is registered already.
    """
    return _REGISTRY.register(rule)


def unregister(name: str) -> None:
    """Remove the rule called *name* from the registry, if it is there."""
    _REGISTRY.unregister(name)


def registered(*added: Rule) -> contextlib.AbstractContextManager[tuple[Rule, ...]]:
    """Register *added* for the duration of a ``with`` block (for tests and scripts)."""
    return _REGISTRY.registered(*added)


def built_in() -> tuple[Rule, ...]:
    """Return the rules registered directly: the built-in ones and :func:`register`'s."""
    return _REGISTRY.values()


def rules(plugins: Plugins | None = None) -> tuple[Rule, ...]:
    """Return every rule: the built-in ones first, then registered ones, then plugins'.

    Args:
        plugins: The plugins in effect; by default, those
            :func:`orgstrategy.plugins.available` gives.
    """
    in_effect = _registry.in_effect(plugins)
    return (*built_in(), *(rule for plugin in in_effect for rule in plugin.rules))


def _unknown(name: str, plugins: Plugins | None) -> Error:
    names = [rule.name for rule in rules(plugins)]
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return Error(f"unknown lint rule {name!r}{hint} (`orgstrategy rules` lists them)")


def get(name: str, plugins: Plugins | None = None) -> Rule:
    """Return the rule called *name*, among the rules of *plugins* too (see :func:`rules`).

    Raises:
        Error: No rule has that name.
    """
    for rule in rules(plugins):
        if rule.name == name:
            return rule
    raise _unknown(name, plugins)


def selected(
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    plugins: Plugins | None = None,
) -> tuple[Rule, ...]:
    """Return the rules that *select* and *ignore* leave to run.

    Args:
        select: The names of the rules to run; all registered rules when ``None``.
        ignore: The names of rules not to run.
        plugins: The plugins in effect (see :func:`rules`).

    Raises:
        Error: A name is not a registered rule's.

    >>> [rule.name for rule in selected(["long-statement", "missing-source"], ["missing-source"])]
    ['long-statement']
    """
    left_out = {get(name).name for name in ignore}
    chosen = (
        rules(plugins)
        if select is None
        else tuple(get(name, plugins) for name in dict.fromkeys(select))
    )
    return tuple(rule for rule in chosen if rule.name not in left_out)


def _option(rule: Rule, name: str, value: Any) -> Any:
    if name not in rule.options:
        known = ", ".join(rule.options) or "none"
        raise Error(f"lint rule {rule.name!r} has no option {name!r} (its options: {known})")
    default = rule.options[name]
    expected = (int, float) if type(default) is float else (type(default),)
    if type(value) not in expected:
        raise Error(
            f"option {name!r} of lint rule {rule.name!r} must be"
            f" {type(default).__name__}, like {default!r}, not {value!r}"
        )
    return value


def _settings(
    chosen: tuple[Rule, ...], options: Mapping[str, Mapping[str, Any]], today: datetime.date
) -> dict[str, dict[str, Any]]:
    settings = {rule.name: {**rule.options, TODAY: today} for rule in chosen}
    for name, given in options.items():
        rule = get(name)
        for option, value in given.items():
            checked = _option(rule, option, value)
            if name in settings:
                settings[name][option] = checked
    return settings


def _ignored(text: str) -> dict[int, set[str]]:
    """Return the rules silenced on each line by ``# orgstrategy: ignore[...]``."""
    found: dict[int, set[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _IGNORE.search(line)
        if match:
            found[number] = {name.strip() for name in match.group(1).split(",")}
    return found


def _lint(
    reader: formats.Format,
    data: bytes | str,
    file: str,
    limits: Limits,
    chosen: tuple[Rule, ...],
    settings: dict[str, dict[str, Any]],
    plugins: Plugins,
    documents: Documents | None = None,
) -> list[Problem]:
    locate: Callable[[set[DocumentPath]], Positions] = lambda _: Positions()  # noqa: E731
    if reader.parser is not None:
        parsed = reader.parse(data, file=file, limits=limits)
        locate = parsed.locate
        strategy, found = from_parsed(
            parsed, file=file, limits=limits, plugins=plugins, documents=documents
        )
    else:
        strategy, found = reader.read(
            data, file=file, limits=limits, plugins=plugins, documents=documents
        )
    if strategy is None:
        return found
    findings: list[tuple[Rule, Finding]] = []
    for rule in chosen:
        try:
            findings.extend(
                (rule, finding)
                for finding in rule.check(strategy, MappingProxyType(settings[rule.name]))
            )
        except Exception as error:  # a broken rule is a finding of its own; the rest run
            found.append(
                Problem(
                    message=f"lint rule {rule.name!r} from {rule.package or 'an unknown package'}"
                    f" failed: {type(error).__name__}: {error}",
                    code=RULE_FAILED,
                    file=file,
                )
            )
    if not findings and not found:
        return []  # nothing to place or to ignore
    positions = locate({finding.path for _, finding in findings})
    ignored = _ignored(decode(data, file)[0] or "") if reader.name in _COMMENTED else {}
    found = [problem for problem in found if problem.code not in ignored.get(problem.line, ())]
    for rule, finding in findings:
        line, column = positions.locate(finding.path)
        if rule.name in ignored.get(line, ()):
            continue
        found.append(
            Problem(
                message=finding.message,
                code=rule.name,
                file=file,
                line=line,
                column=column,
                steps=finding.path,
                severity=rule.severity,
            )
        )
    return sorted(found, key=Problem.sort_key)


def lint(
    source: str | os.PathLike[str] | bytes,
    *,
    format: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
    today: datetime.date | None = None,
    limits: Limits = _DEFAULT_LIMITS,
    file: str | None = None,
    plugins: Plugins | None = None,
    documents: Documents | None = None,
) -> list[Problem]:
    """Return what the lint rules find in a document, in document order.

    A document that is not valid cannot be linted: its validation problems are
    returned instead (with their own codes). Warnings found on reading (say, for
    an extension that no installed plugin claims) are returned with the findings,
    and an inline ``# orgstrategy: ignore[code]`` comment silences them too.

    Args:
        source: The path of a file, or a document's bytes.
        format: The format's name; by default the file's extension, or YAML for bytes.
        select: The names of the rules to run; all registered rules by default.
        ignore: The names of rules not to run.
        options: Rule options by rule name, e.g. ``{"long-statement": {"max-words": 30}}``.
        today: The date to judge due dates and periods by; today by default.
        limits: Bounds on what reading may cost.
        file: The name problems give the document; by default its path, or
            ``"<string>"`` for bytes.
        plugins: The plugins in effect (their rules, formats and schemas); by
            default, those :func:`orgstrategy.plugins.available` gives.
        documents: Gives the documents of ``aligns_to`` (by their ``file``); by
            default, for a path, those beside it (:func:`orgstrategy.formats.beside`).

    Returns:
        Problems whose ``code`` is the rule's name and ``severity`` the rule's.

    Raises:
        FileError: The file cannot be read.
        Error: The format cannot be told, or a rule or option is not known.
    """
    in_effect = _registry.in_effect(plugins)
    chosen = selected(select, ignore, in_effect)
    settings = _settings(chosen, options or {}, today or datetime.date.today())
    if isinstance(source, bytes):
        reader, data, name = formats.get(format or "yaml", in_effect), source, _STRING
    else:
        reader = (
            formats.get(format, in_effect)
            if format
            else formats.for_path(source, reading=True, plugins=in_effect)
        )
        data, name = read_bytes(source, limits.max_bytes), os.fspath(source)
        if documents is None:
            documents = formats.beside(source, limits=limits, plugins=in_effect)
    file = name if file is None else file
    return _lint(reader, data, file, limits, chosen, settings, in_effect, documents)


# Configuration


@attrs.frozen(kw_only=True)
class Config:
    """How to lint: the settings of ``[tool.orgstrategy.lint]`` in ``pyproject.toml``.

    .. code-block:: toml

        [tool.orgstrategy.lint]
        ignore = ["measure-without-baseline"]
        fail-on = "warning"

        [tool.orgstrategy.lint.long-statement]
        max-words = 30

    Attributes:
        select: The rules to run; ``None`` for all.
        ignore: The rules not to run.
        fail_on: The least severity that makes ``orgstrategy lint`` exit 1.
        options: Rule options, by rule name.
        file: The file the settings were read from, if any.
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: Severity = "warning"
    options: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict, hash=False)
    file: str | None = None


def _names(value: Any, key: str, file: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Error(f"{file}: [tool.orgstrategy.lint] {key} must be a list of rule names")
    for name in value:
        get(name)
    return tuple(value)


def _config(table: Any, file: str) -> Config:
    if not isinstance(table, dict):
        raise Error(f"{file}: tool.orgstrategy.lint must be a table")
    select = _names(table["select"], "select", file) if "select" in table else None
    ignore = _names(table.get("ignore", []), "ignore", file)
    fail_on = table.get("fail-on", "warning")
    if fail_on not in SEVERITIES:
        raise Error(
            f"{file}: [tool.orgstrategy.lint] fail-on must be one of {', '.join(SEVERITIES)},"
            f" not {fail_on!r}"
        )
    options: dict[str, dict[str, Any]] = {}
    for key, value in table.items():
        if key in _SETTINGS:
            continue
        if not isinstance(value, dict):
            raise Error(
                f"{file}: [tool.orgstrategy.lint] has no setting {key!r} (settings:"
                f" {', '.join(_SETTINGS)}, and a table of options for each rule)"
            )
        rule = get(key)
        options[key] = {name: _option(rule, name, item) for name, item in value.items()}
    return Config(select=select, ignore=ignore, fail_on=fail_on, options=options, file=file)


def _toml(text: str) -> Any:
    toml = importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")
    return toml.loads(text)


def read_config(path: str | os.PathLike[str]) -> Config:
    """Return the lint settings in the ``pyproject.toml`` file at *path*.

    A file with no ``[tool.orgstrategy.lint]`` table gives the defaults.

    Raises:
        FileError: The file cannot be read.
        Error: It is not TOML, or the settings are wrong (an unknown rule, say).
    """
    file = os.fspath(path)
    data = read_bytes(path, _DEFAULT_LIMITS.max_bytes)
    try:
        document = _toml(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise Error(f"{file}: not valid TOML: {error}") from None
    table = document.get("tool", {}).get("orgstrategy", {})
    if "lint" not in table:
        return Config(file=file)
    return _config(table["lint"], file)


def find_config(start: str | os.PathLike[str] | None = None) -> Config:
    """Return the lint settings of the nearest ``pyproject.toml``.

    Args:
        start: The folder to look in first, then in each folder above it; the
            current folder by default.

    Raises:
        Error: The nearest ``pyproject.toml`` cannot be read, is not TOML, or
            its settings are wrong.
    """
    folder = Path(start if start is not None else os.getcwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            return read_config(path)
    return Config()


for _rule in BUILT_IN:
    register(_rule)
del _rule
