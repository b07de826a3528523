"""The gallery: every example rendered as the writers render it, rebuilt by each docs build.

For each document in ``examples/`` and ``examples/systems/`` the build writes its
one-page site with ``orgstrategy convert``, photographs it in headless Chromium at
1280 and 390 pixels wide, prints it to PDF and renders the PDF's first page
(WeasyPrint and poppler's ``pdftoppm``), and draws its Mermaid map
(``@mermaid-js/mermaid-cli``, as ``.ci/run`` installs it in ``.ci/node``). The
files go into the HTML output's ``gallery/`` folder, and the ``gallery`` directive
shows them. A tool that is absent leaves its pictures out, and the page says so:
the build never fails for want of a browser.
"""

from __future__ import annotations

import html
import importlib.util
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive

from orgstrategy._cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = [
    *sorted((ROOT / "examples").glob("*.yaml")),
    *sorted((ROOT / "examples" / "systems").glob("*.yaml")),
    # a plan with measures and a year's results: its charts
    ROOT / "examples" / "versions" / "notts-fire" / "2023-24.yaml",
]
WIDTHS = (1280, 390)
HEIGHT = 1600  # the first screens of the page
_KEPT: list[tempfile.TemporaryDirectory[str]] = []
_BUILT: dict[str, Any] = {"entries": [], "missing": []}


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _mmdc() -> str | None:
    local = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "mmdc"
    return str(local) if local.exists() else shutil.which("mmdc")


def _run(command: list[str], **kwargs: Any) -> bool:
    try:
        done = subprocess.run(command, capture_output=True, timeout=120, check=False, **kwargs)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _screenshots(browser: str, page: Path, out: Path, name: str) -> list[str]:
    shots = []
    for width in WIDTHS:
        shot = out / f"{name}-{width}.png"
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size={width},{HEIGHT}",
            f"--screenshot={shot}",
            page.as_uri(),
        ]
        if _run(command) and shot.exists():
            shots.append(shot.name)
    return shots


def _pdf_page(page: Path, out: Path, name: str) -> str | None:
    pdf = out / f"{name}.pdf"
    if main(["convert", str(page), "--to", "pdf", "-o", str(pdf)]) != 0:
        return None
    if shutil.which("pdftoppm") is None:
        return None
    stem = out / f"{name}-pdf"
    if not _run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)]
    ):
        return None
    return f"{stem.name}.png"


def _map(mmdc: str, source: Path, out: Path, name: str, config: Path) -> str | None:
    chart = out / f"{name}.mmd"
    if main(["convert", str(source), "--to", "mermaid", "-o", str(chart)]) != 0:
        return None
    svg = out / f"{name}-map.svg"
    if not _run([mmdc, "-q", "-p", str(config), "-i", str(chart), "-o", str(svg)]):
        return None
    return svg.name


def _build(app: Any) -> None:
    if app.builder.format != "html":
        return
    folder = tempfile.TemporaryDirectory(prefix="orgstrategy-docs-gallery-")
    _KEPT.append(folder)
    out = Path(folder.name) / "gallery"
    out.mkdir()
    browser, mmdc = _browser(), _mmdc()
    weasy = importlib.util.find_spec("weasyprint") is not None  # a PDF that fails: no page
    config = out / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": browser or "", "args": ["--no-sandbox"]}))
    missing = []
    if browser is None:
        missing.append("headless Chromium (the screenshots)")
    if not weasy or shutil.which("pdftoppm") is None:
        missing.append("WeasyPrint and poppler's pdftoppm (the PDF pages)")
    if mmdc is None or browser is None:
        missing.append("mermaid-cli (the maps)")
    entries = []
    for example in EXAMPLES:
        name = example.parent.name if example.parent.parent.name == "versions" else example.stem
        page = out / f"{name}.html"
        if main(["convert", str(example), "--to", "html", "-o", str(page)]) != 0:
            raise RuntimeError(f"orgstrategy convert {example} --to html failed")
        entry = {"name": name, "page": page.name, "shots": [], "pdf": None, "map": None}
        if browser is not None:
            entry["shots"] = _screenshots(browser, page, out, name)
        if weasy:
            entry["pdf"] = _pdf_page(example, out, name)
        if mmdc is not None and browser is not None:
            entry["map"] = _map(mmdc, example, out, name, config)
        entries.append(entry)
    config.unlink()
    _BUILT["entries"], _BUILT["missing"] = entries, missing
    app.config.html_extra_path.append(folder.name)


class Gallery(Directive):
    """``.. gallery::``: every example's pictures, as the build made them."""

    def run(self) -> list[nodes.Node]:
        parts = []
        if _BUILT["missing"]:
            absent = "; ".join(_BUILT["missing"])
            parts.append(f"<p><em>Not in this build, for want of: {html.escape(absent)}.</em></p>")
        for entry in _BUILT["entries"]:
            name = html.escape(entry["name"])
            parts.append(f'<h2 id="{name}">{name}</h2>')
            parts.append(f'<p><a href="gallery/{name}.html">The page</a></p>')
            figures = [
                (shot, f"{name}, at {shot.rsplit('-', 1)[1].removesuffix('.png')} pixels wide")
                for shot in entry["shots"]
            ]
            if entry["pdf"]:
                figures.append((entry["pdf"], f"{name}: the PDF's first page"))
            if entry["map"]:
                figures.append((entry["map"], f"{name}: the strategy map"))
            parts.append('<div class="gallery-row">')
            for file, caption in figures:
                source = html.escape(f"gallery/{file}")
                parts.append(
                    f'<figure><a href="{source}"><img src="{source}" alt="{html.escape(caption)}"'
                    f' loading="lazy"></a><figcaption>{html.escape(caption)}</figcaption></figure>'
                )
            parts.append("</div>")
        style = (
            "<style>.gallery-row{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}"
            ".gallery-row figure{margin:0;max-width:100%}.gallery-row img{max-height:480px;"
            "max-width:100%;border:1px solid #ccc}</style>"
        )
        return [nodes.raw("", style + "\n".join(parts), format="html")]


def setup(app: Any) -> dict[str, Any]:
    """Register the gallery's build and directive with Sphinx."""
    app.connect("builder-inited", _build)
    app.add_directive("gallery", Gallery)
    return {"parallel_read_safe": True}
