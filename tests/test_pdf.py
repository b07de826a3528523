"""`convert --to pdf` (issue 20, item 3): the one-pager printed on A4 through WeasyPrint.

The PDFs are read back as a person would: pdfinfo counts the pages, pdftotext
gives the text, pdftoppm renders the first page. The tests skip where WeasyPrint
(or the Pango it runs on) or poppler's tools are absent; the message naming the
extra is tested without them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import orgstrategy
from conftest import EXAMPLES
from orgstrategy import formats
from orgstrategy._cli import main
from orgstrategy._pdf import INSTALL, fetcher

try:
    import weasyprint  # noqa: F401
except (ImportError, OSError):  # OSError: no Pango
    WEASYPRINT = False
else:
    WEASYPRINT = True

needs_weasyprint = pytest.mark.skipif(not WEASYPRINT, reason="WeasyPrint (or Pango) is absent")
POPPLER = all(shutil.which(tool) for tool in ("pdfinfo", "pdftotext", "pdftoppm"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed")

PAGES = [*sorted(EXAMPLES.glob("*.yaml")), *sorted((EXAMPLES / "systems").glob("*.yaml"))]


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def page_count(path: Path) -> int:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    found = re.search(r"^Pages:\s+(\d+)$", done.stdout, re.MULTILINE)
    assert found is not None
    return int(found.group(1))


@needs_weasyprint
@needs_poppler
@pytest.mark.slow
@pytest.mark.parametrize("example", PAGES, ids=lambda path: path.stem)
def test_every_example_prints(example, tmp_path):
    out = tmp_path / "page.pdf"
    assert main(["convert", str(example), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    strategy = orgstrategy.load(example)
    count = page_count(out)
    assert 1 <= count <= 4  # the longest example, on A4
    text = words(pdf_text(out))
    assert words(strategy.title or strategy.organisation.name)[:40] in text
    for goal in strategy.goals:  # every aim is there, on some page
        assert words(goal.name)[:30].lower() in text.lower()
    assert f"1 of {count}" in text  # the page numbers at the foot
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")],
        check=True,
    )
    (first,) = tmp_path.glob("p*.png")
    assert first.stat().st_size > 1000


@needs_weasyprint
@needs_poppler
def test_a_small_strategy_is_on_one_or_two_pages(tmp_path):
    out = tmp_path / "here.pdf"
    assert main(["convert", str(EXAMPLES / "here.yaml"), "--to", "pdf", "-o", str(out)]) == 0
    assert page_count(out) <= 2
    assert "Exceptional care, for everyone." in pdf_text(out)


@needs_weasyprint
@needs_poppler
def test_text_is_text(tmp_path):
    hostile = '<b>bold</b> & <img src="https://evil.example/x.png">'
    strategy = orgstrategy.loads(
        f'orgstrategy: "1.1"\norganisation: {{name: North}}\ngoals: [{{name: {hostile!r}}}]\n'
    )
    out = tmp_path / "h.pdf"
    orgstrategy.dump(strategy, out)
    assert hostile in words(pdf_text(out))


@needs_weasyprint
def test_the_python_api_writes_bytes(tmp_path):
    strategy = orgstrategy.load(EXAMPLES / "here.yaml")
    pdf = formats.get("pdf").write_bytes(strategy)
    assert pdf.startswith(b"%PDF-")
    with pytest.raises(orgstrategy.Error, match="written as bytes, not text"):
        orgstrategy.dumps(strategy, "pdf")


@needs_weasyprint
def test_standard_output_takes_the_bytes_unless_a_terminal(tmp_path):
    command = [sys.executable, "-m", "orgstrategy", "convert", str(EXAMPLES / "here.yaml")]
    done = subprocess.run([*command, "--to", "pdf"], capture_output=True, check=False)
    assert done.returncode == 0
    assert done.stdout.startswith(b"%PDF-")


def test_to_a_terminal_it_is_refused(capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["convert", str(EXAMPLES / "here.yaml"), "--to", "pdf"]) == 2
    assert "pdf is not text: write it to a file with -o FILE" in capsys.readouterr().err


def test_without_weasyprint_the_message_names_the_extra(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails
    out = tmp_path / "x.pdf"
    assert main(["convert", str(EXAMPLES / "here.yaml"), "-o", str(out)]) == 2
    assert INSTALL in capsys.readouterr().err
    assert 'pip install "orgstrategy[pdf]"' in INSTALL
    assert not out.exists()


def test_without_pango_the_message_says_so(capsys, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_pango(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pango)
    with pytest.raises(orgstrategy.Error, match=r"cannot load library 'libpango-1\.0-0'.*Pango"):
        formats.get("pdf").write_bytes(orgstrategy.load(EXAMPLES / "here.yaml"))


@needs_weasyprint
@pytest.mark.parametrize(
    "url", ["https://evil.example/logo.png", "file:///etc/passwd", "http://169.254.169.254/"]
)
def test_nothing_is_fetched(url):
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher().fetch(url)


@needs_weasyprint
def test_what_the_page_holds_is_fetched():
    fetched = fetcher().fetch("data:text/plain;base64,aGk=")
    assert fetched is not None


def test_a_binary_writer_must_give_bytes():
    strategy = orgstrategy.load(EXAMPLES / "here.yaml")
    odd = formats.Format(name="odd", writer=lambda s: "text", binary=True, package="odd-package")
    with pytest.raises(orgstrategy.Error, match="odd-package returned str, not bytes"):
        odd.write_bytes(strategy)
    assert formats.get("yaml").write_bytes(strategy) == orgstrategy.dumps(strategy).encode()


@needs_weasyprint
def test_standard_output_in_process(capsysbinary):
    assert main(["convert", str(EXAMPLES / "here.yaml"), "--to", "pdf"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"%PDF-")
