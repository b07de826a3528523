"""The one-page web page as a PDF for print: the ``pdf`` format.

The page is the HTML writer's, laid out for A4 by WeasyPrint with the page's own
print styles (smaller type, no contents or skip link, headings kept with what
follows them, no aim or figure cut across pages) and page numbers at the foot.
WeasyPrint is an optional dependency (``pip install "orgstrategy[pdf]"``); without
it (or without the Pango library it runs on) the writer says what to install.

Nothing is fetched while the PDF is made: the page holds its own styles and
figures, and any other resource it names (a logo at a URL, say) is left out, so a
document cannot make the writer reach the network or read local files.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

from orgstrategy import _html
from orgstrategy._errors import Error
from orgstrategy._model import Strategy

__all__ = ["PRINT_CSS", "fetcher", "write"]

#: What a PDF adds to the page's own print styles (``@media print``): A4, and
#: the page numbers at the foot.
PRINT_CSS: Final = """
@page {
  size: A4;
  margin: 15mm 14mm 17mm;
  @bottom-right { content: counter(page) " of " counter(pages); font-size: 8pt; color: #444; }
}
"""

INSTALL: Final = 'the PDF writer needs WeasyPrint: pip install "orgstrategy[pdf]"'


def fetcher() -> Any:
    """Return WeasyPrint's URL fetcher for a PDF: of what the page holds (``data:``), alone."""
    import weasyprint

    return weasyprint.URLFetcher(allowed_protocols={"data"}, timeout=1)


@contextmanager
def _quiet() -> Iterator[None]:
    """Keep WeasyPrint's log (its progress, a resource left out) off the terminal."""
    loggers = [logging.getLogger(name) for name in ("weasyprint", "weasyprint.progress")]
    was = [logger.disabled for logger in loggers]
    for logger in loggers:
        logger.disabled = True
    try:
        yield
    finally:
        for logger, disabled in zip(loggers, was, strict=True):
            logger.disabled = disabled


def write(strategy: Strategy, **options: Any) -> bytes:
    """Return *strategy* as a PDF: its one-page web page, printed on A4.

    Args:
        strategy: The strategy to write.
        options: The HTML page's options (:func:`orgstrategy._html.write`): ``lang``,
            ``language``, ``theme``, ``notes``, ``footer``, ``source``, ``date``.

    Raises:
        Error: WeasyPrint is not installed or cannot start, or an option is not valid.
        ValidationError: The theme file has problems.
    """
    with _quiet():  # importing it parses its own style sheets, and says so
        try:
            import weasyprint
        except ImportError:
            raise Error(INSTALL) from None
        except OSError as error:  # the Pango library it loads is missing
            raise Error(f"WeasyPrint cannot start ({error}); {INSTALL}, and Pango") from None
        page = _html.write(strategy, **options)
        document = weasyprint.HTML(string=page, url_fetcher=fetcher())
        pdf: bytes = document.write_pdf(stylesheets=[weasyprint.CSS(string=PRINT_CSS)])
    return pdf
