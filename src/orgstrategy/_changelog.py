"""Diffs for people: plain-text lines and a Markdown changelog, in the strategy's terms.

An item is called what the organisation calls it: the singular of its section's
label (``labels: {goals: National Outcomes}`` gives "National outcome *Economy*
removed"), or its kind. Every change is one sentence, each field's old and new
value written the same way: ``from "old" to "new"`` in text; in Markdown the old
struck through and the new in bold, word by word where most words stay. The
same field changed from the same value to the same value on several elements is
one sentence that names them all (:func:`groups`).

Text from the documents (names, values, labels, keys) is data in both: the
Markdown changelog escapes it as the Markdown writer does (with
:func:`orgstrategy._markdown.inline`), so no name can add a heading, a tag or a
link; the plain text puts a name with line breaks on one line, so one change is
always one line.
"""

from __future__ import annotations

import collections
import datetime
import difflib
import re
import typing
from collections.abc import Callable, Sequence
from typing import Any, Final

import attrs

from orgstrategy._diff import Change, Diff
from orgstrategy._markdown import inline, leading
from orgstrategy._model import (
    Delivered,
    Element,
    Linked,
    Result,
    Strategy,
    model_classes,
    nested,
)
from orgstrategy._presentation import day, target
from orgstrategy._similar import ratio

__all__ = ["groups", "markdown", "singular", "stat", "text", "word_diff"]

# What one item of each list is called: its class's name (a statement's points are text).
_NOUNS: Final = {
    "points": "Point",
    **{
        field.name: field.item.__name__
        for cls in model_classes()
        for field in nested(cls)
        if field.many
    },
}
# The sections that hold one thing (not a list), by their key: "mission" -> "Mission".
_SECTION_TITLES: Final = {
    field.name: field.name.capitalize() for field in nested(Strategy) if not field.many
}
# The fields that hold a date (or a year), read from the classes.
_DATES: Final = frozenset(
    name
    for cls in model_classes()
    for name, hint in typing.get_type_hints(cls).items()
    if datetime.date in typing.get_args(hint) or hint is datetime.date
)
# The fields named otherwise in a sentence.
_FIELD_WORDS: Final = {"due": "due date", "published": "publication date"}
#: The least word similarity of two texts for Markdown to show the words that changed,
#: not the old text and the new in full.
INTERLEAVED: Final = 0.5
# The fields whose change reads as a sentence of its own (format 1.1).
_REFERENCES: Final = attrs.fields(Linked).contributes_to.name
_STATUS: Final = attrs.fields(Delivered).status.name
_TRANSLATIONS: Final = attrs.fields(Element).translations.name
# The line breaks of str.splitlines.
_LINE_BREAK: Final = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    r"""Return *text* on one line: with line breaks, its white space runs become one space.

    >>> _one_line("Care\n# for all"), _one_line("two  spaces")
    ('Care # for all', 'two  spaces')
    """
    return " ".join(text.split()) if _LINE_BREAK.search(text) else text


@attrs.frozen(kw_only=True)
class _Style:
    """How a changelog shows what comes from the documents.

    Attributes:
        text: Document text in a sentence.
        name: The name of an element (or a key) that a sentence is about.
        change: A value's change, from the old (shown) to the new.
        lead: Document text at the start of a sentence (in Markdown, of a list item).
    """

    text: Callable[[str], str]
    name: Callable[[str], str]
    change: Callable[[Any, Any], str]
    lead: Callable[[str], str]


def _plain_change(old: Any, new: Any) -> str:
    return f" from {_quoted(old, _one_line)} to {_quoted(new, _one_line)}"


def _quoted(value: Any, escape: Callable[[str], str]) -> str:
    """Return a value for a sentence: text in quotes, numbers and dates as written."""
    if isinstance(value, str):
        return f'"{escape(value)}"'
    return escape(_number(value))


def _markdown_change(old: Any, new: Any) -> str:
    if isinstance(old, str) and isinstance(new, str):
        if len(old.split()) > 3 and ratio(old, new) >= INTERLEAVED:
            return f": {_word_diff(old, new)}"
        return f" from ~~{inline(old)}~~ to **{inline(new)}**"
    return f" from ~~{inline(_number(old))}~~ to **{inline(_number(new))}**"


_PLAIN: Final = _Style(
    text=_one_line, name=lambda text: f"*{_one_line(text)}*", change=_plain_change, lead=_one_line
)
_MARKDOWN: Final = _Style(
    text=inline, name=lambda text: f"*{inline(text)}*", change=_markdown_change, lead=leading
)


def word_diff(old: str, new: str) -> str:
    """Return *new* in Markdown, with the words changed from *old* struck out and in bold.

    >>> word_diff("Everyone is proud of the difference we make",
    ...           "Everyone is proud of the care we give and the difference we make")
    'Everyone is proud of the **care we give and the** difference we make'
    """
    return _word_diff(old, new)


def _word_diff(old: str, new: str) -> str:
    before, after = old.split(), new.split()
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(inline(" ".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"~~{inline(' '.join(before[i1:i2]))}~~")
        if j2 > j1:
            parts.append(f"**{inline(' '.join(after[j1:j2]))}**")
    return " ".join(parts)


_PLURAL_ENDINGS: Final = (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("s", ""))


def singular(label: str) -> str:
    """Return what one item of a section labelled *label* is called, for a sentence.

    The plural noun is made singular: the word before "of" or "for" where there
    is one ("Areas of focus"), otherwise the last. Words written in capitals are
    kept; other capitals after the first word are made small.

    >>> singular("National Outcomes"), singular("Areas of focus"), singular("NHS priorities")
    ('National outcome', 'Area of focus', 'NHS priority')
    >>> singular("Our ambitions"), singular("Data")
    ('Our ambition', 'Data')
    """
    words = label.split()
    if not words:
        return label
    at = len(words) - 1
    for index, word in enumerate(words[1:], start=1):
        if word.lower() in ("of", "for"):
            at = index - 1
            break
    word = words[at]
    for plural, one in _PLURAL_ENDINGS:
        if word.lower().endswith(plural) and len(word) > len(plural) + 1 and not word.isupper():
            if plural != "s" or not word.lower().endswith(("ss", "us", "is")):
                words[at] = word[: len(word) - len(plural)] + one
            break
    words = [words[0]] + [w if w.isupper() or not w.istitle() else w.lower() for w in words[1:]]
    return " ".join(words)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _noun(step: str, old: Strategy, new: Strategy) -> str:
    """Return what one item of the list *step* is called: its label's singular, or its kind."""
    label = new.labels.get(step) or old.labels.get(step)
    return singular(label) if label else _NOUNS[step]


def _plural(step: str, count: int, old: Strategy, new: Strategy) -> str:
    label = new.labels.get(step) or old.labels.get(step)
    if count == 1:
        return _noun(step, old, new) if label else _NOUNS[step].lower()
    if label:
        return label if label.isupper() else label[0].lower() + label[1:]
    noun = _NOUNS[step].lower()
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


class _Where(typing.NamedTuple):
    """Where a change is, in words.

    Attributes:
        places: The named places along its path ("Goal *Access*"), styled.
        field: The field left over after them, if any.
        listed: The key of the last list along the path, if any.
        name: The name of the last item named, styled.
    """

    places: list[str]
    field: str | None
    listed: str | None
    name: str | None


def _describe_path(
    steps: Sequence[str | int], old: Strategy, new: Strategy, style: _Style, *, gone: bool = False
) -> _Where:
    """Return the named places along *steps*, the field left over, and the last list and item.

    Items are looked up in *new*, then in *old*; with *gone* (the path of an item
    removed), the last item in *old* first: its index is its place there.
    """
    places: list[str] = []
    named: str | None = None
    nodes: list[Any] = [old, new]
    index = 0
    field: str | None = None
    listed: str | None = None
    if len(steps) >= 2 and steps[0] in ("labels", "extensions"):
        noun = "Label of" if steps[0] == "labels" else "Extension"
        rest = "/".join(map(str, steps[2:]))
        return _Where([f"{noun} {style.name(str(steps[1]))}"], rest or None, None, None)
    while index < len(steps):
        step = str(steps[index])
        children = [getattr(node, step, None) if node is not None else None for node in nodes]
        if step in _NOUNS and index + 1 < len(steps):
            key = str(steps[index + 1])
            found = [_find(items, key) for items in children]
            first = 0 if gone and index + 2 == len(steps) else 1
            element = found[first] if found[first] is not None else found[1 - first]
            if step == "results":
                named = style.text(_name(element) or str(int(key) + 1))
                places.append(f"result {named}")
            else:
                named = style.name(_name(element) or key)
                noun = (style.lead if not places else style.text)(_capital(_noun(step, old, new)))
                places.append(f"{noun} {named}")
            listed = step
            nodes = found
            index += 2
            continue
        if step in _SECTION_TITLES and index == 0:
            places.append(_SECTION_TITLES[step])
            nodes = children
            index += 1
            continue
        field = "/".join(map(str, steps[index:]))
        break
    return _Where(places, field, listed, named)


def _name(item: Any) -> str | None:
    """Return the name (or a source's title) of *item*; ``None`` for a point, which has none.

    A result is named by its period (``2023/24``), or by the time it covers.
    """
    if isinstance(item, Result):
        span = " to ".join(day(point) for point in (item.start, item.end) if point is not None)
        return item.period or span or None
    for attribute in ("name", "title"):
        value = getattr(item, attribute, None)
        if isinstance(value, str) and value:  # a point is a str, whose title is a method
            return value
    return None


def _find(items: Any, key: str) -> Any:
    if not isinstance(items, tuple):
        return None
    for position, item in enumerate(items):
        if isinstance(item, Element) and item.id == key:
            return item
        if not isinstance(item, Element) and str(position) == key:
            return item
    return None


_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _number(value: Any) -> str:
    """Return a value as a reader writes it: whole numbers with thousands separated, dates in words.

    >>> _number(15765), _number(datetime.date(2024, 3, 31)), _number("95%")
    ('15,765', '31 March 2024', '95%')
    """
    if isinstance(value, datetime.date):
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    if isinstance(value, _Year):
        return str(int(value))
    if isinstance(value, bool) or not isinstance(value, int):
        return _show(value)
    return f"{value:,}"


def _show(value: Any) -> str:
    """Return a value in words: an object by its name, a period by its years.

    >>> _show({"start": 2019, "end": 2024}), _show({"start": "2024-04-01"}), _show({"a": 1})
    ('2019 to 2024', 'from 1 April 2024', 'a: 1')
    """
    if isinstance(value, dict):
        named = value.get("name") or value.get("text") or value.get("title")
        if named:
            return str(named)
        if value and value.keys() <= {"start", "end"}:
            span = " to ".join(
                _number(_as_date(value[key])) for key in ("start", "end") if key in value
            )
            return span if "end" in value else f"from {span}"
        return ", ".join(f"{key}: {_show(item)}" for key, item in value.items())
    return str(value)


def result_words(result: dict[str, Any]) -> str:
    """Return a result (plain data) as an officer writes it: ``2023/24: 15,765 (target 14,000)``.

    >>> result_words({"period": "2023/24", "actual": 15765, "target": 14000})
    '2023/24: 15,765 (target 14,000)'
    >>> result_words({"start": 2024, "target": "95%"})
    'from 2024: target 95%'
    """
    start, end = result.get("start"), result.get("end")
    span = " to ".join(_show(point) for point in (start, end) if point is not None)
    when = result.get("period") or (span if end is not None else f"from {span}" if span else "")
    actual, aimed = result.get("actual"), result.get("target")
    if actual is not None:
        what = _number(actual) + (f" (target {_number(aimed)})" if aimed is not None else "")
    elif aimed is not None:
        what = f"target {_number(aimed)}"
    else:
        what = _show(result.get("description") or "")
    return f"{when}: {what}" if when and what else when or what


def describe(change: Change, old: Strategy, new: Strategy) -> str:
    """Return one line of plain text for *change*."""
    return _sentence(change, old, new, _PLAIN)


def _value(value: Any, style: _Style) -> str:
    """Return a value put in or taken out: text quoted, an object by its name."""
    return _quoted(value, style.text)


def _listing(names: Sequence[str]) -> str:
    """Return names joined as a sentence lists them: ``A``, ``A and B``, ``A, B and C``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _children(element: dict[str, Any]) -> dict[str, list[str]]:
    """Return the names of an element's children (plain data), by the key of their list."""
    return {
        key: [child.get("name", "") for child in value]
        for key, value in element.items()
        if key in _NOUNS and isinstance(value, list) and value and isinstance(value[0], dict)
    }


def _held(key: str, names: Sequence[str], old: Strategy, new: Strategy, style: _Style) -> str:
    """Return children named in a sentence: ``objectives *A* and *B*``."""
    noun = _plural(key, len(names), old, new)
    return f"{style.text(noun)} {_listing([style.name(name) for name in names])}"


def _regrouped(change: Change, old: Strategy, new: Strategy, style: _Style) -> str:
    r"""Return the one sentence of a merge or a split, with the children that moved.

    >>> import orgstrategy
    >>> head = 'orgstrategy: "1.1"\norganisation: {name: X}\nlabels: {goals: Outcomes}\n'
    >>> a = orgstrategy.loads(head + "goals: [{name: Jobs, objectives: [A]},"
    ...                       " {name: Pay, objectives: [B]}]")
    >>> b = orgstrategy.loads(head + "goals: [{name: Jobs and pay, objectives: [A, B]}]")
    >>> print(text(orgstrategy.diff(a, b)), end="")
    Outcomes *Jobs* and *Pay* merged into *Jobs and pay*, with objectives *A* and *B*
    """
    steps = change.steps
    key = str(steps[-2])
    places = _describe_path(steps[:-2], old, new, style).places
    was = [part.old for part in change.parts if part.op == "removed"]
    now = [part.new for part in change.parts if part.op == "added"]
    lead = style.lead if not places else style.text
    before = [child for element in was for child in _children(element).items()]
    had: dict[str, set[str]] = {}
    for child_key, names in before:
        had.setdefault(child_key, set()).update(names)
    kept: dict[str, set[str]] = {}
    extra: list[str] = []

    def moved_into(element: dict[str, Any]) -> list[str]:
        """Return the element's children that were the old ones', noting those added."""
        moved = []
        for child_key, names in _children(element).items():
            stayed = [name for name in names if name in had.get(child_key, ())]
            kept.setdefault(child_key, set()).update(stayed)
            if stayed:
                moved.append(_held(child_key, stayed, old, new, style))
            fresh = [name for name in names if name not in had.get(child_key, ())]
            if fresh:
                extra.append(f"{_held(child_key, fresh, old, new, style)} added")
        return moved

    if change.op == "merged":
        noun = lead(_capital(_plural(key, len(was), old, new)))
        subject = f"{noun} {_listing([style.name(element['name']) for element in was])}"
        sentence = f"{subject} merged into {style.name(now[0]['name'])}"
        moved = moved_into(now[0])
        if moved:
            sentence += f", with {_listing(moved)}"
    else:
        noun = lead(_capital(_noun(key, old, new)))
        subject = f"{noun} {style.name(was[0]['name'])}"
        into = []
        for element in now:
            moved = moved_into(element)
            with_ = f" (with {_listing(moved)})" if moved else ""
            into.append(f"{style.name(element['name'])}{with_}")
        sentence = f"{subject} split into {_listing(into)}"
    for child_key, names in before:
        gone = [name for name in names if name not in kept.get(child_key, ())]
        if gone:
            extra.append(f"{_held(child_key, gone, old, new, style)} removed")
    if extra:
        sentence += "; " + "; ".join(extra)
    head = " > ".join(places)
    return f"{head}: {sentence[0].lower()}{sentence[1:]}" if head else sentence


def _sentence(change: Change, old: Strategy, new: Strategy, style: _Style) -> str:
    if change.op in ("merged", "split"):
        return _regrouped(change, old, new, style)
    steps = change.steps
    places, field, listed, _ = _describe_path(steps, old, new, style, gone=change.op == "removed")
    where = " > ".join(places)
    if field is None:  # the change is at a named element or section itself
        return _whole(change, places, listed, style, new)
    if field == "id":
        return f"{where}: id changed{_values(change.old, change.new, style)}"
    if field == "name" and change.op == "changed" and listed is not None and listed != "results":
        # named as it was: where names it as it is now when its id stayed
        escape = style.lead if len(places) == 1 else style.text
        noun = escape(_capital(_noun(listed, old, new)))
        was = " > ".join([*places[:-1], f"{noun} {style.name(str(change.old))}"])
        return f"{was} renamed to {style.name(str(change.new))}"
    served = _served(change, field, where, old, new, style)
    if served is not None:
        return served
    words = _field_words(field)
    subject = f"{where}: {style.text(words)}" if where else style.text(words[0].upper() + words[1:])
    if field == _STATUS and isinstance(change.old, str) and isinstance(change.new, str):
        was, now = (style.text(value.replace("-", " ")) for value in (change.old, change.new))
        return f"{subject} changed from {was} to {now}"
    dated = field.rpartition("/")[2] in _DATES
    was, now = (_as_date(value) if dated else value for value in (change.old, change.new))
    if change.op == "added":
        return f"{subject} added: {_value(now, style)}"
    if change.op == "removed":
        return f"{subject} removed (was {_value(was, style)})"
    return f"{subject} changed{_values(change.old, change.new, style, field)}"


def _after(change: Change, new: Strategy, style: _Style) -> str | None:
    """Return where a moved element is now, by its neighbour: ``to after *Health*``."""
    node: Any = new
    for step in change.steps[:-1]:
        node = _find(node, str(step)) if isinstance(node, tuple) else getattr(node, str(step), None)
    index = change.to_index
    if not isinstance(node, tuple) or index is None or index >= len(node):
        return None
    if index == 0:
        return "to the top"
    return f"to after {style.name(_name(node[index - 1]) or '')}"


def _whole(
    change: Change, places: list[str], listed: str | None, style: _Style, new: Strategy
) -> str:
    """Return the sentence for a change at an element, a result or a section as a whole."""
    where = " > ".join(places)
    if listed == "results" and isinstance(change.new if change.op == "added" else change.old, dict):
        shown = change.new if change.op == "added" else change.old
        head = " > ".join(places[:-1])  # the measure's: the result is said in words
        lead = f"{head}: " if head else ""
        verb = "added" if change.op == "added" else "removed"
        return f"{lead}result {verb}, {style.text(result_words(shown))}"
    if change.op == "added":
        if change.to_index is not None:
            return f"{where} added"
        return f"{where} added: {_value(change.new, style)}"
    if change.op == "removed":
        if change.from_index is not None:
            return f"{where} removed"
        return f"{where} removed (was {_value(change.old, style)})"
    if change.op == "moved":
        moved_from, moved_to = (change.from_index or 0) + 1, (change.to_index or 0) + 1
        if moved_from != moved_to:
            return f"{where} moved from position {moved_from} to {moved_to}"
        return (
            f"{where} moved {after}" if (after := _after(change, new, style)) else f"{where} moved"
        )
    return f"{where} changed{_values(change.old, change.new, style)}"


def _values(old: Any, new: Any, style: _Style, field: str = "") -> str:
    """Return a change of value in the style's one notation, after "changed" (dates in words)."""
    if field.rpartition("/")[2] in _DATES:
        old, new = _as_date(old), _as_date(new)
    return style.change(old, new)


class _Year(int):
    """A year, written without a thousands separator."""


def _as_date(value: Any) -> Any:
    """Return an ISO date written as text as a date, and a year as a year; else as it is."""
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, int) and not isinstance(value, bool):
        return _Year(value)
    return value


def _field_words(field: str) -> str:
    """Return a field's path as words: ``translations/cy/name`` is ``name (cy)``."""
    parts = field.split("/")
    if parts[0] == _TRANSLATIONS and len(parts) >= 2:
        rest = "/".join(parts[2:])
        return f"{rest} ({parts[1]})" if rest else f"translation ({parts[1]})"
    return _FIELD_WORDS.get(field, field)


def _target(reference: str, strategy: Strategy, style: _Style) -> str:
    """Return what *reference* names in *strategy*, in words: an element, or another plan."""
    named = target(strategy, reference)
    if named.document is not None:
        plan = named.plan or named.document
        local = named.local
        return style.name(plan) if not local else f"{style.text(local)} in {style.name(plan)}"
    if named.element is None:
        return style.text(reference)
    return f"{type(named.element).__name__.lower()} {style.name(named.element.name)}"


def _served(
    change: Change, field: str, where: str, old: Strategy, new: Strategy, style: _Style
) -> str | None:
    """Return a change to what an element contributes to as a sentence, if it is one."""
    parts = field.split("/")
    if parts[0] != _REFERENCES or len(parts) != 2 or not where:
        return None
    if change.op == "added" and isinstance(change.new, str):
        return f"{where} now contributes to {_target(change.new, new, style)}"
    if change.op == "removed" and isinstance(change.old, str):
        return f"{where} no longer contributes to {_target(change.old, old, style)}"
    if isinstance(change.old, str) and isinstance(change.new, str):
        return (
            f"{where} contributes to {_target(change.new, new, style)}"
            f" instead of {_target(change.old, old, style)}"
        )
    return None


# Grouping ---------------------------------------------------------------------------------

#: The most names a grouped sentence lists, and the most characters of names it
#: lists beyond the first; the rest are counted ("and 6 more").
SHOWN_NAMES: Final = 10
SHOWN_LENGTH: Final = 200


def _group_key(change: Change) -> tuple[Any, ...] | None:
    """Return what changes of a group share, or ``None`` for a change that is not grouped.

    A change to a field of an element (not its name or id, and not an item of
    a list) is grouped with the changes to the same field, of the same op, from
    the same value to the same value.
    """
    steps = change.steps
    if len(steps) < 3 or change.op not in ("changed", "added", "removed"):
        return None
    element_at = len(steps) - 2
    field = steps[-1]
    if not isinstance(field, str) or field in ("name", "id") or isinstance(steps[element_at], int):
        return None
    if str(steps[element_at - 1]) not in _NOUNS or str(steps[element_at - 1]) == "results":
        return None
    if change.to_index is not None or change.from_index is not None:
        return None
    # repr tells 1 from 1.0 and True, as equality does not; plain data is hashable so
    return (change.op, steps[element_at - 1], field, repr((change.old, change.new)))


def groups(changes: Sequence[Change]) -> list[int | None]:
    """Return each change's group: changes with the same number are one sentence.

    The same field changed from the same value to the same value on several
    elements of one kind is a group, numbered by the position of its first
    change; a change alone is ``None``.
    """
    keys = [_group_key(change) for change in changes]
    count = collections.Counter(key for key in keys if key is not None)
    first: dict[tuple[Any, ...], int] = {}
    for index, key in enumerate(keys):
        if key is not None:
            first.setdefault(key, index)
    return [first[key] if key is not None and count[key] > 1 else None for key in keys]


def _grouped(members: list[Change], old: Strategy, new: Strategy, style: _Style) -> str:
    """Return the one sentence for a group of changes."""
    change = members[0]
    listed, field = str(change.steps[-3]), str(change.steps[-1])
    names = [_describe_path(member.steps[:-1], old, new, style).name or "" for member in members]
    count, length = 1, len(names[0])
    while count < min(len(names), SHOWN_NAMES) and length + len(names[count]) <= SHOWN_LENGTH:
        length += len(names[count])
        count += 1
    shown = ", ".join(names[:count])
    if len(names) > count:
        shown += f" and {len(names) - count} more"
    kinds = _plural(listed, len(members), old, new)
    words = _field_words(field)
    subject = style.text(words[0].upper() + words[1:])
    if change.op == "added":
        what = f"{subject} added: {_value(change.new, style)}"
    elif change.op == "removed":
        what = f"{subject} removed (was {_value(change.old, style)})"
    else:
        what = f"{subject} changed{_values(change.old, change.new, style, field)}"
    return f"{what} on {len(members)} {style.text(kinds)}: {shown}"


def _sentences(found: Diff, style: _Style) -> list[tuple[Change, str]]:
    """Return the sentences of *found*, each with its (first) change, groups as one."""
    numbers = groups(found.changes)
    members: dict[int, list[Change]] = {}
    for change, number in zip(found.changes, numbers, strict=True):
        if number is not None:
            members.setdefault(number, []).append(change)
    sentences = []
    for index, (change, number) in enumerate(zip(found.changes, numbers, strict=True)):
        if number is None:
            sentences.append((change, _sentence(change, found.old, found.new, style)))
        elif number == index:
            sentences.append((change, _grouped(members[number], found.old, found.new, style)))
    return sentences


def text(found: Diff) -> str:
    """Return the diff as plain-text lines: one a change, or a group of the same change."""
    return "".join(f"{line}\n" for _, line in _sentences(found, _PLAIN))


def markdown(found: Diff) -> str:
    """Return the diff as a Markdown changelog, by section under the organisation's headings."""
    old, new = found.old, found.new
    title = new.title or old.title or "strategy"
    lines = [f"# Changes to {inline(title)} ({inline(new.organisation.name)})", ""]
    if not found:
        return "\n".join([*lines, "No changes.", ""])
    sections: dict[str, list[str]] = {}
    for change, sentence in _sentences(found, _MARKDOWN):
        sections.setdefault(str(change.steps[0]), []).append(sentence)
    for section, sentences in sections.items():
        heading = new.labels.get(section) or old.labels.get(section) or section.replace("_", " ")
        lines += [f"## {inline(heading[0].upper() + heading[1:])}", ""]
        lines += [f"- {sentence}" for sentence in sentences]
        lines.append("")
    return "\n".join(lines)


#: The kinds of change ``--stat`` counts, in its order.
STAT_OPS: Final = ("added", "removed", "changed", "moved", "merged", "split")


def stat(found: Diff) -> str:
    """Return one line a section with how many changes of each kind it has (``--stat``).

    Each change counts by its op in the section it is in: a description given
    to a goal is one ``added`` under ``goals``.
    """
    counts: dict[str, dict[str, int]] = {}
    for change in found.changes:
        section = str(change.steps[0])
        counts.setdefault(section, dict.fromkeys(STAT_OPS, 0))[change.op] += 1
    if not counts:
        return "no changes\n"
    width = max(len(section) for section in counts)
    lines = []
    for section, by_op in counts.items():
        shown = ", ".join(f"{n} {op}" for op, n in by_op.items() if n)
        lines.append(f" {section.ljust(width)} | {shown}")
    total = len(found.changes)
    lines.append(
        f" {total} change{'s' if total != 1 else ''} in {len(counts)} section"
        + ("s" if len(counts) != 1 else "")
    )
    return "\n".join(lines) + "\n"
