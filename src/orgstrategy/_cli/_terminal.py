r"""Text from documents, made safe to print: it can neither break a line nor steer a terminal.

A key, a name or a file name in a strategy is data. Printed raw, a line break in it
would forge a line of output (``a.yaml:1:1: error ...`` or a GitHub workflow command
such as ``::error file=...::``), and an escape sequence would steer the terminal
(``\x1b]0;title\x07``, ``\x1b[2J``). Every line the command line prints goes
through :func:`printable`, or :func:`printable_lines` for text whose line breaks
the command itself wrote.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["printable", "printable_lines"]

_NAMED: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Bidirectional overrides and isolates reorder what a terminal shows ("Trojan Source").
_BIDI: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# What a line of output must not start with: GitHub reads it as a workflow command.
_COMMAND: Final = "::"
_UNSAFE: Final = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(_BIDI)) + "]")


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    r"""Return *text* as one line that shows every character and steers nothing.

    Line breaks, control characters (C0 and C1, so ANSI escape sequences too),
    Unicode line and paragraph separators and bidirectional controls are written
    as escapes; a line cannot start with ``::``.

    >>> printable("a\n::error::forged")
    'a\\n::error::forged'
    >>> printable("\x1b]0;title\x07red\x1b[2J")
    '\\x1b]0;title\\x07red\\x1b[2J'
    >>> printable("::stop-commands::x")
    '\\x3a:stop-commands::x'
    >>> printable("Cymru iachach")
    'Cymru iachach'
    """
    if _UNSAFE.search(text):
        text = _UNSAFE.sub(_escape, text)
    return "\\x3a" + text[1:] if text.startswith(_COMMAND) else text


def printable_lines(text: str) -> str:
    r"""Return *text* with :func:`printable` applied to each of its lines.

    The line breaks between lines are kept (they are the writer's); everything
    else is escaped as :func:`printable` does.

    >>> printable_lines("one\x1b[2J\ntwo\n")
    'one\\x1b[2J\ntwo\n'
    """
    lines = text.split("\n")
    return "\n".join(printable(line) for line in lines)
