"""The codes of the problems that reading, validating and writing report, declared once.

Each :class:`Code` says when its problems are reported, how serious they are, and
what they mean and how to fix them. The documentation's table of problem codes and
the rule descriptions in SARIF reports are both made from :data:`CODES`, and
``tests/test_docs.py`` checks that it names exactly the codes the source reports.
Lint findings are coded by their rule's name instead (see ``orgstrategy.lint.Rule``).

Texts are Markdown: code in single backticks, examples as whole YAML documents.

>>> CODES["unknown-key"].stage, CODES["unknown-key"].severity
('validation', 'error')
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal

import attrs

from orgstrategy._errors import SEVERITIES, Severity

__all__ = ["CODES", "STAGES", "Code", "Stage"]

#: When a problem is reported: reading the bytes and syntax, validating the
#: document against the format, or writing it to another format.
Stage = Literal["reading", "validation", "linting", "writing"]
#: Every stage, in the order a document passes through them.
STAGES: Final[tuple[Stage, ...]] = ("reading", "validation", "linting", "writing")

_NAME: Final = r"[a-z]+(?:-[a-z]+)*\Z"
_HEADER: Final = 'orgstrategy: "1.0"\norganisation:\n  name: Here\n'
_HEADER_1_1: Final = 'orgstrategy: "1.1"\norganisation:\n  name: Here\n'


def _one_line(_: object, attribute: attrs.Attribute[str], text: str) -> None:
    if not text.strip() or "\n" in text:
        raise ValueError(f"{attribute.name} must be one line of text")


def _paired(instance: Code, _: attrs.Attribute[str], good: str) -> None:
    if bool(instance.bad) != bool(good):
        raise ValueError(f"code {instance.name!r} needs both a bad and a good example, or neither")


@attrs.frozen(kw_only=True)
class Code:
    """A problem code: when it is reported, how serious it is, and what it means.

    Attributes:
        name: The code itself, as in :attr:`orgstrategy.Problem.code`.
        stage: When problems with this code are reported.
        severity: How serious they are: errors make a document invalid.
        summary: One line on what the code means.
        explanation: What it means and how to fix it, in a paragraph or two.
        bad: A short YAML document with the problem, or empty.
        good: The same document with the problem fixed (empty when *bad* is).
    """

    name: str = attrs.field(validator=attrs.validators.matches_re(_NAME))
    stage: Stage = attrs.field(validator=attrs.validators.in_(STAGES))
    severity: Severity = attrs.field(validator=attrs.validators.in_(SEVERITIES))
    summary: str = attrs.field(validator=_one_line)
    explanation: str = attrs.field(validator=attrs.validators.min_len(1))
    bad: str = ""
    good: str = attrs.field(default="", validator=_paired)


_TABLE: Final = (
    # Reading: the bytes, the syntax and the safety limits.
    Code(
        name="encoding",
        stage="reading",
        severity="error",
        summary="the file is not UTF-8, or holds a lone surrogate",
        explanation="Strategy documents are UTF-8 text. The problem points at the first byte "
        "that cannot start or continue a UTF-8 character, which usually means the file was "
        "saved in another encoding (Windows-1252 or Latin-1, say): save it again as UTF-8 (a "
        "byte order mark at the start is allowed). A file that starts with a UTF-16 or "
        "UTF-32 byte order mark is named as such: save it as UTF-8. A lone surrogate, such "
        "as the JSON "
        "escape `\\ud800` on its own, is no Unicode character either: remove it.",
    ),
    Code(
        name="empty-document",
        stage="reading",
        severity="error",
        summary="the file is empty (or only comments)",
        explanation="A document needs at least the `orgstrategy` and `organisation` keys. "
        "Write them, or leave the file out of what is checked.",
    ),
    Code(
        name="yaml-syntax",
        stage="reading",
        severity="error",
        summary="the text is not YAML",
        explanation="The YAML parser stopped at this line and column. Look there and just "
        "before it for an unclosed bracket or quote, a tab used for indentation, or a value "
        "starting with a character YAML reserves (`:`, `#`, `@`, a backtick): quote such "
        "values.",
        bad=_HEADER + "title: [Our plan\n",
        good=_HEADER + 'title: "[Our plan"\n',
    ),
    Code(
        name="json-syntax",
        stage="reading",
        severity="error",
        summary="the text is not JSON (or has a number too large)",
        explanation="The JSON parser stopped at this line and column: look there for a "
        "missing comma, a trailing comma, single quotes or a comment, none of which JSON "
        "allows. `NaN`, `Infinity` and numbers too large to hold are refused as well; "
        "write such values as text.",
    ),
    Code(
        name="xml-syntax",
        stage="reading",
        severity="error",
        summary="a StratML file is not well-formed XML",
        explanation="The XML parser stopped at this line and column: look there for a tag "
        "that is not closed, closed in the wrong order, or an `&` or `<` that should be "
        "written `&amp;` or `&lt;`.",
    ),
    Code(
        name="xml-forbidden",
        stage="reading",
        severity="error",
        summary="a StratML file uses an XML feature refused for safety (entities, a DTD)",
        explanation="Entity declarations and external references can make a small file "
        "expand without bound or read other files, so StratML documents are read without "
        "them. Remove the `<!ENTITY ...>` declarations and external references, and "
        "write out the text the entities stood for.",
    ),
    Code(
        name="multiple-documents",
        stage="reading",
        severity="error",
        summary="a YAML file holds a second document (`---`)",
        explanation="A file holds one strategy. A `---` line after the start begins a second "
        "YAML document: remove it, or split the file in two.",
        bad=_HEADER + "---\n" + _HEADER,
        good=_HEADER,
    ),
    Code(
        name="undefined-alias",
        stage="reading",
        severity="error",
        summary="a YAML alias (`*name`) names no anchor before it",
        explanation="An alias `*name` repeats the value marked `&name` earlier in the file. "
        "Define the anchor before the alias, fix the name's spelling, or, if the `*` was "
        "meant as text, quote the value.",
        bad=_HEADER + "title: *plan\n",
        good=_HEADER + 'title: "*plan"\n',
    ),
    Code(
        name="yaml-tag",
        stage="reading",
        severity="error",
        summary="a YAML tag (`!!python/...`) is used: documents are data",
        explanation="Tags such as `!!python/object` ask the reader to build objects or run "
        "code, so they are refused: a strategy document is plain data (text, numbers, "
        "lists and mappings). Remove the tag, or quote the value if the `!` was meant as "
        "text.",
        bad=_HEADER + "title: !!python/name:os.system x\n",
        good=_HEADER + "title: Our plan\n",
    ),
    Code(
        name="too-large",
        stage="reading",
        severity="error",
        summary="the file or its values exceed `orgstrategy.Limits`",
        explanation="Reading stops when a document is larger than the limits allow: by "
        "default 16 MiB, 200,000 values (each use of a YAML alias counts as a copy of what "
        "it names; in StratML, XML elements and attributes) and 20,000 elements (goals, "
        "objectives, measures, results and the other list items). The problem is placed "
        "where the bound was crossed. Split the document, or, from Python, pass larger "
        "`orgstrategy.Limits` to `load` or `validate`.",
    ),
    Code(
        name="too-deep",
        stage="reading",
        severity="error",
        summary="the values are nested deeper than the limits allow",
        explanation="Mappings and lists are nested more deeply than the limit (64 levels by "
        "default), which no strategy needs. Look for brackets that are opened but not "
        "closed, or pass larger `orgstrategy.Limits` from Python.",
    ),
    Code(
        name="bad-key",
        stage="reading",
        severity="error",
        summary="a mapping key is a mapping or a list, not text",
        explanation="Every key in a strategy document is text. YAML allows a mapping or a "
        "list as a key (written with `? `, or a flow collection before `:`), but the format "
        "has no use for one: write the key as text.",
    ),
    Code(
        name="duplicate-key",
        stage="reading",
        severity="error",
        summary="a key appears twice in one mapping",
        explanation="YAML and JSON readers would keep only the last value and silently drop "
        "the first, so a repeated key is refused. Keep one of the two, or merge them.",
        bad=_HEADER + "title: Our plan\ntitle: Our strategy\n",
        good=_HEADER + "title: Our strategy\n",
    ),
    Code(
        name="stratml-root",
        stage="reading",
        severity="error",
        summary="the XML's root is not a StratML plan",
        explanation="A StratML file's root element must be a Part 1 `StrategicPlan` or a "
        "Part 2 `PerformancePlanOrReport` in its StratML namespace. Check the file is "
        "StratML, and that the root element's namespace is written as the standard gives it.",
    ),
    Code(
        name="stratml-repaired",
        stage="reading",
        severity="warning",
        summary="a StratML document was repaired to fit the model (`--strict` refuses it)",
        explanation="Something in the StratML file did not fit the model and was repaired "
        "as the message says (an element with no name given one, a repeated identifier or "
        "a date that is no date left out, say). The document is still read; fix the "
        "StratML file to silence the warning, and use `--strict` (or `strict=True`) to "
        "treat it as an error.",
    ),
    Code(
        name="unknown-extension",
        stage="reading",
        severity="warning",
        summary="an `extensions` namespace that no installed plugin claims (kept as plain data)",
        explanation="The document has a section under `extensions` that no installed plugin "
        "claims, so it is kept as plain data and not checked. Install the plugin that "
        "provides the namespace (`orgstrategy plugins` lists those installed), or check the "
        "namespace's spelling.",
    ),
    # Validation against the format.
    Code(
        name="version",
        stage="validation",
        severity="error",
        summary="the `orgstrategy` key is not a version this library reads, or is too early "
        "for a key the document uses",
        explanation="The `orgstrategy` key names the version of the format the document is "
        'written in: `"1.0"` or `"1.1"`. Quote it: unquoted, YAML reads `1.0` as a number. '
        "A document that uses what format 1.1 added (`partners`, `enablers`, `contributes_to`, "
        '`translations`, ...) says `orgstrategy: "1.1"`; the message names the key.',
        bad="orgstrategy: 1.0\norganisation:\n  name: Here\n",
        good=_HEADER,
    ),
    Code(
        name="language",
        stage="validation",
        severity="error",
        summary="a language tag that is not BCP 47 (`en`, `cy`, `en-GB`)",
        explanation="`language`, and each key of `translations`, is a BCP 47 language tag: "
        "two or three letters, perhaps followed by a region or script after a hyphen.",
        bad=_HEADER_1_1 + "language: en_GB\n",
        good=_HEADER_1_1 + "language: en-GB\n",
    ),
    Code(
        name="reference",
        stage="validation",
        severity="error",
        summary="a `contributes_to` entry that is not written as a reference",
        explanation="A reference names an element by its section and id from the top: "
        "`SECTION/ID` (`priorities/mental-health`), `SECTION/ID/SECTION/ID` for a nested "
        "one (`goals/quality/objectives/waits`), `ALIAS:SECTION/ID` for an element of a "
        "document listed in `aligns_to`, or `ALIAS:` for the whole of that document.",
        bad=_HEADER_1_1 + "goals:\n  - name: Care\n    contributes_to: [Mental health]\n",
        good=_HEADER_1_1
        + "priorities: [Mental health]\ngoals:\n  - name: Care\n"
        + "    contributes_to: [priorities/mental-health]\n",
    ),
    Code(
        name="unknown-reference",
        stage="validation",
        severity="error",
        summary="a reference to an element that is not there",
        explanation="The reference names a section and id that no element has, in this "
        "document or in the other document it names; the message suggests the nearest "
        "that exists. Ids that are not written are made from the names: "
        "`Mental health` is `mental-health`.",
        bad=_HEADER_1_1
        + "priorities: [Mental health]\ngoals:\n  - name: Care\n"
        + "    contributes_to: [priorities/mental]\n",
        good=_HEADER_1_1
        + "priorities: [Mental health]\ngoals:\n  - name: Care\n"
        + "    contributes_to: [priorities/mental-health]\n",
    ),
    Code(
        name="unknown-document",
        stage="validation",
        severity="error",
        summary="a reference to a document that `aligns_to` does not list",
        explanation="In `ALIAS:SECTION/ID`, the alias is the `id` of an entry of "
        "`aligns_to`. List the other strategy there, or fix the alias.",
        bad=_HEADER_1_1 + "goals:\n  - name: Care\n    contributes_to: ['ics:']\n",
        good=_HEADER_1_1
        + "aligns_to:\n  - {id: ics, title: Our ICS plan}\n"
        + "goals:\n  - name: Care\n    contributes_to: ['ics:']\n",
    ),
    Code(
        name="unresolved-document",
        stage="validation",
        severity="warning",
        summary="a document of `aligns_to` whose `file` cannot be read, so references to it "
        "are not checked",
        explanation="The `file` of an entry of `aligns_to` is read to check the references "
        "to it; it could not be read, or is not a valid strategy. Fix the path (it is "
        "relative to the document) or the other document. With `--strict` this is an "
        "error. References are never looked up on the network.",
    ),
    Code(
        name="unknown-key",
        stage="validation",
        severity="error",
        summary="a key the format does not have (a typo, say)",
        explanation="The key is not one the format has in this place; the message suggests "
        "the nearest key that is. Fix the spelling, move the key to where it belongs, or "
        "keep data of your own under `extensions`.",
        bad=_HEADER + "visoin: Care for everyone.\n",
        good=_HEADER + "vision: Care for everyone.\n",
    ),
    Code(
        name="missing-key",
        stage="validation",
        severity="error",
        summary="a required key is missing",
        explanation="Something the format requires is not there: a `name` for the "
        "organisation or an element, a `start` or `end` for a period, `text` or `points` "
        "for a statement, a `title` or `url` for a source. Add it.",
        bad=_HEADER + "goals:\n  - id: access\n",
        good=_HEADER + "goals:\n  - id: access\n    name: Better access to care\n",
    ),
    Code(
        name="type",
        stage="validation",
        severity="error",
        summary="a value of the wrong kind (a list where text belongs, say)",
        explanation="The value is of a kind the format does not allow here. YAML reads "
        "unquoted `2030`, `1.0` or `true` as a number or a boolean: quote them to keep them "
        "as text. A key with nothing after the colon is null: write a value or leave the "
        "key out.",
        bad=_HEADER + "title: 2030\n",
        good=_HEADER + 'title: "2030"\n',
    ),
    Code(
        name="enum",
        stage="validation",
        severity="error",
        summary="a value not among those allowed (`status`, say)",
        explanation="Only certain values are allowed here; the message lists them and "
        "suggests the nearest. A `status`, for one, is `draft`, `consultation`, `published` "
        "or `superseded`.",
        bad=_HEADER + "status: publshed\n",
        good=_HEADER + "status: published\n",
    ),
    Code(
        name="empty",
        stage="validation",
        severity="error",
        summary="a text is empty or only spaces",
        explanation="A name, title or statement must say something. Write the text, or "
        "leave the key out if it is optional.",
        bad=_HEADER + 'title: ""\n',
        good=_HEADER + "title: Our plan\n",
    ),
    Code(
        name="date",
        stage="validation",
        severity="error",
        summary="a date is not written YYYY-MM-DD, or is no real date",
        explanation="Dates are written YYYY-MM-DD, with four digits for the year and two "
        "for the month and the day (`2025-04-01`, not `2025-4-1` or `01/04/2025`), and must "
        "be real calendar dates. Where a year alone will do, write the year.",
        bad=_HEADER + "period:\n  start: 2025-02-30\n",
        good=_HEADER + "period:\n  start: 2025-03-01\n",
    ),
    Code(
        name="year",
        stage="validation",
        severity="error",
        summary="a year is not between 1000 and 9999",
        explanation="A year stands for a whole year and has four digits. Check for a digit "
        "left out or added, or write a full date YYYY-MM-DD.",
        bad=_HEADER + "period:\n  start: 225\n",
        good=_HEADER + "period:\n  start: 2025\n",
    ),
    Code(
        name="id",
        stage="validation",
        severity="error",
        summary="an `id` has characters other than letters, digits, . _ -",
        explanation="Ids are used in links, file names and diffs, so they hold only "
        "letters, digits, `.`, `_` and `-`, and start with a letter or a digit. Replace "
        "spaces with `-`; or leave `id` out and one is made from the name.",
        bad=_HEADER + "goals:\n  - id: better access\n    name: Better access to care\n",
        good=_HEADER + "goals:\n  - id: better-access\n    name: Better access to care\n",
    ),
    Code(
        name="merge-conflict",
        stage="validation",
        severity="error",
        summary="a three-way merge left two versions of one place to choose from",
        explanation="`orgstrategy merge-driver` (the git merge driver) writes a mapping of "
        "three versions where two branches changed the same place differently: the keys "
        "`<<<<<<< ours`, `||||||| base` and `>>>>>>> theirs`. The message names them. Keep "
        "the version you want (or write another) as the value of the place, and delete the "
        "mapping; the rest of the document is checked as if the place held ours.",
        bad=_HEADER + 'vision:\n  "<<<<<<< ours": Everyone well cared for\n'
        '  "||||||| base": Care for all\n  ">>>>>>> theirs": Care for everyone\n',
        good=_HEADER + "vision: Everyone well cared for\n",
    ),
    Code(
        name="duplicate-id",
        stage="validation",
        severity="error",
        summary="two elements of one list have the same `id`",
        explanation="An id names one element of its list, so that links and diffs can find "
        "it; the message gives the line of the first element with it. Give one of the two "
        "another id.",
        bad=_HEADER + "goals:\n  - id: access\n    name: Better access\n"
        "  - id: access\n    name: Faster access\n",
        good=_HEADER + "goals:\n  - id: access\n    name: Better access\n"
        "  - id: speed\n    name: Faster access\n",
    ),
    Code(
        name="period-order",
        stage="validation",
        severity="error",
        summary="a period or result ends before it starts",
        explanation="The `end` of the strategy's period, or of a measure's result, is "
        "earlier than its `start`. Swap them, or correct the one that is wrong.",
        bad=_HEADER + "period:\n  start: 2030\n  end: 2025\n",
        good=_HEADER + "period:\n  start: 2025\n  end: 2030\n",
    ),
    Code(
        name="extension",
        stage="validation",
        severity="error",
        summary="a plugin's section breaks the plugin's schema",
        explanation="A section under `extensions` is claimed by an installed plugin, and "
        "does not fit the schema that plugin gives for it; the message names the plugin. "
        "See the plugin's documentation for what the section holds.",
    ),
    Code(
        name="schema",
        stage="validation",
        severity="error",
        summary="any other breach of the JSON Schema",
        explanation="The document breaks a rule of the format's JSON Schema that has no "
        "code of its own; the message is the schema validator's. `orgstrategy schema` "
        "prints the schema.",
    ),
    Code(
        name="too-many-problems",
        stage="validation",
        severity="error",
        summary="more problems than one report holds: fix those reported and validate again",
        explanation="At most 1,000 problems are explained for one document, so that even "
        "a large, badly broken one is answered quickly. A document with more usually "
        "repeats one mistake (a misspelt key in every goal, say). This problem stands "
        "where the first one not reported is, and says what it is; fix the ones reported "
        "and validate again to see the rest.",
    ),
    Code(
        name="internal",
        stage="validation",
        severity="error",
        summary="a bug in orgstrategy: please report it",
        explanation="The document is not valid, but no check could say why: the schema and "
        "the model disagree, which is a bug in orgstrategy. Please report it with the "
        "document (or the smallest part of it that shows the problem).",
    ),
    # Linting.
    Code(
        name="rule-failed",
        stage="linting",
        severity="error",
        summary="a lint rule failed with an error of its own (a bug in the rule)",
        explanation="A lint rule, most often one a plugin adds, raised an exception instead "
        "of reporting findings. The message names the rule, the package it comes from "
        "and the exception. The other rules still ran; `orgstrategy lint` exits 2. "
        "Report it to the rule's package, or leave the rule out with `--ignore`.",
    ),
    # Writing.
    Code(
        name="theme",
        stage="writing",
        severity="error",
        summary="the page's theme file (`-O theme=FILE`) is not valid",
        explanation="The theme file given to the HTML writer is not TOML, has a key a theme "
        "does not have, or a value that is not what its key holds: a colour is written "
        "`#rrggbb` or `#rgb`, a font stack is font names separated by commas, a logo is an "
        "`http` or `https` URL or the path of a PNG, JPEG, GIF, WebP or SVG file that can "
        "be read. Values are refused rather than escaped, so nothing in a theme can add "
        "CSS or a script to the page. `orgstrategy convert` exits 2.",
    ),
    Code(
        name="contrast",
        stage="writing",
        severity="error",
        summary="a colour of the page's theme gives text too little contrast for WCAG 2.1 AA",
        explanation="Every text the page puts on a colour of the theme (links and headings "
        "on white, white text on the header in the primary colour, dark text on the accent "
        "colour of a focused link) must have a contrast ratio of at least 4.5:1, as WCAG 2.1 "
        "level AA asks. The message gives the ratio and says whether a darker or a lighter "
        "colour is needed.",
    ),
    Code(
        name="stratml-dropped",
        stage="writing",
        severity="warning",
        summary="something that StratML has no place for was left out of the output",
        explanation="StratML has no place for this value (a Python object in a plugin's "
        "section, say), so it was left out of the StratML written. Keep the original "
        "YAML or JSON document as the source of truth.",
    ),
)

#: Every problem code that reading, validating and writing can report, by name,
#: in the order the documentation lists them.
CODES: Final[Mapping[str, Code]] = MappingProxyType({code.name: code for code in _TABLE})
