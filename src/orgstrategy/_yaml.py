"""YAML text to plain data and back, safely, keeping text as it was written.

Reading is driven by libyaml's event parser (PyYAML's C ``CParser`` where it is
built, the pure-Python parser otherwise): it nests nothing on the C stack, so depth
is bounded before anything deep is built, and it is faster than composing nodes.

Plain (unquoted) scalars are read by a deliberately small, faithful rule set, not
YAML 1.1's: ``null``, ``~`` and an empty value are null; ``true`` and ``false``
are booleans; a number is a number only when writing it back gives the same text
(``95``, ``-3``, ``2.5``); everything else is text exactly as written, so
``version: 2.10``, ``short_name: NO`` and ``vision: Yes`` stay ``"2.10"``,
``"NO"`` and ``"Yes"``. Dates stay text; the model reads them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Final

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from orgstrategy._errors import Problem
from orgstrategy._limits import Limits, exceeded
from orgstrategy._positions import Path, Positions

__all__ = ["dump", "locate", "read", "read_located"]

try:
    from yaml import CBaseLoader as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import BaseLoader as _Parser  # type: ignore[assignment]

_STR: Final = "tag:yaml.org,2002:str"
_ALLOWED_TAGS: Final = frozenset({_STR, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
# Python reads no longer integer from text (sys.get_int_max_str_digits()).
_MAX_DIGITS: Final = 4_000
# The plain scalars besides numbers that are not text (the empty one is null too).
_WORDS: Final = {"~": None, "null": None, "true": True, "false": False}
_LONGEST_WORD: Final = max(map(len, _WORDS))
_NUMBER_START: Final = frozenset("-0123456789")
# What a plain scalar that is not text can start with: any other start is text.
_NOT_TEXT_START: Final = _NUMBER_START | {word[0] for word in _WORDS}
_LINE_BREAKS: Final = frozenset("\x85\u2028\u2029")
# libyaml's words when a document is nested past its own bound.
_NESTING_DEPTH: Final = "maximum nesting depth"


def resolve_plain(text: str) -> Any:
    """Return the value of a plain (unquoted) scalar.

    >>> [resolve_plain(t) for t in ["95", "2.5", "2.10", "NO", "true", "~", "1e3"]]
    [95, 2.5, '2.10', 'NO', True, None, '1e3']
    """
    if not text:
        return None
    if text[0] not in _NUMBER_START:
        return _WORDS.get(text, text) if len(text) <= _LONGEST_WORD else text
    digits = text[1:] if text[0] == "-" else text
    if digits.isascii() and digits.isdigit() and (digits[0] != "0" or digits == "0"):
        return int(text) if len(text) <= _MAX_DIGITS else text
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) and float_text(number) == text else text


def float_text(number: float) -> str:
    """Return how a float is written: Python's shortest form, with a point before ``e``.

    This is the form PyYAML writes (``1.0e+16``), which YAML 1.1 tools read as a
    number too.

    >>> float_text(1e16), float_text(2.5), float_text(1.5e-7)
    ('1.0e+16', '2.5', '1.5e-07')
    """
    text = repr(number)
    return text.replace("e", ".0e", 1) if "e" in text and "." not in text else text


class _Abort(Exception):
    """Stop reading: the document is over a bound, or broken past repair."""


class _OverBound(_Abort):
    """Stop reading: the document is over a bound, here."""

    def __init__(self, message: str, code: str, path: Path, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path
        self.mark = mark

    def problem(self, file: str) -> Problem:
        """Return the problem, located in *file*."""
        return Problem(
            message=self.message,
            code=self.code,
            file=file,
            line=self.mark.line + 1,
            column=self.mark.column + 1,
            steps=self.path,
        )


def _too_many_values(limits: Limits, aliased: bool) -> str:
    what = "values (counting every use of an alias as a copy of what it names)"
    return exceeded("max_nodes", limits.max_nodes, what if aliased else "values")


def _too_deep(limits: Limits) -> str:
    return f"the document is nested more than {limits.max_depth} levels deep"


# What a mapping frame's pending key may be besides a key: nothing pending, a
# container being read in key position, or a bad key whose value is dropped.
_NO_KEY: Final = None
_KEY_IS_CONTAINER: Final = object()
_DROP_VALUE: Final = object()
# The events that are a value (or a key): the rest open or close streams and documents.
_NODE_EVENTS: Final = frozenset({ScalarEvent, AliasEvent, MappingStartEvent, SequenceStartEvent})
# What an alias to no anchor reads as: nothing, so it is reported only once.
_UNDEFINED: Final = object()


class _Frame:
    """A mapping or list being read."""

    __slots__ = ("anchor", "container", "key", "nodes_before", "path")

    def __init__(self, container: Any, path: Path, anchor: str | None, nodes_before: int) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.nodes_before = nodes_before
        self.key: Any = _NO_KEY


class _Reader:
    """Builds plain data from parser events, with positions and problems."""

    def __init__(self, text: str, file: str, limits: Limits) -> None:
        self.text = text
        self.file = file
        self.limits = limits
        self.positions = Positions()
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.aliased = False
        self.stack: list[_Frame] = []
        self.root: Any = None

    def problem(self, message: str, code: str, path: Path, mark: Any) -> None:
        """Record a problem at a parser mark."""
        self.problems.append(
            Problem(
                message=message,
                code=code,
                file=self.file,
                line=mark.line + 1,
                column=mark.column + 1,
                steps=path,
            )
        )

    def read(self) -> Any:
        """Return the document's data (``None`` when it has none)."""
        parser = _Parser(self.text)
        try:
            self._read(parser.get_event)
        finally:
            parser.dispose()
        return self.root

    def _read(self, get: Any) -> None:
        documents = 0
        while True:
            event = get()
            kind = event.__class__
            if kind is ScalarEvent:
                self._count(1, event)
                if event.tag is None:
                    value = event.value if event.style else resolve_plain(event.value)
                else:
                    self._check_tag(event)
                    value = event.value
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                self._add(value, event, scalar=True)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self._open({} if kind is MappingStartEvent else [], event)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = self.stack.pop()
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.container, self.nodes - frame.nodes_before)
                self._add(frame.container, event, scalar=False)
            elif kind is AliasEvent:
                value, size = self.anchors.get(event.anchor, (_UNDEFINED, 1))
                if value is _UNDEFINED:
                    self.problem(
                        f"the alias *{event.anchor} names no anchor defined before it",
                        "undefined-alias",
                        self._child_path(),
                        event.start_mark,
                    )
                self.aliased = True
                self._count(size, event)
                self._add(value, event, scalar=True)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.problem(
                        "a file holds one strategy, but this one has a second YAML document",
                        "multiple-documents",
                        (),
                        event.start_mark,
                    )
                    raise _Abort
            elif kind is StreamEndEvent:
                if documents == 0:
                    self.problem("the file is empty", "empty-document", (), event.start_mark)
                return

    def _count(self, size: int, event: Any) -> None:
        self.nodes += size
        if self.nodes > self.limits.max_nodes:
            self.problem(
                _too_many_values(self.limits, self.aliased),
                "too-large",
                self._child_path(),
                event.start_mark,
            )
            raise _Abort

    def _check_tag(self, event: Any) -> None:
        if event.tag not in _ALLOWED_TAGS:
            self.problem(
                f"the YAML tag {event.tag!r} is not allowed: strategy documents are plain data",
                "yaml-tag",
                self._child_path(),
                event.start_mark,
            )

    def _open(self, container: Any, event: Any) -> None:
        if event.tag is not None:
            self._check_tag(event)
        path = self._child_path()
        if len(self.stack) >= self.limits.max_depth:
            self.problem(
                _too_deep(self.limits),
                "too-deep",
                path,
                event.start_mark,
            )
            raise _Abort
        self._count(1, event)
        if self.stack:
            parent = self.stack[-1]
            if type(parent.container) is dict and parent.key is _NO_KEY:
                self.problem(
                    "a mapping key must be text, not a mapping or a list",
                    "bad-key",
                    parent.path,
                    event.start_mark,
                )
                parent.key = _KEY_IS_CONTAINER
            else:
                self._record(path, event)
        else:
            self._record(path, event)
        self.stack.append(_Frame(container, path, event.anchor, self.nodes - 1))

    def _add(self, value: Any, event: Any, *, scalar: bool) -> None:
        if not self.stack:
            self.root = value
            if scalar:
                self._record((), event)
            return
        frame = self.stack[-1]
        container = frame.container
        if value is _UNDEFINED:  # already reported: leave it out rather than report it again
            if type(container) is dict:
                frame.key = _NO_KEY if isinstance(frame.key, str) else _DROP_VALUE
            return
        if type(container) is list:
            if scalar:
                self._record((*frame.path, len(container)), event)
            container.append(value)
            return
        key = frame.key
        if key is _KEY_IS_CONTAINER:
            frame.key = _DROP_VALUE
        elif key is _DROP_VALUE:
            frame.key = _NO_KEY
        elif key is _NO_KEY:
            self._add_key(frame, value, event)
        else:
            if scalar:
                self._record((*frame.path, key), event)
            container[key] = value
            frame.key = _NO_KEY

    def _add_key(self, frame: _Frame, value: Any, event: Any) -> None:
        if not isinstance(value, str):
            if event.__class__ is ScalarEvent:
                value = event.value  # keys are text as written: `2025:` is "2025"
            else:
                self.problem(
                    "a mapping key must be text, not a mapping or a list",
                    "bad-key",
                    frame.path,
                    event.start_mark,
                )
                frame.key = _DROP_VALUE
                return
        if value in frame.container:
            self.problem(
                f"the key {value!r} appears more than once in this mapping",
                "duplicate-key",
                (*frame.path, value),
                event.start_mark,
            )
        frame.key = value
        mark = event.start_mark
        path: Path = (*frame.path, value)
        self.positions.keys[path] = (mark.line + 1, mark.column + 1)

    def _record(self, path: Path, event: Any) -> None:
        mark = event.start_mark
        self.positions.values[path] = (mark.line + 1, mark.column + 1)

    def _child_path(self) -> Path:
        """Return the path of the next value to be read."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if type(frame.container) is list:
            return (*frame.path, len(frame.container))
        return (*frame.path, frame.key) if isinstance(frame.key, str) else frame.path


def read(text: str, limits: Limits, file: str = "<string>") -> tuple[bool, Any]:
    """Read *text* fast, without positions.

    Returns:
        ``(True, data)`` when the text is well-formed YAML within the limits;
        ``(False, problem)`` when it is over a limit, the problem located where
        it crossed the limit; ``(False, None)`` otherwise: :func:`read_located`
        then says why.
    """
    try:
        parser = _Parser(text)
        try:
            return True, _read_fast(parser.get_event, limits)
        finally:
            parser.dispose()
    except _OverBound as over:
        return False, over.problem(file)
    except (_Abort, yaml.YAMLError, UnicodeError):
        return False, None


def _path(stack: list[tuple[Any, str | None, str | None, int]], container: Any, key: Any) -> Path:
    """Return the path of the next value :func:`_read_fast` reads, from its stack."""
    steps: list[str | int] = []
    for outer, pending, _, _ in [*stack[1:], (container, key, None, 0)]:
        if type(outer) is list:
            steps.append(len(outer))
        elif pending is not None:
            steps.append(pending)
    return tuple(steps)


def _read_fast(get: Callable[[], Any], limits: Limits) -> Any:
    """Return the data of the document whose events *get* gives, or raise :class:`_Abort`.

    The rules are :class:`_Reader`'s, stopping at the first problem: one tight
    loop with no positions, the mapping or list being read held in local
    variables and the ones around it on a stack of tuples. A bound crossed
    raises :class:`_OverBound`, located.
    """
    max_nodes = limits.max_nodes
    max_depth = limits.max_depth
    allowed = _ALLOWED_TAGS
    not_text_start = _NOT_TEXT_START
    resolve = resolve_plain
    scalar_event, alias_event = ScalarEvent, AliasEvent
    mapping_start, sequence_start = MappingStartEvent, SequenceStartEvent
    mapping_end, sequence_end = MappingEndEvent, SequenceEndEvent
    anchors: dict[str, tuple[Any, int]] = {}
    # Each enclosing mapping or list: (container, pending key, anchor, nodes before it).
    stack: list[tuple[Any, str | None, str | None, int]] = []
    container: Any = None  # the mapping or list being read (None: the top level)
    is_mapping = False
    key: str | None = None  # in a mapping, the key read and waiting for its value
    anchor: str | None = None
    before = 0
    nodes = 0
    documents = 0
    aliased = False
    root: Any = None
    while True:
        event = get()
        kind = event.__class__
        if kind is scalar_event:
            nodes += 1
            if nodes > max_nodes:
                raise _OverBound(
                    _too_many_values(limits, aliased),
                    "too-large",
                    _path(stack, container, key),
                    event.start_mark,
                )
            value = event.value
            tag = event.tag
            if tag is not None and tag not in allowed:
                raise _Abort
            if is_mapping and key is None:  # keys are text as written: `2025:` is "2025"
                if event.anchor is not None:
                    plain = tag is None and not event.style
                    anchors[event.anchor] = (resolve(value) if plain else value, 1)
                if value in container:
                    raise _Abort
                key = value
                continue
            if tag is None and not event.style and (not value or value[0] in not_text_start):
                value = resolve(value)
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
        elif kind is mapping_start or kind is sequence_start:
            tag = event.tag
            if tag is not None and tag not in allowed:
                raise _Abort
            if len(stack) >= max_depth:
                raise _OverBound(
                    _too_deep(limits), "too-deep", _path(stack, container, key), event.start_mark
                )
            nodes += 1
            if nodes > max_nodes:
                raise _OverBound(
                    _too_many_values(limits, aliased),
                    "too-large",
                    _path(stack, container, key),
                    event.start_mark,
                )
            if is_mapping and key is None:  # a mapping key
                raise _Abort
            stack.append((container, key, anchor, before))
            is_mapping = kind is mapping_start
            container = {} if is_mapping else []
            key = None
            anchor = event.anchor
            before = nodes - 1
            continue
        elif kind is mapping_end or kind is sequence_end:
            value = container
            if anchor is not None:
                anchors[anchor] = (value, nodes - before)
            container, key, anchor, before = stack.pop()
            is_mapping = type(container) is dict
        elif kind is alias_event:
            value, size = anchors.get(event.anchor, (_UNDEFINED, 1))
            if value is _UNDEFINED:
                raise _Abort
            aliased = True
            nodes += size
            if nodes > max_nodes:
                raise _OverBound(
                    _too_many_values(limits, aliased),
                    "too-large",
                    _path(stack, container, key),
                    event.start_mark,
                )
            if is_mapping and key is None:
                if not isinstance(value, str) or value in container:
                    raise _Abort
                key = value
                continue
        else:
            if kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Abort
            elif kind is StreamEndEvent:
                if documents == 0:
                    raise _Abort
                return root
            continue
        # A value read: it is the document's, a list's next item, or the pending key's.
        if is_mapping:
            container[key] = value
            key = None
        elif container is None:
            root = value
        else:
            container.append(value)


def read_located(text: str, file: str, limits: Limits) -> tuple[Any, Positions, list[Problem]]:
    """Read *text* with the position of every value and every problem found.

    Returns:
        The data read (as much as could be), the positions, and the problems.
    """
    reader = _Reader(text, file, limits)
    data: Any = None
    try:
        data = reader.read()
    except _Abort:
        pass
    except yaml.MarkedYAMLError as error:
        if _NESTING_DEPTH in (error.problem or "") and error.problem_mark is not None:
            # libyaml 0.2.6 (in PyYAML 6.0.4's wheels) stops nesting past 1,000 levels
            # while it looks ahead, before the events that our own bound (at most 256
            # levels) counts. Up to where it stopped, the text holds 1,000 levels: read
            # that part alone, and our bound is met, at its place.
            stop = _offset(text, error.problem_mark.line, error.problem_mark.column)
            return read_located(text[:stop], file, limits)
        mark = error.problem_mark or error.context_mark
        message = error.problem or "the YAML is not well-formed"
        if error.context:
            message = f"{message} ({error.context})"
        reader.problems.append(
            Problem(
                message=f"YAML syntax: {message}",
                code="yaml-syntax",
                file=file,
                line=mark.line + 1 if mark else 1,
                column=mark.column + 1 if mark else 1,
            )
        )
    except yaml.YAMLError as error:  # a reader error: a character YAML does not allow
        position = getattr(error, "position", 0)
        line, column = line_and_column(text, position)
        reader.problems.append(
            Problem(
                message=f"YAML syntax: {error}".split("\n")[0],
                code="yaml-syntax",
                file=file,
                line=line,
                column=column,
            )
        )
    except UnicodeEncodeError as error:
        line, column = line_and_column(text, error.start)
        reader.problems.append(
            Problem(
                message="the text holds a lone surrogate character, which is not Unicode",
                code="encoding",
                file=file,
                line=line,
                column=column,
            )
        )
    return data, reader.positions, reader.problems


def locate(text: str, wanted: set[Path]) -> Positions:
    r"""Return where the *wanted* paths, and the paths around them, stand in *text*.

    For a text that :func:`read` read whole: one pass over the parser's events that
    builds nothing, keeps the position of each wanted path, of its key and of each
    path it is inside (for :meth:`Positions.locate`'s nearest ancestor), and stops
    as soon as it has them all. A path the text does not hold is located at the
    nearest ancestor it does.

    >>> locate("a: 1\nb: [x, {c: 2}]\n", {("b", 1, "c")}).locate(("b", 1, "c"))
    (2, 12)
    """
    targets = {path[:end] for path in wanted for end in range(len(path) + 1)}
    positions = Positions()
    values, keys = positions.values, positions.keys
    parser = _Parser(text)
    # The container being read: its path, whether it is a mapping, and the next
    # index (a list) or the pending key (a mapping; _NO_KEY: a key comes next).
    # Those around it wait on *outer*; with none, the top-level value comes next.
    path: Path = ()
    is_mapping = False
    index = 0
    key: Any = _NO_KEY
    outer: list[tuple[Path, bool, int, Any]] = []
    try:
        while len(values) < len(targets):
            event: Any = parser.get_event()
            kind = event.__class__
            if kind is StreamEndEvent:
                break
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                path, is_mapping, index, key = outer.pop()
            elif kind not in _NODE_EVENTS:
                continue
            elif is_mapping and key is _NO_KEY:  # a key: text, as the text was read whole
                key = event.value if kind is ScalarEvent else _DROP_VALUE
                keyed = (*path, key)
                if keyed in targets:
                    keys[keyed] = (event.start_mark.line + 1, event.start_mark.column + 1)
                continue
            else:
                here: Path = ((*path, key) if is_mapping else (*path, index)) if outer else ()
                if here in targets and here not in values:
                    values[here] = (event.start_mark.line + 1, event.start_mark.column + 1)
                if kind is MappingStartEvent or kind is SequenceStartEvent:
                    outer.append((path, is_mapping, index, key))
                    path, is_mapping, index, key = here, kind is MappingStartEvent, 0, _NO_KEY
                    continue
            # A value has been read: its container moves on to the next key or item.
            if is_mapping:
                key = _NO_KEY
            else:
                index += 1
    except yaml.YAMLError:  # JSON that YAML does not read (see _json): positions so far
        pass
    finally:
        parser.dispose()
    return positions


def _offset(text: str, line: int, column: int) -> int:
    """Return the index in *text* of the 0-based *line* and *column*."""
    start = 0
    for _ in range(line):
        start = text.index("\n", start) + 1
    return start + column


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """Return the 1-based line and column of character *index* of *text*."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, with list items indented under their key.

    It quotes every string that YAML 1.1 readers would take for something else
    (``'2025'``, ``'no'``, dates); every string this module reads as something
    else is among them, so what it writes reads back the same here and in other
    tools. Floats are written as :func:`float_text` gives them.
    """

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if _LINE_BREAKS.intersection(text):
        # PyYAML writes these unescaped in plain, single-quoted and block scalars,
        # where YAML reads them as line breaks: only escaping keeps them.
        style: str | None = '"'
    else:
        style = "|" if "\n" in text else None
    return dumper.represent_scalar(_STR, text, style=style)


def _represent_float(dumper: yaml.SafeDumper, number: float) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", float_text(number))


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(float, _represent_float)


def dump(data: Any) -> str:
    """Return *data* (plain, in canonical key order) as block-style YAML."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
