"""Diffs for people: plain-text lines and a Markdown changelog, in the strategy's terms.

Text from the documents (names, values, labels, keys) is data in both: the
Markdown changelog escapes it as the Markdown writer does (with
:func:`orgstrategy._markdown.inline`), so no name can add a heading, a tag or a
link; the plain text puts a name with line breaks on one line, so one change is
always one line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any, Final

import attrs

from orgstrategy._diff import Change, Diff, split_path
from orgstrategy._markdown import inline
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

__all__ = ["markdown", "text", "word_diff"]

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
        deleted: Words taken out.
        inserted: Words put in.
    """

    text: Callable[[str], str]
    name: Callable[[str], str]
    deleted: Callable[[str], str]
    inserted: Callable[[str], str]


_PLAIN: Final = _Style(
    text=_one_line,
    name=lambda text: f"*{_one_line(text)}*",
    deleted=lambda text: f"[-{text}-]",
    inserted=lambda text: f"[+{text}+]",
)
_MARKDOWN: Final = _Style(
    text=inline,
    name=lambda text: f"*{inline(text)}*",
    deleted=lambda text: f"~~{inline(text)}~~",
    inserted=lambda text: f"**{inline(text)}**",
)


def word_diff(old: str, new: str) -> str:
    """Return *new* with the words changed from *old* marked ``[-old-]`` and ``[+new+]``.

    >>> word_diff("Everyone is proud of the difference we make",
    ...           "Everyone is proud of the care we give and the difference we make")
    'Everyone is proud of the [+care we give and the+] difference we make'
    """
    return _word_diff(old, new, _PLAIN)


def _word_diff(old: str, new: str, style: _Style) -> str:
    before, after = old.split(), new.split()
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(style.text(" ".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(style.deleted(" ".join(before[i1:i2])))
        if j2 > j1:
            parts.append(style.inserted(" ".join(after[j1:j2])))
    return " ".join(parts)


def _describe_path(
    steps: list[str], old: Strategy, new: Strategy, style: _Style
) -> tuple[list[str], str | None]:
    """Return the named places along *steps* ("Goal *Access*") and the field left over."""
    places: list[str] = []
    nodes: list[Any] = [old, new]
    index = 0
    field: str | None = None
    if len(steps) >= 2 and steps[0] in ("labels", "extensions"):
        noun = "Label of" if steps[0] == "labels" else "Extension"
        return [f"{noun} {style.name(steps[1])}"], "/".join(steps[2:]) or None
    while index < len(steps):
        step = steps[index]
        children = [getattr(node, step, None) if node is not None else None for node in nodes]
        if step in _NOUNS and index + 1 < len(steps):
            key = steps[index + 1]
            found = [_find(items, key) for items in children]
            element = found[1] if found[1] is not None else found[0]
            name = _name(element) or key
            places.append(f"{_NOUNS[step]} {style.name(name)}")
            nodes = found
            index += 2
            continue
        if step in _SECTION_TITLES and index == 0:
            places.append(_SECTION_TITLES[step])
            nodes = children
            index += 1
            continue
        field = "/".join(steps[index:])
        break
    return places, field


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


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("text") or value.get("title") or value)
    return str(value)


def describe(change: Change, old: Strategy, new: Strategy) -> str | None:
    """Return one line of plain text for *change*, or ``None`` for one that speaks through another.

    An id that changed with its element's name (ids derived from names) says
    nothing the name change does not.
    """
    return _sentence(change, old, new, _PLAIN)


def _sentence(change: Change, old: Strategy, new: Strategy, style: _Style) -> str | None:
    steps = split_path(change.path)
    places, field = _describe_path(steps, old, new, style)
    where = " > ".join(places)
    if field == "id":
        return None
    if field is None:  # the change is at a named element or section itself
        if change.op == "added":
            if change.to_index is not None:
                return f"{where} added at position {change.to_index + 1}"
            return f"{where} added: {style.text(_show(change.new))}"
        if change.op == "removed":
            return f"{where} removed" + (
                "" if change.from_index is not None else f" (was: {style.text(_show(change.old))})"
            )
        if change.op == "moved":
            moved_from, moved_to = (change.from_index or 0) + 1, (change.to_index or 0) + 1
            return f"{where} moved from position {moved_from} to {moved_to}"
        return f"{where} changed: {_changed(change, style)}"
    served = _served(change, field, where, old, new, style)
    if served is not None:
        return served
    words = _field_words(field)
    subject = f"{where}: {style.text(words)}" if where else style.text(words[0].upper() + words[1:])
    if field == _STATUS and isinstance(change.old, str) and isinstance(change.new, str):
        was, now = (style.text(value.replace("-", " ")) for value in (change.old, change.new))
        return f"{subject} changed from {was} to {now}"
    if change.op == "added":
        return f"{subject} added: {style.text(_show(change.new))}"
    if change.op == "removed":
        return f"{subject} removed (was: {style.text(_show(change.old))})"
    return f"{subject} changed: {_changed(change, style)}"


def _field_words(field: str) -> str:
    """Return a field's path as words: ``translations/cy/name`` is ``name (cy)``."""
    parts = field.split("/")
    if parts[0] == _TRANSLATIONS and len(parts) >= 2:
        rest = "/".join(parts[2:])
        return f"{rest} ({parts[1]})" if rest else f"translation ({parts[1]})"
    return field


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


def _changed(change: Change, style: _Style) -> str:
    if isinstance(change.old, str) and isinstance(change.new, str):
        return _word_diff(change.old, change.new, style)
    return f"{style.text(_show(change.old))} → {style.text(_show(change.new))}"


def text(found: Diff) -> str:
    """Return the diff as plain-text lines, one change a line."""
    lines = [describe(change, found.old, found.new) for change in found.changes]
    return "".join(f"{line}\n" for line in lines if line is not None)


def markdown(found: Diff) -> str:
    """Return the diff as a Markdown changelog, by section under the organisation's headings."""
    old, new = found.old, found.new
    title = new.title or old.title or "strategy"
    lines = [f"# Changes to {inline(title)} ({inline(new.organisation.name)})", ""]
    if not found:
        return "\n".join([*lines, "No changes.", ""])
    sections: dict[str, list[str]] = {}
    for change in found.changes:
        sentence = _sentence(change, old, new, _MARKDOWN)
        if sentence is None:
            continue
        section = split_path(change.path)[0]
        sections.setdefault(section, []).append(sentence)
    for section, sentences in sections.items():
        heading = new.labels.get(section) or old.labels.get(section) or section.replace("_", " ")
        lines += [f"## {inline(heading[0].upper() + heading[1:])}", ""]
        lines += [f"- {sentence}" for sentence in sentences]
        lines.append("")
    return "\n".join(lines)
