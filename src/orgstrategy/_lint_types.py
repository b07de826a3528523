"""What a lint rule is: a named, documented check of a valid strategy."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final, Protocol

import attrs

from orgstrategy._errors import SEVERITIES, Severity
from orgstrategy._model import Strategy
from orgstrategy._named import KEBAB_CASE, read_only
from orgstrategy._positions import Path

__all__ = ["Check", "Finding", "Rule"]

#: The option every check is given besides the rule's own: the date lint runs as.
TODAY: Final = "today"


def _path(steps: Iterable[str | int]) -> Path:
    return tuple(steps)


@attrs.frozen(kw_only=True)
class Finding:
    """What a rule's check found: where in the document, and what is wrong there.

    Attributes:
        path: The place in the document's plain data, as keys and list indexes
            from the root, e.g. ``("goals", 2, "measures", 0, "name")``. Where the
            document is written more briefly (an element as a bare name, a
            statement as a bare string), the finding is shown at the nearest
            place that is written.
        message: What is wrong, in the strategy's own terms, and how to fix it.
    """

    path: Path = attrs.field(converter=_path)
    message: str


class Check(Protocol):
    """A rule's check: yields a :class:`Finding` for everything wrong in *strategy*.

    *options* holds the rule's options (its defaults, overridden by
    configuration) and ``"today"``: the :class:`datetime.date` to judge dates by.
    """

    def __call__(
        self, strategy: Strategy, options: Mapping[str, Any], /
    ) -> Iterable[Finding]:  # pragma: no cover - a protocol
        """Return or yield what is wrong in *strategy*."""
        ...


def _kebab(_: object, attribute: attrs.Attribute[str], name: str) -> None:
    if not KEBAB_CASE.match(name):
        raise ValueError(f"{attribute.name} {name!r} is not lower-case kebab-case, like 'my-rule'")


def _severity(_: object, __: attrs.Attribute[str], severity: str) -> None:
    if severity not in SEVERITIES:
        raise ValueError(f"severity {severity!r} is not one of {', '.join(SEVERITIES)}")


def _one_line(_: object, attribute: attrs.Attribute[str], text: str) -> None:
    if not text.strip() or "\n" in text:
        raise ValueError(f"{attribute.name} must be one line of text")


def _option_names(_: object, __: attrs.Attribute[Any], options: Mapping[str, Any]) -> None:
    for name in options:
        if not KEBAB_CASE.match(name) or name == TODAY:
            raise ValueError(f"option {name!r} must be kebab-case and not {TODAY!r}")


@attrs.frozen(kw_only=True)
class Rule:
    r"""A lint rule: a check of a valid strategy, with its name and its documentation.

    Attributes:
        name: A stable kebab-case name, used by ``--select``, ``--ignore``,
            configuration and inline ``# orgstrategy: ignore[name]`` comments.
        severity: How serious what it finds is, unless configured otherwise.
        summary: One line on what it finds.
        explanation: Why it matters and how to fix it.
        good: A document that the rule finds nothing in.
        bad: A document that the rule finds something in.
        check: The check itself.
        options: The rule's options with their defaults, by kebab-case name;
            each value a number, text, boolean or list, as TOML writes them.
        package: The distribution that provides the rule (set for plugins).

    >>> from orgstrategy.lint import Finding, Rule
    >>> rule = Rule(
    ...     name="no-title",
    ...     severity="info",
    ...     summary="The strategy has no title.",
    ...     explanation="A title tells readers which strategy this is.",
    ...     good='orgstrategy: "1.0"\norganisation: {name: Here}\ntitle: Our plan\n',
    ...     bad='orgstrategy: "1.0"\norganisation: {name: Here}\n',
    ...     check=lambda strategy, options: (
    ...         [] if strategy.title else [Finding(path=(), message="add a title")]
    ...     ),
    ... )
    >>> rule.name, rule.severity
    ('no-title', 'info')
    """

    name: str = attrs.field(validator=_kebab)
    severity: Severity = attrs.field(validator=_severity)
    summary: str = attrs.field(validator=_one_line)
    explanation: str
    good: str
    bad: str
    check: Check = attrs.field(eq=False)
    options: Mapping[str, Any] = attrs.field(
        factory=dict, converter=read_only, validator=_option_names, hash=False
    )
    package: str = "orgstrategy"
