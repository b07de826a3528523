"""Hypothesis strategies that generate valid strategies, for property tests.

Install the ``testing`` extra (``pip install orgstrategy[testing]``) to use this
module: it is the only part of orgstrategy that imports Hypothesis.

>>> from hypothesis import given
>>> import orgstrategy
>>> from orgstrategy.testing import strategies
>>> @given(strategies())
... def test_round_trip(strategy: orgstrategy.Strategy) -> None:
...     assert orgstrategy.loads(orgstrategy.dumps(strategy)) == strategy

What is generated:

* every class of the model and every optional field, each field sometimes left
  out;
* ids sometimes explicit (unique within their list, often close to the id that
  would be derived, to stress derivation) and sometimes derived from names,
  assigned to a whole list with :func:`orgstrategy._ids.assign_ids` exactly as
  the reader assigns them, so names may repeat;
* periods and results with years and dates, the end never before the start;
* quantities as whole numbers (some beyond 64 bits), finite floats and text;
* extensions of JSON-like plain data, nested a little;
* what format 1.1 added (unless ``format_version="1.0"`` is asked for): the
  language, partners, mandates, documents aligned to, enablers and headline
  measures, owners and delivery statuses, actions, measures' direction and
  source, results' period labels, translations of text fields, and references
  in ``contributes_to`` that resolve (to elements of the strategy, and to the
  documents of ``aligns_to`` as a whole or, unchecked, to their elements);
* text that is mostly realistic words, but also text that YAML readers are
  known to misread (``2025``, ``2.10``, ``NO``, ``yes``, ``true``, ``null``,
  ``~``, ``1e+16``, ``- x``, ``a: b``, ``#x``), text with leading or trailing
  spaces, several lines, quotes, and non-ASCII (accents, CJK, emoji, the
  right-to-left mark), and arbitrary Unicode.

Every string has a character that is not whitespace, and none holds a lone
surrogate (they are not Unicode). Control characters are generated: every one
(C0, DEL and C1, including U+0085 NEXT LINE, and the separators U+2028 and
U+2029) survives a YAML round trip, because the writer escapes those that YAML
would otherwise read as line breaks or refuse.
"""

from __future__ import annotations

import datetime
import string
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs
from hypothesis import strategies as st

from orgstrategy._convert import converter
from orgstrategy._document import to_data
from orgstrategy._ids import assign_ids, slug
from orgstrategy._links import addresses, written
from orgstrategy._model import (
    DELIVERY_STATUSES,
    DIRECTIONS,
    STATUSES,
    VERSIONS,
    Action,
    Alignment,
    Behaviour,
    Commitment,
    Compact,
    DateOrYear,
    Element,
    Enabler,
    Goal,
    Linked,
    Mandate,
    Meaning,
    Measure,
    Objective,
    Organisation,
    Outcome,
    Partner,
    Period,
    Principle,
    Priority,
    Quantity,
    Result,
    Source,
    Stakeholder,
    Statement,
    Strategy,
    Theme,
    Value,
    first_day,
    last_day,
    nested,
    sections_in,
    text_fields,
)

__all__ = ["TRICKY_TEXTS", "documents", "extensions", "strategies", "texts"]

_E = TypeVar("_E", bound=Element)
_T = TypeVar("_T")

if TYPE_CHECKING:
    from orgstrategy.plugins import Plugin

#: The plugins in effect, each with the strategy for its section (empty: not drawn).
_Sections = tuple[tuple["Plugin", st.SearchStrategy[Any]], ...]

#: Text that stresses YAML readers and writers: words YAML 1.1 reads as
#: booleans, nulls or numbers, YAML syntax, surrounding spaces, several lines,
#: quotes and non-ASCII. Every one is valid text for any field.
TRICKY_TEXTS: Final[tuple[str, ...]] = (
    "2025",
    "2.10",
    "2.5",
    "-3",
    "007",
    "0x1F",
    "0o17",
    "1_000",
    "1e3",
    "1e+16",
    "1.0e+16",
    ".inf",
    "-.inf",
    ".nan",
    "NaN",
    "NO",
    "no",
    "yes",
    "Yes",
    "on",
    "OFF",
    "y",
    "true",
    "False",
    "TRUE",
    "null",
    "Null",
    "NULL",
    "~",
    "2025-01-01",
    "2025-02-30",
    "12:30:45",
    "- x",
    "-",
    "--- x",
    "...",
    "a: b",
    "a:b",
    "key:",
    "#x",
    "a #b",
    "? q",
    "[1, 2]",
    "{a: 1}",
    "&anchor",
    "*alias",
    "!tag",
    "!!str",
    "%YAML",
    "@at",
    "`tick`",
    "|",
    ">",
    "<<",
    ",",
    " leading",
    "trailing ",
    "  both  ",
    "two  spaces",
    "line one\nline two",
    "ends with a newline\n",
    "\nstarts with a newline",
    "  indented\nlines\n\n",
    "para one\n\npara two",
    "tab\tinside",
    "carriage\r\nreturn",
    '"double quoted"',
    "'single quoted'",
    "it's",
    'say "hi"',
    "back\\slash",
    "café",
    "é",
    "Ærø",
    "中文",
    "健康と福祉",
    "😀",
    "👩🏽‍⚕️ care",
    "\u200f\u05e9\u05dc\u05d5\u05dd",
    "مرحبا\u200f",
    "non\u00a0breaking",
    "zero\u200bwidth",
    "\ufeffbom",
    "line\u2028separator",
    "next\x85line",
    "bell\x07",
    "x" * 120,
    "a " * 60 + "b",
)

_WORDS: Final = (
    "care",
    "people",
    "health",
    "community",
    "respect",
    "kindness",
    "compassion",
    "mental",
    "wellbeing",
    "our",
    "we",
    "will",
    "support",
    "lead",
    "the",
    "best",
    "possible",
    "lives",
    "great",
    "employer",
    "value",
    "for",
    "money",
    "&",
    "and",
    "quality",
    "safe",
    "services",
    "inclusion",
    "everyone",
    "Exceptional",
    "Respect",
    "Responsibility",
    "Mental health",
    "System first",
    "Kind",
    "Open and honest",
    "Tees, Esk and Wear Valleys",
    "NHS",
    "ICB",
    "\u2013",
    "(2025/26)",
    "95%",
    "18 weeks",
)

#: Characters for arbitrary text: anything but lone surrogates.
_CHARACTERS: Final = st.characters(exclude_categories=["Cs"])
_ID_START: Final = string.ascii_letters + string.digits
_ID_REST: Final = _ID_START + "._-"
_URLS: Final = (
    "https://www.example.nhs.uk/about-us/our-strategy/",
    "https://example.org/strategy.pdf?version=2&lang=en#page=3",
    "http://example.com",
    "example.org/a b",
)


def _not_blank(text: str) -> bool:
    return bool(text.strip())


def _phrase(words: Sequence[str]) -> str:
    return " ".join(words)


def _or_none(strategy: st.SearchStrategy[_T]) -> st.SearchStrategy[_T | None]:
    return st.none() | strategy


_WORD: Final = st.sampled_from(_WORDS)
_TRICKY: Final = st.sampled_from(TRICKY_TEXTS)
_TEXT: Final[st.SearchStrategy[str]] = st.one_of(
    _WORD,
    st.lists(_WORD, min_size=2, max_size=14).map(_phrase),
    _WORD,
    _TRICKY,
    st.tuples(_TRICKY, _WORD).map(_phrase),
    st.tuples(_WORD, _TRICKY).map("\n".join),
    st.text(_CHARACTERS, min_size=1, max_size=24).filter(_not_blank),
)
_KEY: Final = st.sampled_from(("nhs", "x-plugin", "org.example", "notes", "kpi", "ref")) | _TEXT
_BIG: Final = 10**24
_SCALAR: Final[st.SearchStrategy[Any]] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-100, max_value=3000),
    st.integers(min_value=-_BIG, max_value=_BIG),
    st.floats(allow_nan=False, allow_infinity=False),
    _TEXT,
)
_EXTENSIONS: Final = st.dictionaries(
    _KEY,
    st.recursive(
        _SCALAR,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEY, inner, max_size=3),
        max_leaves=6,
    ),
    max_size=3,
)
# Most things have no extensions: they would otherwise make up most of a document.
_NO_EXTENSIONS: Final[st.SearchStrategy[dict[str, Any]]] = st.builds(dict)
_SOME_EXTENSIONS: Final = st.one_of(_NO_EXTENSIONS, _NO_EXTENSIONS, _NO_EXTENSIONS, _EXTENSIONS)
_MAYBE_EXTENSIONS: Final = _NO_EXTENSIONS | _EXTENSIONS
_ID: Final = st.one_of(
    st.sampled_from(("g1", "goal-1", "vision", "2025", "a.b_c-D", "x", "Kind", "kind-2")),
    st.builds(
        str.__add__, st.sampled_from(_ID_START), st.text(st.sampled_from(_ID_REST), max_size=12)
    ),
)
_QUANTITY: Final[st.SearchStrategy[Quantity]] = st.one_of(
    st.integers(min_value=-1000, max_value=1000),
    st.integers(min_value=-_BIG, max_value=_BIG),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(("95%", "18 weeks", "2025", "1e+16", "2.10", "-")),
    _TEXT,
)
_DATE: Final = st.one_of(
    st.dates(datetime.date(2000, 1, 1), datetime.date(2040, 12, 31)),
    st.dates(),
)
_MAYBE_TEXT: Final = _or_none(_TEXT)
_MAYBE_QUANTITY: Final = _or_none(_QUANTITY)
_MAYBE_DATE: Final = _or_none(_DATE)
_MAYBE_URL: Final = _or_none(st.sampled_from(_URLS) | _TEXT)
_MAYBE_UNIT: Final = _or_none(st.sampled_from(("%", "weeks", "\u00a3m", "people")) | _TEXT)
_MAYBE_KIND: Final = _or_none(st.sampled_from(("nhs-trust", "local-council")) | _TEXT)
_MAYBE_VERSION: Final = _or_none(st.sampled_from(("2025", "2.10", "2013-14", "v1")) | _TEXT)
_MAYBE_STATUS: Final = _or_none(st.sampled_from(STATUSES))
_MAYBE_DIRECTION: Final = _or_none(st.sampled_from(DIRECTIONS))
_PERIOD_LABEL: Final = st.sampled_from(("2023/24", "Q3 2024/25", "Year 1")) | _TEXT
_LANGUAGE: Final = st.sampled_from(("cy", "ga", "gd", "fr-CA", "en-GB", "mi"))
#: What format 1.1 added, as the test generator chooses it for a strategy.
_FEATURES: Final = (
    "partners",
    "language",
    "url",
    "mandates",
    "aligns_to",
    "enablers",
    "measures",
    "owner",
    "status",
    "translations",
    "periods",
    "actions",
    "references",
)
_YEAR: Final = st.integers(min_value=2000, max_value=2040) | st.integers(1000, 9999)


def texts() -> st.SearchStrategy[str]:
    """Return a strategy for text that any text field of a strategy accepts.

    Mostly realistic words and phrases; sometimes one of :data:`TRICKY_TEXTS`,
    or a mix of the two, or arbitrary Unicode (see the module's notes on
    surrogates and control characters). Never blank.

    Returns:
        A strategy for non-blank strings without lone surrogates.
    """
    return _TEXT


def extensions() -> st.SearchStrategy[dict[str, Any]]:
    """Return a strategy for extensions: JSON-like plain data by namespace.

    Keys are text (see :func:`texts`); values are ``None``, booleans, whole
    numbers (some beyond 64 bits), finite floats, text, and lists and mappings
    of them, nested a little.

    Returns:
        A strategy for mappings (possibly empty) from text to plain data.
    """
    return _EXTENSIONS


@st.composite
def _time_span(draw: st.DrawFn) -> tuple[DateOrYear | None, DateOrYear | None]:
    """Draw a start and an end, at least one of them, the end not before the start."""
    year = draw(_YEAR)

    def point() -> DateOrYear:
        kind = draw(st.integers(0, 3))
        if kind == 0:
            return year
        if kind == 1:
            return draw(st.integers(year, min(year + 5, 9999)))
        if kind == 2:
            return draw(st.dates(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
        return draw(_DATE)

    start = point() if draw(st.booleans()) else None
    end = point() if start is None or draw(st.booleans()) else None
    if start is not None and end is not None and last_day(end) < first_day(start):
        start, end = end, start
    return start, end


_TIME_SPAN: Final = _time_span()


class _Builder:
    """Draws the parts of one strategy."""

    def __init__(
        self, draw: st.DrawFn, max_elements: int, plugins: _Sections, version: str
    ) -> None:
        self.draw = draw
        self.plugins = plugins
        self.claimed = frozenset(plugin.name for plugin, _ in plugins)
        self.top = st.lists(st.none(), max_size=max_elements)
        self.nested = st.lists(st.none(), max_size=(max_elements + 1) // 2)
        self.labels = st.dictionaries(
            st.sampled_from(sections_in(version)), _TEXT, max_size=max_elements
        )
        self.depth = 0
        self.later = version != VERSIONS[0]  # draw what came after format 1.0
        # Which of what 1.1 added this strategy has: decided once, so that what it
        # has not costs no draws (and documents stay small).
        self.has: frozenset[str] = (
            frozenset(draw(st.sets(st.sampled_from(_FEATURES)))) if self.later else frozenset()
        )

    def text(self) -> str:
        return self.draw(_TEXT)

    def extensions(self, place: str, unclaimed: st.SearchStrategy[dict[str, Any]]) -> Any:
        """Draw namespaces no plugin claims, and sections of the plugins that apply here."""
        drawn = {k: v for k, v in self.draw(unclaimed).items() if k not in self.claimed}
        for plugin, section in self.plugins:
            if place in plugin.applies_to and not section.is_empty and self.draw(st.booleans()):
                plain = self.draw(section)
                model = plugin.model
                drawn[plugin.name] = plain if model is None else converter().structure(plain, model)
        return drawn

    def optional_text(self) -> str | None:
        return self.draw(_MAYBE_TEXT)

    def count(self) -> int:
        """Draw the length of a list: shorter for lists inside elements."""
        return len(self.draw(self.top if self.depth == 0 else self.nested))

    def choose(self, choices: Sequence[_T]) -> _T:
        return choices[self.draw(st.integers(0, len(choices) - 1))]

    def names(self, count: int) -> list[str]:
        """Draw names that often repeat or derive the same id."""
        pool = [self.text() for _ in range(min(count, self.draw(st.integers(1, 3))))]
        names: list[str] = []
        for _ in range(count):
            if self.draw(st.booleans()):
                names.append(self.text())
                continue
            name = self.choose(pool)
            names.append(self.choose((name, name.upper(), f"{name}!", f" {name} ")))
        return names

    def explicit_ids(self, names: list[str]) -> list[str | None]:
        """Draw an explicit id or none for each element; explicit ids are unique."""
        used: set[str] = set()
        explicit: list[str | None] = []
        for _ in names:
            kind = self.draw(st.integers(0, 3))
            given: str | None = None
            if kind == 1:
                given = self.draw(_ID)
            elif kind == 2:  # close to an id that derivation gives, or might give
                base = slug(self.choose(names))
                given = self.choose((base, f"{base}-2", f"{base}-3", f"{base}-x"))
            if given is not None and given not in used:
                used.add(given)
                explicit.append(given)
            else:
                explicit.append(None)
        return explicit

    def elements(
        self, cls: type[_E], fields: Callable[[], dict[str, Any]] | None = None
    ) -> tuple[_E, ...]:
        """Draw one list of elements, with ids assigned as the reader assigns them."""
        names = self.names(self.count())
        ids = assign_ids(names, self.explicit_ids(names))
        built: list[_E] = []
        self.depth += 1
        for name, given in zip(names, ids, strict=True):
            keywords: dict[str, Any] = {"name": name}
            # An id equal to the slug is also what the default would derive.
            if given != slug(name) or self.draw(st.booleans()):
                keywords["id"] = given
            description = self.optional_text()
            if description is not None:
                keywords["description"] = description
            keywords["extensions"] = self.extensions(cls.__name__.lower(), _SOME_EXTENSIONS)
            if fields is not None:
                keywords.update(fields())
            if self.later and issubclass(cls, Linked):
                keywords.update(self.linked_fields(cls))
            keywords["translations"] = self.translations(cls, keywords)
            built.append(cls(**keywords))
        self.depth -= 1
        return tuple(built)

    def now_and_then(self, feature: str) -> bool:
        """Draw whether to draw *feature* (of format 1.1) here: one time in two, if chosen."""
        return feature in self.has and self.draw(st.booleans())

    def linked_fields(self, cls: type) -> dict[str, Any]:
        """Draw an owner and a status (references are drawn once the whole is built)."""
        found: dict[str, Any] = {}
        if self.now_and_then("owner"):
            found["owner"] = self.text()
        if "status" in attrs.fields_dict(cls) and self.now_and_then("status"):
            found["status"] = self.draw(st.sampled_from(DELIVERY_STATUSES))
        return found

    def translations(self, cls: type, fields: Mapping[str, Any]) -> dict[str, Any]:
        """Draw the object's text fields that have a value in a language or two, or none."""
        if not self.now_and_then("translations") or self.draw(st.booleans()):
            return {}  # one object in four, when the strategy has translations
        given = {name: many for name, many in text_fields(cls).items() if fields.get(name)}
        found: dict[str, Any] = {}
        for language in self.draw(st.lists(_LANGUAGE, min_size=1, max_size=2, unique=True)):
            chosen = self.draw(st.sets(st.sampled_from(sorted(given)))) if given else set()
            texts = {
                name: tuple(self.text() for _ in fields[name]) if given[name] else self.text()
                for name in sorted(chosen)
            }
            if texts:
                found[language] = texts
        return found

    def result(self) -> Result:
        # Unlike a period, a result may have neither a start nor an end.
        start, end = self.draw(_TIME_SPAN) if self.draw(st.integers(0, 4)) else (None, None)
        return Result(
            period=self.draw(_PERIOD_LABEL) if self.now_and_then("periods") else None,
            start=start,
            end=end,
            target=self.draw(_MAYBE_QUANTITY),
            actual=self.draw(_MAYBE_QUANTITY),
            description=self.optional_text(),
        )

    def measure_fields(self) -> dict[str, Any]:
        found = {
            "unit": self.draw(_MAYBE_UNIT),
            "baseline": self.draw(_MAYBE_QUANTITY),
            "target": self.draw(_MAYBE_QUANTITY),
            "due": self.draw(_MAYBE_DATE),
            "results": tuple(self.result() for _ in range(self.count())),
        }
        if self.now_and_then("measures"):
            found["direction"] = self.draw(_MAYBE_DIRECTION)
            found["source"] = self.optional_text()
        return found

    def measures(self) -> tuple[Measure, ...]:
        return self.elements(Measure, self.measure_fields)

    def objective_fields(self) -> dict[str, Any]:
        found: dict[str, Any] = {"due": self.draw(_MAYBE_DATE), "measures": self.measures()}
        if self.now_and_then("actions"):
            found["actions"] = self.elements(Action, lambda: {"due": self.draw(_MAYBE_DATE)})
        return found

    def aim_fields(self) -> dict[str, Any]:
        return {
            "outcomes": self.elements(Outcome),
            "objectives": self.elements(Objective, self.objective_fields),
            "measures": self.measures(),
        }

    def statement(self) -> Statement:
        text = self.optional_text()
        points = tuple(self.text() for _ in range(self.count()))
        if text is None and not points:
            text = self.text()
        fields = {"text": text, "points": points}
        return Statement(
            text=text,
            points=points,
            meanings=self.elements(Meaning),
            translations=self.translations(Statement, fields),
        )

    def source(self) -> Source:
        title = self.optional_text()
        url = self.draw(_MAYBE_URL)
        if title is None and url is None:
            title = self.text()
        return Source(
            title=title,
            url=url,
            retrieved=self.draw(_MAYBE_DATE),
            author=self.optional_text(),
            note=self.optional_text(),
        )

    def organisation(self, cls: type[Organisation] = Organisation) -> Organisation:
        fields: dict[str, Any] = {
            "name": self.text(),
            "short_name": self.optional_text(),
            "kind": self.draw(_MAYBE_KIND),
            "area": self.optional_text(),
            "url": self.draw(_MAYBE_URL),
            "description": self.optional_text(),
        }
        if cls is Partner:
            fields["role"] = self.optional_text()
        return cls(
            **fields,
            extensions=self.extensions(cls.__name__.lower(), _MAYBE_EXTENSIONS),
            translations=self.translations(cls, fields),
        )

    def alignments(self) -> tuple[Alignment, ...]:
        aliases = self.draw(st.lists(_ID, max_size=len(self.draw(self.top)), unique=True))
        return tuple(
            Alignment(
                id=alias,
                title=self.text(),
                url=self.draw(_MAYBE_URL),
                publisher=self.optional_text(),
                description=self.optional_text(),
            )
            for alias in aliases
        )

    def linked(self, strategy: Strategy) -> Strategy:
        """Return *strategy* with references in ``contributes_to`` that all resolve."""
        local = [written(steps) for steps in addresses(strategy)]
        aliases = [alignment.id for alignment in strategy.aligns_to]
        pool = [
            *local,
            *(f"{alias}:" for alias in aliases),
            *(f"{alias}:{reference}" for alias in aliases for reference in local[:2]),
        ]
        if not pool:
            return strategy
        references = st.lists(st.sampled_from(pool), max_size=2, unique=True).map(tuple)

        def relink(node: Any) -> Any:
            """Return *node* with references drawn, rebuilt only where something changed."""
            changes: dict[str, Any] = {}
            cls: type = type(node)
            for field in nested(cls):
                value = getattr(node, field.name)
                if field.many:
                    items = tuple(relink(item) for item in value)
                    if any(new is not old for new, old in zip(items, value, strict=True)):
                        changes[field.name] = items
                elif value is not None and (one := relink(value)) is not value:
                    changes[field.name] = one
            if isinstance(node, Linked) and self.now_and_then("references"):
                changes["contributes_to"] = self.draw(references)
            return attrs.evolve(node, **changes) if changes else node

        relinked: Strategy = relink(strategy)
        return relinked

    def compact(self) -> Compact:
        name, description = self.optional_text(), self.optional_text()
        return Compact(
            name=name,
            description=description,
            commitments=self.elements(Commitment),
            themes=self.elements(Theme, lambda: {"commitments": self.elements(Commitment)}),
            translations=self.translations(Compact, {"name": name, "description": description}),
        )

    def period(self) -> Period:
        start, end = self.draw(_TIME_SPAN)
        return Period(start=start, end=end)

    def maybe(self, build: Callable[[], _T]) -> _T | None:
        return build() if self.draw(st.booleans()) else None

    def strategy(self) -> Strategy:
        title = self.optional_text()
        later: dict[str, Any] = {}
        if self.later:  # each part now and then, so that documents stay small
            parts: dict[str, Callable[[], Any]] = {
                "partners": lambda: tuple(self.organisation(Partner) for _ in range(self.count())),
                "language": lambda: self.draw(_LANGUAGE),
                "url": lambda: self.draw(_MAYBE_URL),
                "mandates": lambda: self.elements(
                    Mandate,
                    lambda: {"provision": self.optional_text(), "url": self.draw(_MAYBE_URL)},
                ),
                "aligns_to": self.alignments,
                "enablers": lambda: self.elements(Enabler, self.aim_fields),
                "measures": self.measures,
            }
            later = {key: build() for key, build in parts.items() if self.now_and_then(key)}
            later["translations"] = self.translations(Strategy, {"title": title})
        strategy = Strategy(
            organisation=self.organisation(),
            title=title,
            version=self.draw(_MAYBE_VERSION),
            status=self.draw(_MAYBE_STATUS),
            period=self.maybe(self.period),
            published=self.draw(_MAYBE_DATE),
            sources=tuple(self.source() for _ in range(self.count())),
            labels=self.draw(self.labels),
            mission=self.maybe(self.statement),
            vision=self.maybe(self.statement),
            purpose=self.maybe(self.statement),
            ambition=self.maybe(self.statement),
            goals=self.elements(Goal, self.aim_fields),
            priorities=self.elements(Priority, self.aim_fields),
            values=self.elements(Value, lambda: {"behaviours": self.elements(Behaviour)}),
            principles=self.elements(Principle),
            stakeholders=self.elements(Stakeholder, lambda: {"role": self.optional_text()}),
            compact=self.maybe(self.compact),
            extensions=self.extensions("strategy", _MAYBE_EXTENSIONS),
            **later,
        )
        return self.linked(strategy) if "references" in self.has else strategy


@st.composite
def _strategies(draw: st.DrawFn, max_elements: int, plugins: _Sections, version: str) -> Strategy:
    return _Builder(draw, max_elements, plugins, version).strategy()


def _plugin_sections(sections: Mapping[str, st.SearchStrategy[Any]] | None) -> _Sections:
    from orgstrategy.plugins import available

    sections = dict(sections or {})
    in_effect = {plugin.name: plugin for plugin in available()}
    for name in sections:
        if name not in in_effect:
            raise ValueError(f"sections: no plugin in effect is called {name!r}")
    claimed = tuple(
        (plugin, st.nothing()) for name, plugin in in_effect.items() if name not in sections
    )
    return (*((in_effect[name], section) for name, section in sections.items()), *claimed)


def strategies(
    *,
    max_elements: int = 4,
    sections: Mapping[str, st.SearchStrategy[Any]] | None = None,
    format_version: str = VERSIONS[-1],
) -> st.SearchStrategy[Strategy]:
    """Return a Hypothesis strategy for valid :class:`~orgstrategy.Strategy` objects.

    Extensions are drawn under namespaces that no plugin in effect claims, so
    they stay plain data whatever is installed; give *sections* to draw the
    sections of plugins too.

    >>> from hypothesis import strategies as st
    >>> from orgstrategy import plugins
    >>> code = plugins.Plugin(name="code", schema={"type": "string"}, applies_to="goal")
    >>> with plugins.registered(code):
    ...     with_codes = strategies(sections={"code": st.sampled_from(["A1", "B2"])})

    Args:
        max_elements: The most items in a list of the strategy itself (goals,
            sources, a statement's points, ...); lists inside elements (a goal's
            objectives, an objective's measures, a measure's results, ...) have
            at most half as many, rounded up, so that documents stay small.
        sections: For plugins in effect, by name, a strategy for their section's
            plain data (valid against the plugin's schema); each is drawn, or
            not, at every place the plugin applies to, and structured into the
            plugin's model if it has one.
        format_version: The format whose content is drawn: by default the
            latest; ``"1.0"`` for strategies that format 1.0 can hold.

    Returns:
        A strategy whose every example is a valid strategy: it passes the
        model's checks, and its document (:func:`orgstrategy.to_data`) passes
        the JSON Schema.

    Raises:
        ValueError: *max_elements* is negative, a section names no plugin in
            effect, or *format_version* is not a version of the format.
    """
    if max_elements < 0:
        raise ValueError(f"max_elements must not be negative, not {max_elements}")
    if format_version not in VERSIONS:
        raise ValueError(f"format_version must be one of {', '.join(VERSIONS)}")
    return _strategies(max_elements, _plugin_sections(sections), format_version)


def documents(
    *,
    max_elements: int = 4,
    sections: Mapping[str, st.SearchStrategy[Any]] | None = None,
    format_version: str = VERSIONS[-1],
) -> st.SearchStrategy[dict[str, Any]]:
    """Return a Hypothesis strategy for valid documents as plain data.

    Each example is :func:`orgstrategy.to_data` of an example of
    :func:`strategies`: a fresh mapping in canonical form that may be changed.

    Args:
        max_elements: The most items in any one list; see :func:`strategies`.
        sections: Strategies for plugins' sections; see :func:`strategies`.
        format_version: The format whose content is drawn; see :func:`strategies`.

    Returns:
        A strategy for documents (mappings whose ``orgstrategy`` is the lowest
        version that can hold each).
    """
    drawn = strategies(max_elements=max_elements, sections=sections, format_version=format_version)
    return drawn.map(to_data)
