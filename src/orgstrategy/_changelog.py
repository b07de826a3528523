"""Diffs for people: plain-text lines and a Markdown changelog, in the strategy's terms."""

from __future__ import annotations

import difflib
import re
from typing import Any, Final

from orgstrategy._diff import Change, Diff, split_path
from orgstrategy._model import Element, Strategy

__all__ = ["markdown", "text", "word_diff"]

_NOUNS: Final = {
    "goals": "Goal",
    "priorities": "Priority",
    "values": "Value",
    "principles": "Principle",
    "stakeholders": "Stakeholder",
    "outcomes": "Outcome",
    "objectives": "Objective",
    "measures": "Measure",
    "behaviours": "Behaviour",
    "meanings": "Meaning",
    "themes": "Theme",
    "commitments": "Commitment",
    "sources": "Source",
    "points": "Point",
    "results": "Result",
}
_SECTION_TITLES: Final = {
    "organisation": "Organisation",
    "mission": "Mission",
    "vision": "Vision",
    "purpose": "Purpose",
    "ambition": "Ambition",
    "compact": "Compact",
    "period": "Period",
}
_TOKENS: Final = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> str:
    """Return *new* with the words changed from *old* marked ``[-old-]`` and ``[+new+]``.

    >>> word_diff("Everyone is proud of the difference we make",
    ...           "Everyone is proud of the care we give and the difference we make")
    'Everyone is proud of the [+care we give and the+] difference we make'
    """
    before, after = old.split(), new.split()
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(" ".join(before[i1:i2]))
            continue
        if i2 > i1:
            parts.append(f"[-{' '.join(before[i1:i2])}-]")
        if j2 > j1:
            parts.append(f"[+{' '.join(after[j1:j2])}+]")
    return " ".join(parts)


def _describe_path(steps: list[str], old: Strategy, new: Strategy) -> tuple[list[str], str | None]:
    """Return the named places along *steps* ("Goal *Access*") and the field left over."""
    places: list[str] = []
    nodes: list[Any] = [old, new]
    index = 0
    field: str | None = None
    if len(steps) >= 2 and steps[0] in ("labels", "extensions"):
        noun = "Label of" if steps[0] == "labels" else "Extension"
        return [f"{noun} *{steps[1]}*"], "/".join(steps[2:]) or None
    while index < len(steps):
        step = steps[index]
        children = [getattr(node, step, None) if node is not None else None for node in nodes]
        if step in _NOUNS and index + 1 < len(steps):
            key = steps[index + 1]
            found = [_find(items, key) for items in children]
            element = found[1] if found[1] is not None else found[0]
            name = getattr(element, "name", None) or getattr(element, "title", None) or key
            places.append(f"{_NOUNS[step]} *{name}*")
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
    """Return one sentence for *change*, or ``None`` for one that speaks through another.

    An id that changed with its element's name (ids derived from names) says
    nothing the name change does not.
    """
    steps = split_path(change.path)
    places, field = _describe_path(steps, old, new)
    where = " > ".join(places)
    if field == "id":
        return None
    if field is None:  # the change is at a named element or section itself
        if change.op == "added":
            if change.to_index is not None:
                return f"{where} added at position {change.to_index + 1}"
            return f"{where} added: {_show(change.new)}"
        if change.op == "removed":
            return f"{where} removed" + (
                "" if change.from_index is not None else f" (was: {_show(change.old)})"
            )
        if change.op == "moved":
            moved_from, moved_to = (change.from_index or 0) + 1, (change.to_index or 0) + 1
            return f"{where} moved from position {moved_from} to {moved_to}"
        return f"{where} changed: {_changed(change)}"
    subject = f"{where}: {field}" if where else field[0].upper() + field[1:]
    if change.op == "added":
        return f"{subject} added: {_show(change.new)}"
    if change.op == "removed":
        return f"{subject} removed (was: {_show(change.old)})"
    return f"{subject} changed: {_changed(change)}"


def _changed(change: Change) -> str:
    if isinstance(change.old, str) and isinstance(change.new, str):
        return word_diff(change.old, change.new)
    return f"{_show(change.old)} → {_show(change.new)}"


def text(found: Diff) -> str:
    """Return the diff as plain-text lines, one change a line."""
    lines = [describe(change, found.old, found.new) for change in found.changes]
    return "".join(f"{line}\n" for line in lines if line is not None)


def markdown(found: Diff) -> str:
    """Return the diff as a Markdown changelog, by section under the organisation's headings."""
    old, new = found.old, found.new
    title = new.title or old.title or "strategy"
    lines = [f"# Changes to {title} ({new.organisation.name})", ""]
    if not found:
        return "\n".join([*lines, "No changes.", ""])
    sections: dict[str, list[str]] = {}
    for change in found.changes:
        sentence = describe(change, old, new)
        if sentence is None:
            continue
        section = split_path(change.path)[0]
        sections.setdefault(section, []).append(sentence)
    for section, sentences in sections.items():
        heading = new.labels.get(section) or old.labels.get(section) or section.replace("_", " ")
        lines += [f"## {heading[0].upper()}{heading[1:]}", ""]
        lines += [f"- {_markdown_words(sentence)}" for sentence in sentences]
        lines.append("")
    return "\n".join(lines)


def _markdown_words(sentence: str) -> str:
    sentence = re.sub(r"\[-(.+?)-\]", r"~~\1~~", sentence)
    return re.sub(r"\[\+(.+?)\+\]", r"**\1**", sentence)
