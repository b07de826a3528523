"""The HTML writer: a strategy as one self-contained, accessible, printable web page.

The page is rendered from a Jinja2 template (``templates/strategy.html.j2``) with
autoescaping on, so every text from the document is escaped. It has no external
assets (the stylesheet is inline), semantic landmarks and headings, a ``lang``
attribute, a layout that reads on a phone, and a print stylesheet.

Links go only to ``http``, ``https`` and ``mailto`` URLs (any other URL, such as
``javascript:``, is shown as text), and the page's Content-Security-Policy
(``default-src 'none'; script-src 'none'; style-src 'sha256-...'; base-uri
'none'; form-action 'none'``, with ``img-src`` for a theme's logo) allows
nothing but its own stylesheet, by its hash: no script, no other style, plugin,
frame, form or fetched resource, should the page ever hold markup it should not.

A theme (:mod:`orgstrategy._theme`) brands the page; its values, checked
against strict patterns, are the only values in the stylesheet. Measures with
numbers get a chart (:mod:`orgstrategy._figures`) drawn as inline SVG.
"""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import attrs
import jinja2
import markupsafe

from orgstrategy import _figures, _presentation
from orgstrategy._errors import Error
from orgstrategy._model import Compact, Element, Linked, Strategy
from orgstrategy._theme import INK, MUTED, Theme, load_theme

__all__ = ["DEFAULT_LANGUAGE", "SiteLinks", "page_environment", "policy", "stylesheet", "write"]

#: The page's language when none is given: British English, as the seeds are written.
DEFAULT_LANGUAGE: Final = "en-GB"
_LANGUAGE: Final = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*\Z")
#: The language of the library's own words on a page: headings, table heads, statuses.
_WORDS: Final = "en"


@attrs.frozen(kw_only=True)
class SiteLinks:
    """Where a page of a site of many strategies links to (``orgstrategy site``).

    Every link is relative to the page.

    Attributes:
        home: The site's index.
        search: The site's search page.
        alignment: The matrix of what serves this strategy, if others align to it.
        aligned_to: The strategies it aligns to: each title with its page.
        contributed_by: The strategies that align to it: each title with its page.
        versions: The page in each other language: each language tag with its page.
    """

    home: str
    search: str
    alignment: str | None = None
    aligned_to: tuple[tuple[str, str], ...] = ()
    contributed_by: tuple[tuple[str, str], ...] = ()
    versions: tuple[tuple[str, str], ...] = ()


class _Phrase(str):
    """Text in a language other than the page's: written inside ``<span lang="...">``."""

    lang: str

    def __new__(cls, text: str, lang: str) -> _Phrase:
        phrase = super().__new__(cls, text)
        phrase.lang = lang
        return phrase


def _same_language(one: str, other: str) -> bool:
    """Whether two language tags name the same language (``en`` and ``en-GB`` do)."""
    one, other = one.lower(), other.lower()
    return one == other or one.startswith(other + "-") or other.startswith(one + "-")


@attrs.frozen
class _Languages:
    """The languages of a page: its own, its document's text, and the library's words."""

    page: str
    document: str

    def mark(self, text: str, lang: str) -> str:
        """Return *text*, marked as being in *lang* if that is not the page's language."""
        if not text or _same_language(lang, self.page):
            return text
        return _Phrase(text, lang)

    def untranslated(self, text: str) -> str:
        """Return a text of the document that has no translation, marked as such."""
        return self.mark(text, self.document)

    def word(self, text: str) -> str:
        """Return words of the library (headings, table heads, statuses), marked."""
        return self.mark(text, _WORDS)

    def like(self, text: str, model: str) -> str:
        """Return *text* marked as *model* is (text made from it, such as a name and more)."""
        return self.mark(text, model.lang) if isinstance(model, _Phrase) else text


def _marked(entry: _presentation.Entry, mark: Callable[[str], str]) -> _presentation.Entry:
    """Return *entry* with *mark* applied to each of its texts (not its URL)."""
    return attrs.evolve(
        entry,
        **{
            field.name: mark(value)
            for field in attrs.fields(_presentation.Entry)
            if field.name != "url"
            for value in (getattr(entry, field.name),)
            if value is not None
        },
    )


def _brief(element: Element) -> bool:
    """Whether a page shows nothing of *element* but its name (a tile, not a card)."""
    return (
        element.description is None
        and not _presentation.parts(element)
        and not _presentation.status(element)
        and not (isinstance(element, Linked) and (element.owner or element.contributes_to))
    )


def _heading_case(text: str) -> str:
    """Return a name capitalised as a heading, still marked with its language."""
    cased = _presentation.heading_case(text)
    return _Phrase(cased, text.lang) if isinstance(text, _Phrase) else cased


def _lang_of(value: object) -> str:
    """Return the language *value* is marked as being in, or ``""`` (for SVG's ``lang``)."""
    return value.lang if isinstance(value, _Phrase) else ""


def _finalize(value: object) -> object:
    if isinstance(value, _Phrase):
        return markupsafe.Markup('<span lang="{}">{}</span>').format(value.lang, str(value))
    return value


def _paragraphs(text: str | None) -> list[str]:
    if text is None:
        return []
    parts = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    if isinstance(text, _Phrase):
        return [_Phrase(part, text.lang) for part in parts]
    return parts


def page_environment(**options: Any) -> jinja2.Environment:
    """Return a Jinja2 environment of orgstrategy's page templates, escaping every value.

    Autoescaping is on and an undefined name is an error; *options* are further
    options of :class:`jinja2.Environment` (``finalize``, say).
    """
    return jinja2.Environment(
        loader=jinja2.PackageLoader("orgstrategy", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        **options,
    )


@functools.cache
def _template() -> jinja2.Template:
    environment = page_environment(finalize=_finalize)
    environment.filters["paragraphs"] = _paragraphs
    environment.filters["quantity"] = _presentation.quantity
    environment.filters["day"] = _presentation.day
    environment.filters["long_day"] = _presentation.long_day
    environment.filters["lang_of"] = _lang_of
    environment.filters["plain"] = str  # a text without its <span lang>: SVG's own lang says it
    environment.filters["heading_case"] = _heading_case
    environment.filters["brief"] = _brief
    environment.globals["chart"] = _figures.chart
    environment.globals["result_period"] = _figures.result_period
    environment.filters["link"] = _presentation.link
    environment.globals["measure_rows"] = _presentation.measure_rows
    environment.globals["parts"] = _presentation.parts
    environment.globals["MEASURES"] = _presentation.MEASURES
    environment.filters["status"] = _presentation.status
    environment.filters["unowned"] = lambda measure: ("", measure)
    return environment.get_template("strategy.html.j2")


@functools.cache
def _stylesheet() -> str:
    return (Path(__file__).parent / "templates" / "strategy.css").read_text(encoding="utf-8")


def stylesheet(theme: Theme) -> str:
    """Return the page's stylesheet with *theme*'s values as custom properties.

    Every value comes from a :class:`~orgstrategy._theme.Theme`, whose validators
    let through only colours written ``#rrggbb`` or ``#rgb`` and font stacks of
    names, quotes, spaces, hyphens and commas: nothing that can end a rule or the
    ``<style>`` element.
    """
    properties = {
        "primary": theme.primary,
        "accent": theme.accent,
        "panel": theme.panel,
        "ink": INK,
        "muted": MUTED,
        "rule": "#d8dde0",
        "font": theme.font,
    }
    declared = " ".join(f"--{name}: {value};" for name, value in properties.items())
    return f"\n:root {{ color-scheme: light; {declared} }}\n{_stylesheet()}"


def policy(style: str, theme: Theme) -> str:
    """Return the page's Content-Security-Policy: its stylesheet by hash, its logo, nothing else.

    No script may run (``script-src 'none'``, said as well as implied by
    ``default-src 'none'``); the only style is the page's ``<style>``, allowed by
    the SHA-256 hash of its text, so a ``style`` attribute or another stylesheet
    would not apply; an image may come only from where the theme's logo does.
    """
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    directives = [
        "default-src 'none'",
        "script-src 'none'",
        f"style-src 'sha256-{digest}'",
    ]
    if theme.image_source is not None:
        directives.append(f"img-src {theme.image_source}")
    directives += ["base-uri 'none'", "form-action 'none'"]
    return "; ".join(directives)


#: What the masthead says of a strategy that is not the one in force.
_NOTICES: Final = {
    "draft": "This is a draft: it may change before it is published.",
    "consultation": "This is a draft for consultation: it may change before it is published.",
    "superseded": "This strategy has been superseded: a newer one replaces it.",
}
#: The label of the fact of what an element contributes to (see :func:`_served`).
_SERVES: Final = "Contributes to"


def _served(strategy: Strategy, element: object) -> tuple[str, ...]:
    """Return what *element* contributes to, for people: elements of other plans by plan.

    ``ics:priorities/better-care`` and ``ics:priorities/fairer-outcomes`` are one
    entry, ``North ICS plan (priorities: better care, fairer outcomes)``: the words
    of each id, as the other document is not at hand to give its names.
    """
    found: list[str] = []
    plans: dict[str, dict[str, list[str]]] = {}
    references = element.contributes_to if isinstance(element, Linked) else ()
    for reference in references:
        named = _presentation.target(strategy, reference)
        if named.document is None:  # an element of this document: its name
            found.append(reference if named.element is None else named.element.name)
            continue
        if not named.local:  # the whole of another plan: its title
            found.append(named.plan or reference)
            continue
        *_, section, local = ("", *named.local.split("/"))
        plan = plans.setdefault(named.plan or named.document, {})
        plan.setdefault(section, []).append(local.replace("-", " "))
    for title, sections in plans.items():
        inside = "; ".join(f"{section}: {', '.join(ids)}" for section, ids in sections.items())
        found.append(f"{title} ({inside})")
    return tuple(found)


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise Error(f"option {name}: {value!r} is not true or false")
    return value


def _theme(value: object) -> Theme:
    if value is None:
        return Theme()
    if isinstance(value, Theme):
        return value
    if isinstance(value, str | os.PathLike):
        return load_theme(value)
    raise Error(f"option theme: {value!r} is not the path of a theme file")


def _generated(source: object, date: object) -> str:
    """Return the footer's line on where the page came from: ``Generated from X on D.``."""
    if source is not None and (not isinstance(source, str) or not source.strip()):
        raise Error(f"option source: {source!r} is not the name of a document")
    day: datetime.date | None = None
    if date == "today":
        day = datetime.date.today()
    elif date is not None:
        try:
            day = datetime.date.fromisoformat(str(date))
        except ValueError:
            raise Error(
                f"option date: {date!r} is not a date written YYYY-MM-DD, or today"
            ) from None
    words = ""
    if source is not None:
        words += f" from {source}"
    if day is not None:
        words += f" on {_presentation.long_day(day)}"
    return f"Page generated{words}." if words else ""


def write(
    strategy: Strategy,
    *,
    lang: str | None = None,
    language: str | None = None,
    site: SiteLinks | None = None,
    theme: str | os.PathLike[str] | Theme | None = None,
    notes: bool = False,
    footer: bool = True,
    source: str | None = None,
    date: str | datetime.date | None = None,
) -> str:
    """Return *strategy* as a one-page HTML document.

    A text in another language than the page's is marked with its own ``lang``:
    with *language*, a text that has no translation is in the document's
    ``language`` (``en`` if it has none), and the library's own words (default
    headings, table heads, statuses) are in English.

    Args:
        strategy: The strategy to write.
        lang: The language of the page's text, as a BCP 47 tag (``en-GB``, ``cy``):
            by default *language*, or the document's ``language``, or
            :data:`DEFAULT_LANGUAGE`.
        language: Write the text in this language, from the document's
            translations (:meth:`~orgstrategy.Strategy.translated`).
        site: The links of the page in a site of many strategies, if it is one.
        theme: The page's branding: a theme file (TOML) or a checked theme.
        notes: Show the sources' curator notes and retrieval dates, which a
            public page leaves out.
        footer: Whether the page has a footer (the organisation, the theme's
            footer text, where the page came from).
        source: The name of the document the page is made from, for the footer.
        date: The date the page was made, for the footer: a date, ``YYYY-MM-DD``
            or ``today``.

    Raises:
        Error: *lang* or *language* is not a language tag, or another option's
            value is not what it should be.
        ValidationError: The theme file is not valid, or its colours fall short
            of WCAG 2.1 AA; every problem is located in it.

    .. versionchanged:: next
       The options *theme*, *notes*, *footer*, *source* and *date*.
    """
    for option, value in (("language", language), ("lang", lang)):
        if value is not None and (not isinstance(value, str) or not _LANGUAGE.match(value)):
            raise Error(f"option {option}: {value!r} is not a language tag such as 'en-GB' or 'cy'")
    show_notes, show_footer = _flag("notes", notes), _flag("footer", footer)
    generated = _generated(source, date)
    branding = _theme(theme)
    page = lang or language or strategy.language or DEFAULT_LANGUAGE
    # The document's own text is in its language; a document that does not say is
    # in English, or, written without a translation asked for, in the page's.
    written = strategy.language or (page if language is None else _WORDS)
    languages = _Languages(page, written)
    if language is not None:
        strategy = strategy.translated(language, untranslated=languages.untranslated)
    # What has no translations (sources, plans aligned to) is in the document's language.
    own = languages.untranslated if language is not None else str
    labels = strategy.labels

    def entries(section: _presentation.Section) -> list[_presentation.Entry]:
        found = _presentation.entries(section)
        if "translations" in attrs.fields_dict(section.item):
            return found
        return [_marked(entry, own) for entry in found]

    def heading(section: str) -> str:
        if section in labels:
            return languages.mark(_presentation.heading_case(labels[section]), written)
        return languages.word(_presentation.HEADINGS[section])

    def compact_name(compact: Compact) -> str | None:
        if compact.name is None:
            return None
        return languages.like(_presentation.heading_case(compact.name), compact.name)

    def facts(element: object) -> list[_presentation.Fact]:
        return [  # the status is a badge of its own; what it serves, grouped by plan
            attrs.evolve(
                fact,
                label=languages.word(fact.label),
                values=_served(strategy, element) if fact.label == _SERVES else fact.values,
            )
            for fact in _presentation.facts(strategy, element)
            if not fact.worded
        ]

    title = _presentation.title(strategy)
    subtitle = [
        languages.like(text, strategy.organisation.name) if own_text else languages.word(text)
        for text, own_text in _presentation.byline(strategy)
    ]
    page_title = str(title)
    if strategy.title is not None:
        page_title += f" \N{EN DASH} {strategy.organisation.name}"
    style = stylesheet(branding)
    return _template().render(
        strategy=strategy,
        lang=page,
        words_lang=None if _same_language(page, _WORDS) else _WORDS,
        page_title=page_title,
        title=title,
        subtitle=subtitle,
        statements=list(_presentation.statements(strategy)),
        sections=_presentation.sections(strategy),
        heading=heading,
        compact_name=compact_name,
        facts=facts,
        en=lambda words: languages.word(markupsafe.Markup(words)),  # the template's own
        own=own,
        entries=entries,
        site=site,
        status=lambda element: languages.word(_presentation.status(element)),
        theme=branding,
        notes=show_notes,
        footer=show_footer,
        generated=languages.word(generated),
        notice=languages.word(_NOTICES.get(strategy.status or "", "")),
        style=markupsafe.Markup(style),  # a Theme's values only, each checked (see stylesheet)
        policy=policy(style, branding),
    )
