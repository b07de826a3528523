"""Branding for the HTML page: a small TOML theme file, validated and checked for contrast.

A theme gives a logo, two colours, a font stack and a footer text. It is checked
the way a strategy document is: against a JSON Schema, every problem reported at
its line and column (``theme.toml:3:11: error theme: primary: ...``), all at
once, in a :class:`~orgstrategy.ValidationError`. Each value is checked against
a strict pattern before it comes near the page's CSS or an ``src``: a colour is
``#rgb`` or ``#rrggbb``, a font stack is font names and commas, a logo is a web
URL or the path of an image file. Nothing is escaped into CSS; what does not fit
is refused.

The colours are then checked for contrast as WCAG 2.1 defines it: every pair of
text and background colours the page makes from the theme must reach AA, 4.5:1.

TOML rather than YAML: a colour starts with ``#``, which in YAML begins a comment
unless quoted (``primary: #005eb8`` is null), and a theme file in a folder of
strategy documents is never taken for one.
"""

from __future__ import annotations

import base64
import difflib
import importlib
import os
import re
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import attrs

from orgstrategy._errors import Problem, ValidationError
from orgstrategy._files import read_bytes
from orgstrategy._positions import Path as Steps
from orgstrategy._positions import Positions
from orgstrategy._validator import compile_schema

__all__ = [
    "AA",
    "DEFAULT",
    "SCHEMA",
    "Contrast",
    "Theme",
    "contrast",
    "contrasts",
    "load_theme",
    "loads_theme",
    "luminance",
    "mix",
]

#: The contrast WCAG 2.1 level AA asks of text (success criterion 1.4.3).
AA: Final = 4.5
#: The most bytes a theme file or a logo may have.
MAX_THEME_BYTES: Final = 64 * 1024
MAX_LOGO_BYTES: Final = 512 * 1024

COLOUR: Final = r"\A#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})\Z"
_FAMILY: Final = r"(?:-?[A-Za-z][A-Za-z0-9 -]*|\"[A-Za-z0-9 -]+\"|'[A-Za-z0-9 -]+')"
FONT: Final = rf"\A *{_FAMILY} *(?:, *{_FAMILY} *)*\Z"
WEB_URL: Final = (
    r"\A[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/+=&?@!,-]*)?\Z"
)
_IMAGE_TYPES: Final = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
_EXTENSION: Final = "|".join(
    "".join(f"[{letter.upper()}{letter}]" for letter in extension[1:]) for extension in _IMAGE_TYPES
)
LOGO_PATH: Final = rf"\A[A-Za-z0-9_./ -]+\.(?:{_EXTENSION})\Z"
_TEXT: Final = r"\S"
#: What a checked logo is: a web URL, or an image file as a ``data:`` URL.
_DATA_TYPES: Final = "|".join(sorted({re.escape(kind) for kind in _IMAGE_TYPES.values()}))
_LOGO_SOURCE: Final = rf"(?:{WEB_URL[2:-2]}|data:(?:{_DATA_TYPES});base64,[A-Za-z0-9+/]*=*)\Z"

#: The theme file's JSON Schema.
SCHEMA: Final = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "orgstrategy page theme",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "primary": {"type": "string", "pattern": COLOUR},
        "accent": {"type": "string", "pattern": COLOUR},
        "font": {"type": "string", "pattern": FONT, "maxLength": 300},
        "logo": {
            "type": "string",
            "maxLength": 2000,
            "anyOf": [{"pattern": WEB_URL}, {"pattern": LOGO_PATH}],
        },
        "logo_alt": {"type": "string", "pattern": _TEXT, "maxLength": 200},
        "footer": {"type": "string", "pattern": _TEXT, "maxLength": 500},
    },
}
#: What each key of a theme must be, in words, for the problems.
_EXPECTED: Final = {
    "primary": "a colour written #rrggbb or #rgb, such as '#005eb8'",
    "accent": "a colour written #rrggbb or #rgb, such as '#ffb81c'",
    "font": "a font stack: font names, quoted or not, separated by commas "
    "(letters, digits, spaces and hyphens), such as 'Frutiger, Arial, sans-serif'",
    "logo": "an http or https URL, or the path of a PNG, JPEG, GIF, WebP or SVG file "
    "(relative to the theme file)",
    "logo_alt": "text",
    "footer": "text",
}
#: The page's own colours, which the theme does not change.
WHITE: Final = "#ffffff"
INK: Final = "#212b32"
MUTED: Final = "#4c6272"
#: How much of the primary colour tints the panels (aims, figures).
PANEL_TINT: Final = 0.06
_TOML_PLACE: Final = re.compile(r"\(at (?:line (\d+), column (\d+)|end of document)\)")
_TABLE_LINE: Final = re.compile(r"^[ \t]*\[+[ \t]*([A-Za-z0-9_-]+)")
_KEY_LINE: Final = re.compile(r"""^[ \t]*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))[ \t]*=[ \t]*""")


@attrs.frozen(kw_only=True)
class Theme:
    """The branding of a page: colours, font, logo and footer text, each checked.

    Build one with :func:`load_theme` or :func:`loads_theme`, which check every
    value and the contrast of the colours; the defaults are the NHS identity's
    blue and warm yellow. The class itself refuses a colour, font stack or logo
    that does not fit its pattern (a ``ValueError``), so whatever reaches the
    page's stylesheet is safe in it.

    Attributes:
        primary: The brand colour: the header's background, links, rules.
        accent: The colour of focus highlights, behind the page's dark text.
        font: The CSS font stack.
        logo: Where the logo comes from as an ``src``: a ``data:`` URL of the
            image file, or a web URL; ``None`` for no logo.
        logo_alt: The logo's text alternative (the organisation's name by default).
        footer: A line of text for the footer.
    """

    primary: str = attrs.field(default="#005eb8", validator=attrs.validators.matches_re(COLOUR))
    accent: str = attrs.field(default="#ffb81c", validator=attrs.validators.matches_re(COLOUR))
    font: str = attrs.field(
        default='system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
        validator=attrs.validators.matches_re(FONT),
    )
    logo: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.matches_re(_LOGO_SOURCE)),
    )
    logo_alt: str | None = None
    footer: str | None = None

    @property
    def panel(self) -> str:
        """The background of panels: white with a tint of the primary colour."""
        return mix(self.primary, WHITE, PANEL_TINT)

    @property
    def image_source(self) -> str | None:
        """What the page's Content-Security-Policy must allow for the logo (``img-src``)."""
        if self.logo is None:
            return None
        if self.logo.startswith("data:"):
            return "data:"
        parts = urllib.parse.urlsplit(self.logo)
        return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


#: The page's theme when none is given.
DEFAULT: Final = Theme()


def _channels(colour: str) -> tuple[int, int, int]:
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    red, green, blue = (int(digits[index : index + 2], 16) for index in (0, 2, 4))
    return red, green, blue


def luminance(colour: str) -> float:
    """Return the relative luminance of a ``#rrggbb`` or ``#rgb`` colour (WCAG 2.1).

    >>> luminance("#ffffff"), luminance("#000")
    (1.0, 0.0)
    """

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = map(linear, _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    """Return the contrast ratio of two colours, from 1 to 21 (WCAG 2.1).

    >>> round(contrast("#767676", "#ffffff"), 2), contrast("#000", "#fff")
    (4.54, 21.0)
    """
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """Return *share* of *colour* mixed into *other*, as ``#rrggbb``.

    >>> mix("#005eb8", "#ffffff", 0.5)
    '#80aedc'
    """
    channels = (
        round(one * share + two * (1 - share))
        for one, two in zip(_channels(colour), _channels(other), strict=True)
    )
    return "#" + "".join(f"{channel:02x}" for channel in channels)


@attrs.frozen
class Contrast:
    """A pair of colours the page puts text in, and the ratio between them.

    Attributes:
        key: The theme's key whose colour it depends on.
        text: The text's colour.
        background: The background's colour.
        where: What on the page it is, in words.
    """

    key: str
    text: str
    background: str
    where: str

    @property
    def ratio(self) -> float:
        """The contrast ratio of the text on its background."""
        return contrast(self.text, self.background)


def contrasts(theme: Theme) -> list[Contrast]:
    """Return every pair of text and background colours the page makes from *theme*."""
    return [
        Contrast(
            "primary", theme.primary, WHITE, "links and headings on white, white text on the header"
        ),
        Contrast("primary", theme.primary, theme.panel, "links in the tinted panels"),
        Contrast("primary", INK, theme.panel, "text in the tinted panels"),
        Contrast("primary", MUTED, theme.panel, "secondary text in the tinted panels"),
        Contrast(
            "accent", INK, theme.accent, "the dark text of a focused link on the accent colour"
        ),
    ]


def _toml(text: str) -> Any:
    toml = importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")
    return toml.loads(text)


def _positions(text: str) -> Positions:
    """Return where each top-level key of a flat TOML table and its value stand."""
    positions = Positions()
    quote: str | None = None  # inside a multi-line string opened with this
    for number, line in enumerate(text.splitlines(), start=1):
        if quote is not None:
            if line.count(quote) % 2:
                quote = None
            continue
        table = _TABLE_LINE.match(line)
        if table is not None:
            positions.values.setdefault((table[1],), (number, table.start(1) + 1))
            continue
        found = _KEY_LINE.match(line)
        if found is None:
            continue
        key = next(group for group in found.groups() if group is not None)
        positions.keys[(key,)] = (number, len(line) - len(line.lstrip()) + 1)
        positions.values[(key,)] = (number, found.end() + 1)
        rest = line[found.end() :]
        for mark in ('"""', "'''"):
            if rest.startswith(mark) and rest.count(mark) == 1:
                quote = mark
    return positions


def _problems(data: Any, file: str, positions: Positions) -> Iterator[Problem]:
    def problem(message: str, steps: Steps, *, key: bool = False) -> Problem:
        line, column = positions.locate(steps, key=key)
        return Problem(
            message=message, code="theme", file=file, line=line, column=column, steps=steps
        )

    for error in compile_schema(SCHEMA).iter_errors(data):
        steps: Steps = tuple(error.absolute_path)
        given: Any = error.instance
        if error.validator == "additionalProperties":
            for key in sorted(set(given) - set(_EXPECTED)):
                close = difflib.get_close_matches(key, list(_EXPECTED), n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                known = ", ".join(sorted(_EXPECTED))
                yield problem(f"unknown key {key!r}{hint} (a theme has: {known})", (key,), key=True)
        elif error.validator == "maxLength":
            yield problem(f"longer than {error.validator_value} characters", steps)
        elif error.validator == "pattern" and error.validator_value == _TEXT:
            yield problem("must not be empty", steps)
        else:  # type, pattern, anyOf: the value is not what the key holds
            key = str(steps[0])
            yield problem(f"{given!r} is not {_EXPECTED[key]}", steps)


def _logo(value: str, base: Path | None, file: str, positions: Positions) -> str | Problem:
    """Return the logo as an ``src``: a web URL as it is, an image file as a ``data:`` URL."""
    if re.match(WEB_URL, value):
        return value
    path = Path(value) if base is None else base / value
    line, column = positions.locate(("logo",))

    def refused(message: str) -> Problem:
        return Problem(
            message=message, code="theme", file=file, line=line, column=column, steps=("logo",)
        )

    try:
        data = read_bytes(path, MAX_LOGO_BYTES)
    except OSError as error:
        return refused(f"cannot read the logo: {error}")
    if len(data) > MAX_LOGO_BYTES:
        return refused(f"the logo is larger than {MAX_LOGO_BYTES // 1024} KB")
    kind = _IMAGE_TYPES[path.suffix.lower()]
    signatures = {
        "image/png": data.startswith(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg": data.startswith(b"\xff\xd8\xff"),
        "image/gif": data.startswith((b"GIF87a", b"GIF89a")),
        "image/webp": data[:4] == b"RIFF" and data[8:12] == b"WEBP",
        "image/svg+xml": b"<svg" in data[:4096],
    }
    if not signatures[kind]:
        return refused(f"{value!r} is not a {path.suffix.lower()[1:].upper()} image")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def loads_theme(text: str, *, file: str = "<string>", base: Path | None = None) -> Theme:
    r"""Return the theme in *text* (TOML), every value checked, its colours at AA.

    Args:
        text: The theme file's text.
        file: Its name, for the problems.
        base: The folder a logo's path is relative to (the current folder by default).

    Raises:
        ValidationError: The theme is not TOML, breaks the schema, names a logo
            that cannot be read, or has colours whose contrast falls short of AA;
            every problem is located in the file.

    >>> loads_theme('primary = "#003087"\naccent = "#ffb81c"').primary
    '#003087'
    >>> loads_theme('accent = "#ffb81c"\nprimary = "red; }"', file="theme.toml")
    Traceback (most recent call last):
    ...
    orgstrategy._errors.ValidationError: 1 problem found
    theme.toml:2:11: error theme: primary: 'red; }' is not a colour written #rrggbb or #rgb, ...
    """
    try:
        data = _toml(text)
    except ValueError as error:
        place = _TOML_PLACE.search(str(error))
        line, column = (int(place[1]), int(place[2])) if place and place[1] else (1, 1)
        if place and not place[1]:  # at the end of the document
            lines = text.splitlines() or [""]
            line, column = len(lines), len(lines[-1]) + 1
        message = _TOML_PLACE.sub("", str(error)).strip()
        raise ValidationError(
            [
                Problem(
                    message=f"TOML syntax: {message}",
                    code="theme",
                    file=file,
                    line=line,
                    column=column,
                )
            ]
        ) from None
    positions = _positions(text)
    problems = list(_problems(data, file, positions))
    if problems:
        raise ValidationError(problems)
    values = dict(data)
    if "logo" in values:
        logo = _logo(values["logo"], base, file, positions)
        if isinstance(logo, Problem):
            raise ValidationError([logo])
        values["logo"] = logo
    theme = Theme(**values)
    failing = [pair for pair in contrasts(theme) if pair.ratio < AA]
    if failing:
        raise ValidationError(_contrast_problem(theme, pair, file, positions) for pair in failing)
    return theme


def _contrast_problem(theme: Theme, pair: Contrast, file: str, positions: Positions) -> Problem:
    line, column = positions.locate((pair.key,))
    given = getattr(theme, pair.key)
    return Problem(
        message=f"{pair.key} {given} gives {pair.text} on {pair.background} a contrast of "
        f"{pair.ratio:.2f}:1 ({pair.where}); WCAG 2.1 AA needs {AA}:1 for text: "
        f"use a {'darker' if pair.key == 'primary' else 'lighter'} {pair.key} colour",
        code="contrast",
        file=file,
        line=line,
        column=column,
        steps=(pair.key,),
    )


def load_theme(path: str | os.PathLike[str]) -> Theme:
    """Return the theme in the TOML file at *path*, every value checked (see :func:`loads_theme`).

    A logo's path is relative to the theme file's folder.

    Raises:
        FileError: The file cannot be read.
        ValidationError: The theme is not valid, or its colours fall short of AA.
    """
    file = os.fspath(path)
    data = read_bytes(path, MAX_THEME_BYTES)
    if len(data) > MAX_THEME_BYTES:
        raise ValidationError(
            [
                Problem(
                    message=f"a theme file holds at most {MAX_THEME_BYTES // 1024} KB",
                    code="theme",
                    file=file,
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(
            [
                Problem(
                    message=f"the theme file is not UTF-8: {error.reason}", code="theme", file=file
                )
            ]
        ) from None
    return loads_theme(text, file=file, base=Path(path).parent)
