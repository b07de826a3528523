"""The HTML writer: a strategy as one self-contained, accessible, printable web page.

The page is rendered from a Jinja2 template (``templates/strategy.html.j2``) with
autoescaping on, so every text from the document is escaped. It has no external
assets (the stylesheet is inline), semantic landmarks and headings, a ``lang``
attribute, a layout that reads on a phone, and a print stylesheet.

Links go only to ``http``, ``https`` and ``mailto`` URLs (any other URL, such as
``javascript:``, is shown as text), and the page's Content-Security-Policy
(``default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action
'none'``) allows nothing but its inline stylesheet: no script, plugin, frame,
form or fetched resource, should the page ever hold markup it should not.
"""

from __future__ import annotations

import functools
import re
from typing import Final

import jinja2

from orgstrategy import _presentation
from orgstrategy._model import Strategy

__all__ = ["DEFAULT_LANGUAGE", "write"]

#: The page's language when none is given: British English, as the seeds are written.
DEFAULT_LANGUAGE: Final = "en-GB"
_LANGUAGE: Final = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*\Z")


def _paragraphs(text: str | None) -> list[str]:
    if text is None:
        return []
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


@functools.cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("orgstrategy", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["paragraphs"] = _paragraphs
    environment.filters["quantity"] = _presentation.quantity
    environment.filters["day"] = _presentation.day
    environment.filters["link"] = _presentation.link
    environment.globals["measure_rows"] = _presentation.measure_rows
    environment.globals["parts"] = _presentation.parts
    environment.globals["MEASURES"] = _presentation.MEASURES
    environment.filters["status"] = _presentation.status
    environment.filters["unowned"] = lambda measure: ("", measure)
    return environment.get_template("strategy.html.j2")


def write(strategy: Strategy, *, lang: str | None = None, language: str | None = None) -> str:
    """Return *strategy* as a one-page HTML document.

    Args:
        strategy: The strategy to write.
        lang: The language of the page's text, as a BCP 47 tag (``en-GB``, ``cy``):
            by default *language*, or the document's ``language``, or
            :data:`DEFAULT_LANGUAGE`.
        language: Write the text in this language, from the document's
            translations (:meth:`~orgstrategy.Strategy.translated`).

    Raises:
        Error: *lang* or *language* is not a language tag.
    """
    if language is not None:
        if not isinstance(language, str) or not _LANGUAGE.match(language):
            from orgstrategy._errors import Error

            raise Error(
                f"option language: {language!r} is not a language tag such as 'en-GB' or 'cy'"
            )
        strategy = strategy.translated(language)
    if lang is None:
        lang = strategy.language or DEFAULT_LANGUAGE
    if not isinstance(lang, str) or not _LANGUAGE.match(lang):
        from orgstrategy._errors import Error

        raise Error(f"option lang: {lang!r} is not a language tag such as 'en-GB' or 'cy'")
    return _template().render(
        strategy=strategy,
        lang=lang,
        title=_presentation.title(strategy),
        subtitle=_presentation.subtitle(strategy),
        statements=list(_presentation.statements(strategy)),
        sections=_presentation.sections(strategy),
        heading=functools.partial(_presentation.heading, strategy),
        facts=functools.partial(_presentation.facts, strategy),
    )
