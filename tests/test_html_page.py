"""The HTML one-pager's pieces: its byline and headings, themes and their contrast, charts, options."""

from __future__ import annotations

import base64
import datetime
import html
import html.parser
import re
from pathlib import Path

import markupsafe
import pytest
from hypothesis import given
from hypothesis import strategies as st

import orgstrategy
from conftest import EXAMPLES, MINIMAL
from orgstrategy._cli import main
from orgstrategy._figures import _BOTTOM, _LEFT, _RIGHT, _TOP, HEIGHT, WIDTH, chart, result_period
from orgstrategy._html import policy, stylesheet
from orgstrategy._model import Measure, Result
from orgstrategy._presentation import byline, heading_case, long_day, quantity
from orgstrategy._theme import (
    AA,
    INK,
    MUTED,
    WHITE,
    Theme,
    contrast,
    contrasts,
    load_theme,
    loads_theme,
    luminance,
    mix,
)

HEAD = 'orgstrategy: "1.1"\norganisation: {name: Here}\n'
THEME = EXAMPLES / "themes" / "riverside.toml"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def page(document: str, **options: object) -> str:
    return orgstrategy.dumps(orgstrategy.loads(document), "html", **options)


def problems(text: str, **options: object) -> list[str]:
    with pytest.raises(orgstrategy.ValidationError) as raised:
        loads_theme(text, file="theme.toml", **options)  # type: ignore[arg-type]
    return [str(problem) for problem in raised.value.errors]


class TestByline:
    """What goes under the title reads as English, from whatever the document has."""

    @pytest.mark.parametrize(
        ("document", "expected"),
        [
            ("", []),
            ("title: Plan\n", ["Here"]),
            ("period: {start: 2024, end: 2029}\n", ["2024 to 2029"]),
            ("period: {start: 2024}\n", ["From 2024"]),
            ("period: {end: 2030}\n", ["Until 2030"]),
            ("status: published\n", ["Published"]),
            ("status: published\npublished: 2023-05-30\n", ["Published 30 May 2023"]),
            ("published: 2023-05-30\n", ["Published 30 May 2023"]),
            ("status: draft\npublished: 2024-01-02\n", ["Draft of 2 January 2024"]),
            ("status: consultation\n", ["Consultation draft"]),
            (
                "status: superseded\npublished: 2022-04-01\n",
                ["Superseded (published 1 April 2022)"],
            ),
            ('version: "2.1"\n', ["Version 2.1"]),
            ("version: v3\n", ["Version 3"]),
            ("version: next chapter\n", ["Next chapter"]),
            ('version: "2023-35"\n', ["2023-35"]),
            (
                "title: Plan\nperiod: {start: 2023, end: 2035}\nstatus: published\n"
                'published: 2023-05-30\nversion: "2"\n',
                ["Here", "2023 to 2035", "Published 30 May 2023", "Version 2"],
            ),
        ],
    )
    def test_wording(self, document, expected):
        assert [text for text, _ in byline(orgstrategy.loads(HEAD + document))] == expected

    @pytest.mark.parametrize(
        ("short", "expected"),
        [("TEWV", "Tees Trust (TEWV)"), ("Tees Trust", "Tees Trust"), ("Tees NHS", "Tees Trust")],
    )
    def test_a_short_name_is_added_when_it_is_one_word(self, short, expected):
        strategy = orgstrategy.loads(
            f'orgstrategy: "1.0"\norganisation: {{name: Tees Trust, short_name: {short}}}\n'
            "title: Plan\n"
        )
        assert byline(strategy) == [(expected, True)]

    def test_which_phrases_are_the_documents_own_text(self):
        strategy = orgstrategy.loads(HEAD + "title: P\nstatus: published\nversion: next\n")
        assert byline(strategy) == [("Here", True), ("Published", False), ("Next", True)]

    def test_the_page_shows_it(self):
        shown = page(HEAD + "title: Plan\nstatus: published\npublished: 2023-05-30\n")
        assert (
            '<p class="subtitle"><span>Here</span><span>Published 30 May 2023</span></p>' in shown
        )

    @pytest.mark.parametrize(
        ("status", "notice"),
        [
            ("draft", "This is a draft: it may change before it is published."),
            ("superseded", "This strategy has been superseded: a newer one replaces it."),
            ("published", None),
        ],
    )
    def test_a_strategy_not_in_force_says_so(self, status, notice):
        shown = page(HEAD + f"status: {status}\n")
        if notice is None:
            assert 'class="notice"' not in shown
        else:
            assert f'<p class="notice">{notice}</p>' in shown

    def test_long_days(self):
        assert long_day(2025) == "2025"
        assert long_day(datetime.date(2025, 12, 31)) == "31 December 2025"


class TestHeadings:
    """Labels and names are capitalised as headings, acronyms and odd casing left alone."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("joint action areas", "Joint action areas"),
            ("NHS priorities", "NHS priorities"),
            ("our NHS", "Our NHS"),
            ("eHealth", "eHealth"),
            ("iPhone apps", "iPhone apps"),
            ("  leading space", "  Leading space"),
            ("10-year plan", "10-year plan"),
            ("«quoted»", "«quoted»"),
            ("ŵyr", "Ŵyr"),
            ("", ""),
            ("   ", "   "),
        ],
    )
    def test_heading_case(self, text, expected):
        assert heading_case(text) == expected

    def test_labels_are_headings_and_menu_items(self):
        shown = page(HEAD + "labels: {goals: joint action areas}\ngoals: [Care]\n")
        assert '<h2 id="goals-heading">Joint action areas</h2>' in shown
        assert '<li><a href="#goals">Joint action areas</a></li>' in shown

    def test_names_of_aims_and_the_compact_are_headings(self):
        shown = page(
            HEAD + "goals: [we will care]\ncompact: {name: our compact, commitments: [Listen]}\n"
        )
        assert ">We will care</h3>" in shown
        assert '<h2 id="compact-heading">Our compact</h2>' in shown
        assert '<li><a href="#compact">Our compact</a></li>' in shown


class TestContrast:
    """Contrast ratios are WCAG 2.1's, and every theme that loads meets AA."""

    @pytest.mark.parametrize(
        ("one", "other", "ratio"),
        [
            ("#767676", "#ffffff", 4.54),  # the lightest grey that passes on white
            ("#777777", "#ffffff", 4.48),
            ("#000000", "#ffffff", 21.0),
            ("#fff", "#fff", 1.0),
            ("#005eb8", "#ffffff", 6.38),  # NHS blue
            ("#ffb81c", "#212b32", 8.33),
        ],
    )
    def test_ratios(self, one, other, ratio):
        assert round(contrast(one, other), 2) == ratio
        assert contrast(one, other) == contrast(other, one)

    def test_luminance(self):
        assert luminance("#ffffff") == 1.0
        assert luminance("#000") == 0.0
        assert round(luminance("#808080"), 4) == 0.2159

    def test_mix(self):
        assert mix("#000", "#ffffff", 0.0) == "#ffffff"
        assert mix("#000000", "#fff", 1.0) == "#000000"

    def test_the_pairs_the_page_makes(self):
        theme = Theme(primary="#003087", accent="#ffeb3b")
        assert [(pair.key, pair.text, pair.background) for pair in contrasts(theme)] == [
            ("primary", "#003087", WHITE),
            ("primary", "#003087", theme.panel),
            ("primary", INK, theme.panel),
            ("primary", MUTED, theme.panel),
            ("accent", INK, "#ffeb3b"),
        ]

    def test_a_light_primary_is_refused(self):
        found, *_ = problems('\n\nprimary = "#4d9de0"\n')
        assert found.startswith("theme.toml:3:11: error contrast: primary: primary #4d9de0 gives")
        assert "a contrast of 2.91:1 (links and headings on white" in found
        assert found.endswith("WCAG 2.1 AA needs 4.5:1 for text: use a darker primary colour")

    def test_a_dark_accent_is_refused(self):
        (found,) = problems('accent = "#005eb8"')
        assert found.startswith("theme.toml:1:10: error contrast: accent: accent #005eb8")
        assert found.endswith("use a lighter accent colour")

    def test_both(self):
        found = problems('primary = "#9ab"\naccent = "#333"')
        assert [line.split(": ")[1] for line in found] == ["error contrast"] * 3

    @given(st.from_regex(r"\A#[0-9a-f]{6}\Z"), st.from_regex(r"\A#[0-9a-f]{6}\Z"))
    def test_every_theme_that_loads_meets_aa(self, primary, accent):
        text = f'primary = "{primary}"\naccent = "{accent}"'
        theme = Theme(primary=primary, accent=accent)
        if all(pair.ratio >= AA for pair in contrasts(theme)):
            assert loads_theme(text) == theme
        else:  # refused, for its contrast alone
            with pytest.raises(orgstrategy.ValidationError, match="error contrast: ") as refused:
                loads_theme(text)
            assert {problem.code for problem in refused.value.errors} == {"contrast"}


class TestThemeFile:
    """A theme file is checked like a document: every problem located, nothing escaped into CSS."""

    def test_the_example(self):
        theme = load_theme(THEME)
        assert (theme.primary, theme.accent) == ("#00436d", "#ffcd60")
        assert theme.font == '"Source Sans 3", "Segoe UI", Arial, sans-serif'
        assert theme.logo is not None
        assert theme.logo.startswith("data:image/svg+xml;base64,")
        assert theme.logo_alt == "Riverside Health"
        assert theme.footer is not None
        assert theme.image_source == "data:"

    def test_an_empty_theme_is_the_default(self):
        assert loads_theme("") == Theme()
        assert Theme().image_source is None

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                'primary = "red; } body {display:none"',
                "theme.toml:1:11: error theme: primary: 'red; } body {display:none' is not a "
                "colour written #rrggbb or #rgb, such as '#005eb8'",
            ),
            (
                '\naccent = "#ffb81c80"',
                "theme.toml:2:10: error theme: accent: '#ffb81c80' is not a colour written "
                "#rrggbb or #rgb, such as '#ffb81c'",
            ),
            (
                "font = 'Arial</style><script>alert(1)</script>'",
                "theme.toml:1:8: error theme: font: 'Arial</style><script>alert(1)</script>' is "
                "not a font stack: font names, quoted or not, separated by commas (letters, "
                "digits, spaces and hyphens), such as 'Frutiger, Arial, sans-serif'",
            ),
            (
                'font = "Arial; } * { color: red"',
                "theme.toml:1:8: error theme: font: 'Arial; } * { color: red' is not a font "
                "stack: font names, quoted or not, separated by commas (letters, digits, spaces "
                "and hyphens), such as 'Frutiger, Arial, sans-serif'",
            ),
            (
                'logo = "javascript:alert(1)"',
                "theme.toml:1:8: error theme: logo: 'javascript:alert(1)' is not an http or "
                "https URL, or the path of a PNG, JPEG, GIF, WebP or SVG file (relative to the "
                "theme file)",
            ),
            (
                'logo = "data:image/svg+xml,<svg onload=alert(1)>"',
                "theme.toml:1:8: error theme: logo: 'data:image/svg+xml,<svg onload=alert(1)>' "
                "is not an http or https URL, or the path of a PNG, JPEG, GIF, WebP or SVG file "
                "(relative to the theme file)",
            ),
            (
                "primary = 5",
                "theme.toml:1:11: error theme: primary: 5 is not a colour written #rrggbb or "
                "#rgb, such as '#005eb8'",
            ),
            ('footer = " "', "theme.toml:1:10: error theme: footer: must not be empty"),
            (
                f'logo_alt = "{"x" * 201}"',
                "theme.toml:1:12: error theme: logo_alt: longer than 200 characters",
            ),
            (
                'colour = "#005eb8"',
                "theme.toml:1:1: error theme: colour: unknown key 'colour' (a theme has: "
                "accent, font, footer, logo, logo_alt, primary)",
            ),
            (
                '  "primry" = "#005eb8"',
                "theme.toml:1:3: error theme: primry: unknown key 'primry'; did you mean "
                "'primary'? (a theme has: accent, font, footer, logo, logo_alt, primary)",
            ),
            (
                "[logo]\nfile = 'x.png'",
                "theme.toml:1:2: error theme: logo: {'file': 'x.png'} is not an http or https "
                "URL, or the path of a PNG, JPEG, GIF, WebP or SVG file (relative to the theme "
                "file)",
            ),
            (
                'primary = "#005eb8"\nprimary = "#000"',
                "theme.toml:2:17: error theme: TOML syntax: Cannot overwrite a value",
            ),
            ("footer = '''\nprimary = 1\n'''\nfont = 2", None),
        ],
    )
    def test_problems_are_located(self, text, expected):
        found = problems(text)
        if expected is None:  # a key inside a multi-line string is not a key
            assert found == [
                "theme.toml:4:8: error theme: font: 2 is not a font stack: font names, quoted "
                "or not, separated by commas (letters, digits, spaces and hyphens), such as "
                "'Frutiger, Arial, sans-serif'"
            ]
        else:
            assert found == [expected]

    def test_every_problem_at_once(self):
        found = problems('primary = "red"\naccent = "blue"\nsize = 3\n')
        assert [line.split(":")[1] for line in found] == ["1", "2", "3"]

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("primary", "red; }"),
            ("accent", "#12345"),
            ("font", "</style>"),
            ("logo", "javascript:alert(1)"),
            ("logo", "data:text/html,<script>"),
        ],
    )
    def test_the_class_refuses_what_the_schema_refuses(self, field, value):
        with pytest.raises(ValueError, match=f"{field}.* must match regex"):
            Theme(**{field: value})

    def test_a_logo_by_url(self):
        theme = loads_theme('logo = "https://Cdn.Example.org:8443/logo.png?v=2"')
        assert theme.logo == "https://Cdn.Example.org:8443/logo.png?v=2"
        assert theme.image_source == "https://cdn.example.org:8443"

    @pytest.mark.parametrize(
        ("name", "data", "kind"),
        [
            ("logo.png", PNG, "image/png"),
            ("logo.JPG", b"\xff\xd8\xff\xe0rest", "image/jpeg"),
            ("logo.gif", b"GIF89a....", "image/gif"),
            ("logo.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
            ("logo.svg", b'<?xml version="1.0"?>\n<svg xmlns="x"/>', "image/svg+xml"),
        ],
    )
    def test_a_logo_file_is_embedded(self, tmp_path, name, data, kind):
        (tmp_path / name).write_bytes(data)
        (tmp_path / "theme.toml").write_text(f'logo = "{name}"', encoding="utf-8")
        theme = load_theme(tmp_path / "theme.toml")
        assert theme.logo == f"data:{kind};base64,{base64.b64encode(data).decode()}"

    def test_a_logo_file_relative_to_the_current_folder(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        (tmp_path / "logo.png").write_bytes(PNG)
        assert loads_theme('logo = "logo.png"').image_source == "data:"

    def test_a_logo_that_is_not_its_kind(self, tmp_path):
        (tmp_path / "logo.png").write_bytes(b"<svg>")
        assert problems('logo = "logo.png"', base=tmp_path) == [
            "theme.toml:1:8: error theme: logo: 'logo.png' is not a PNG image"
        ]

    def test_a_logo_that_cannot_be_read(self, tmp_path):
        (found,) = problems('\nlogo = "missing.svg"', base=tmp_path)
        assert found.startswith("theme.toml:2:8: error theme: logo: cannot read the logo: ")
        assert "missing.svg" in found

    def test_a_logo_too_large(self, tmp_path):
        (tmp_path / "big.png").write_bytes(PNG + b"\x00" * 512 * 1024)
        assert problems('logo = "big.png"', base=tmp_path) == [
            "theme.toml:1:8: error theme: logo: the logo is larger than 512 KB"
        ]

    def test_a_file_that_cannot_be_read(self, tmp_path):
        with pytest.raises(orgstrategy.FileError, match="cannot read"):
            load_theme(tmp_path / "none.toml")

    def test_a_file_too_large(self, tmp_path):
        (tmp_path / "theme.toml").write_text("# x\n" * 20_000, encoding="utf-8")
        with pytest.raises(orgstrategy.ValidationError, match="at most 64 KB"):
            load_theme(tmp_path / "theme.toml")

    def test_a_file_not_in_utf_8(self, tmp_path):
        (tmp_path / "theme.toml").write_bytes(b'footer = "caf\xe9"')
        with pytest.raises(orgstrategy.ValidationError, match="not UTF-8: invalid"):
            load_theme(tmp_path / "theme.toml")

    def test_a_syntax_error_without_a_place(self, monkeypatch):
        def broken(text: str) -> object:
            raise ValueError("something odd")

        monkeypatch.setattr("orgstrategy._theme._toml", broken)
        assert problems("x") == ["theme.toml:1:1: error theme: TOML syntax: something odd"]


class TestThemedPage:
    """A theme's values are the stylesheet's custom properties; its logo and footer are shown."""

    def test_the_stylesheet_and_policy(self):
        theme = Theme(primary="#003087", font="Frutiger, Arial, sans-serif")
        style = stylesheet(theme)
        assert style.startswith(
            "\n:root { color-scheme: light; --primary: #003087; --accent: #ffb81c; "
            f"--panel: {theme.panel}; --ink: #212b32; --muted: #4c6272; --rule: #d8dde0; "
            "--font: Frutiger, Arial, sans-serif; }\n"
        )
        assert policy(style, theme).startswith(
            "default-src 'none'; script-src 'none'; style-src 'sha256-"
        )
        assert policy(style, theme).endswith("'; base-uri 'none'; form-action 'none'")

    def test_the_page(self):
        shown = page(MINIMAL + "title: Plan\n", theme=THEME)
        assert '<img class="logo" src="data:image/svg+xml;base64,' in shown
        assert 'alt="Riverside Health">' in shown
        assert "<p>Riverside Health is a fictional organisation: this theme is an example.</p>" in (
            shown
        )
        assert "img-src data:;" in html.unescape(shown)
        assert "--primary: #00436d;" in shown

    def test_a_logo_by_url_is_allowed_by_the_policy(self):
        theme = Theme(logo="https://example.org/logo.png")
        shown = html.unescape(page(MINIMAL, theme=theme))
        assert "img-src https://example.org; base-uri" in shown
        assert 'alt="Here">' in shown  # the organisation's name, by default

    def test_a_bad_theme_option(self):
        with pytest.raises(orgstrategy.Error, match="option theme: 5 is not the path"):
            page(MINIMAL, theme=5)

    def test_the_command_line_refuses_a_bad_theme(self, tmp_path, capsys):
        theme = tmp_path / "theme.toml"
        theme.write_text('primary = "#ff0000"\nfont = "x</style>"\n', encoding="utf-8")
        document = tmp_path / "s.yaml"
        document.write_text(MINIMAL, encoding="utf-8")
        out = tmp_path / "s.html"
        code = main(["convert", str(document), "-O", f"theme={theme}", "-o", str(out)])
        err = capsys.readouterr().err
        assert code == 2
        assert err.splitlines() == [
            f"{theme}:2:8: error theme: font: 'x</style>' is not a font stack: font names, "
            "quoted or not, separated by commas (letters, digits, spaces and hyphens), such as "
            "'Frutiger, Arial, sans-serif'"
        ]
        assert not out.exists()

    def test_the_command_line_with_the_example(self, tmp_path, capsys):
        out = tmp_path / "s.html"
        example = EXAMPLES / "here.yaml"
        assert main(["convert", str(example), "-O", f"theme={THEME}", "-o", str(out)]) == 0
        assert "--primary: #00436d;" in out.read_text(encoding="utf-8")


class TestOptions:
    """Curator notes stay out of a public page; the footer says where it came from."""

    SOURCES = (
        HEAD
        + "sources:\n"
        + "  - {title: The plan, url: 'https://example.org/p', author: NHS Here,"
        + " retrieved: 2025-01-31, note: the author is not named in the text}\n"
        + "  - {title: Notes only, note: from a leaflet}\n"
        + "  - {url: 'javascript:alert(1)', retrieved: 2025-02-01}\n"
    )

    def test_sources_are_linked_titles(self):
        shown = page(self.SOURCES)
        assert (
            '<li><a href="https://example.org/p">The plan</a> <span class="by">(NHS Here)</span>'
            "</li>"
        ) in shown
        assert "<li>Notes only</li>" in shown
        assert "<li>javascript:alert(1)</li>" in shown
        assert "not named" not in shown
        assert "Retrieved" not in shown

    def test_notes_on_request(self):
        shown = page(self.SOURCES, notes=True)
        assert (
            '<br><span class="note">Retrieved <time datetime="2025-01-31">31 January 2025</time>'
            ': </span><span class="note">the author is not named in the text</span></li>'
        ) in shown
        assert '<li>Notes only<br><span class="note">from a leaflet</span></li>' in shown
        assert (
            '<li>javascript:alert(1)<br><span class="note">Retrieved '
            '<time datetime="2025-02-01">1 February 2025</time></span></li>'
        ) in shown

    def test_the_footer(self):
        shown = page(
            MINIMAL + "  url: https://here.example/\n", source="strategy.yaml", date="2026-12-02"
        )
        assert (
            '<p>Here: <a href="https://here.example/">https://here.example/</a></p>\n'
            "<p>Page generated from strategy.yaml on 2 December 2026.</p>"
        ) in shown
        assert "orgstrategy" not in shown.partition("<footer")[2]

    @pytest.mark.parametrize(
        ("options", "expected"),
        [
            ({"source": "a.yaml"}, "<p>Page generated from a.yaml.</p>"),
            ({"date": datetime.date(2026, 1, 5)}, "<p>Page generated on 5 January 2026.</p>"),
            ({}, "<p>Here</p>\n</div>\n</footer>"),
        ],
    )
    def test_the_footer_says_what_it_is_told(self, options, expected):
        assert expected in page(MINIMAL, **options)

    def test_today(self):
        today = long_day(datetime.date.today())
        assert f"Page generated on {today}." in page(MINIMAL, date="today")

    def test_no_footer(self):
        assert "<footer" not in page(MINIMAL, footer=False)

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            ({"notes": "maybe"}, "option notes: 'maybe' is not true or false"),
            ({"footer": "x"}, "option footer: 'x' is not true or false"),
            ({"source": " "}, "option source: ' ' is not the name of a document"),
            ({"source": True}, "option source: True is not the name of a document"),
            ({"date": "yesterday"}, "option date: 'yesterday' is not a date written YYYY-MM-DD"),
        ],
    )
    def test_bad_options(self, options, message):
        with pytest.raises(orgstrategy.Error, match=re.escape(message)):
            page(MINIMAL, **options)

    def test_the_command_line_names_the_input(self, tmp_path, capsys):
        document = tmp_path / "our-plan.yaml"
        document.write_text(MINIMAL, encoding="utf-8")
        assert main(["convert", str(document), "--to", "html"]) == 0
        assert "<p>Page generated from our-plan.yaml.</p>" in capsys.readouterr().out
        assert main(["convert", str(document), "--to", "html", "-O", "source=x.yaml"]) == 0
        assert "<p>Page generated from x.yaml.</p>" in capsys.readouterr().out
        assert main(["convert", str(document), "--to", "html", "-O", "footer=false"]) == 0
        assert "<footer" not in capsys.readouterr().out


MEASURE = """\
measures:
  - name: Seen on time
    unit: "%"
    baseline: 10
    target: 20
    due: 2026-03-31
    direction: increase
    status: on-track
    results: [{period: 2024/25, target: 15, actual: 12}]
"""

SVG = """\
<svg class="chart" role="img" viewBox="0 0 320 168" width="320" height="168" \
aria-labelledby="measures-figure-1-title" aria-describedby="measures-figure-1-desc">
<title id="measures-figure-1-title">Seen on time</title>
<desc id="measures-figure-1-desc">Actual: Baseline 10%; 2024/25 12%. \
Target: 2024/25 15%; Target 2026 20%. Higher is better.</desc>
<line class="axis" x1="48" y1="138" x2="308" y2="138"/>
<line class="axis" x1="48" y1="138.0" x2="308" y2="138.0"/>
<text x="42.0" y="142.0" text-anchor="end">0%</text>
<line class="axis" x1="48" y1="77.0" x2="308" y2="77.0"/>
<text x="42.0" y="81.0" text-anchor="end">10%</text>
<line class="axis" x1="48" y1="16.0" x2="308" y2="16.0"/>
<text x="42.0" y="20.0" text-anchor="end">20%</text>
<text x="62.0" y="158.0" text-anchor="middle">Baseline</text>
<text x="178.0" y="158.0" text-anchor="middle">2024/25</text>
<text x="294.0" y="158.0" text-anchor="end">Target 2026</text>
<line class="goal" x1="48" y1="16.0" x2="308" y2="16.0"/>
<polyline class="target" points="62.0,77.0 178.0,46.5 294.0,16.0"/>
<circle class="target-point" cx="62.0" cy="77.0" r="3.5"/>
<circle class="target-point" cx="178.0" cy="46.5" r="3.5"/>
<circle class="target-point" cx="294.0" cy="16.0" r="3.5"/>
<polyline class="actual" points="62.0,77.0 178.0,64.8"/>
<circle class="actual-point" cx="62.0" cy="77.0" r="4"/>
<circle class="actual-point" cx="178.0" cy="64.8" r="4"/>
</svg>
"""


def measure(**fields: object) -> Measure:
    return Measure(name="M", **fields)  # type: ignore[arg-type]


class TestCharts:
    """A measure with two numbers or more is a chart; its numbers are in words and in a table."""

    def test_the_svg_of_a_known_measure(self):
        shown = page(HEAD + MEASURE)
        assert SVG in shown
        assert (
            '<figcaption id="measures-figure-1-caption">Seen on time <span class="direction">'
            '(Higher is better)</span> <span class="badge status-on-track"><span '
            'class="visually-hidden">Status: </span>On track</span></figcaption>'
        ) in shown
        assert '<li class="key-goal">Target 20%</li>' in shown
        assert (
            '<tr><th scope="row">2024/25</th><td class="number">15%</td>'
            '<td class="number">12%</td><td></td></tr>'
        ) in shown

    def test_in_another_language_the_chart_marks_its_words(self):
        document = HEAD + "language: en\n" + MEASURE
        shown = page(document, language="cy")
        assert '<title id="measures-figure-1-title" lang="en">Seen on time</title>' in shown
        assert '<desc id="measures-figure-1-desc" lang="en">Actual: Baseline 10%;' in shown
        svg = shown[shown.index("<svg") : shown.index("</svg>")]
        assert "<span" not in svg  # SVG's text is text: its lang is the element's
        assert '<figcaption id="measures-figure-1-caption"><span lang="en">Seen on time</span>' in (
            shown
        )

    def test_fewer_than_two_numbers_is_no_chart(self):
        assert chart(measure(target=5)) is None
        assert chart(measure(baseline="all wards", target=5)) is None
        assert chart(measure(results=(Result(period="Q1", actual=3),))) is None
        assert chart(measure(baseline=True, target=5)) is None  # not a number

    def test_results_only_with_a_text_target(self):
        shown = page(
            HEAD + "measures:\n  - {name: Visits, results: [{period: Q1, actual: 'a few'}]}\n"
        )
        assert "<svg" not in shown
        assert '<caption id="measures-figure-1-results">Results: Visits</caption>' in shown

    def test_a_target_alone_with_a_baseline_the_same(self):
        drawn = chart(measure(baseline=9.5, target=9.5, direction="maintain"))
        assert drawn is not None
        assert [mark.label for mark in drawn.periods] == ["Baseline", "Target"]
        assert drawn.direction == "The aim is to stay at the target"
        assert drawn.description == (
            "Actual: Baseline 9.5. Target: Target 9.5. The aim is to stay at the target."
        )

    def test_actuals_only(self):
        drawn = chart(
            measure(
                unit="patients",
                target=0,
                results=(Result(start=2023, end=2024, actual=1200), Result(actual=900)),
            )
        )
        assert drawn is not None
        assert [mark.label for mark in drawn.periods] == ["2023 to 2024", "Result 2", "Target"]
        assert drawn.description == (
            "Actual: 2023 to 2024 1,200 patients; Result 2 900 patients. Target: Target 0 patients."
        )
        assert [mark.label for mark in drawn.ticks] == ["0", "600", "1,200"]
        assert drawn.goal is not None
        assert drawn.goal.label == "Target 0 patients"

    def test_targets_only(self):
        drawn = chart(measure(results=(Result(target=1), Result(target=2))))
        assert drawn is not None
        assert drawn.description == "Actual: none reported. Target: Result 1 1; Result 2 2."
        assert drawn.goal is None
        assert drawn.direction is None

    def test_labels_that_would_touch_are_left_out(self):
        results = tuple(
            Result(period=f"Quarter {index} 2024/25", actual=index)
            for index in (1, 2, 3, 4, 5, 6, 7)
        )
        drawn = chart(measure(results=results))
        assert drawn is not None
        assert [(mark.label, mark.anchor) for mark in drawn.periods] == [
            ("Quarter 1 2024/25", "middle"),
            ("Quarter 7 2024/25", "end"),
        ]
        short = chart(
            measure(results=tuple(Result(period=f"Q{index}", actual=index) for index in (1, 2, 3)))
        )
        assert short is not None
        assert [mark.label for mark in short.periods] == ["Q1", "Q2", "Q3"]
        long = chart(
            measure(results=(Result(period="A" * 30, actual=1), Result(period="B" * 30, actual=2)))
        )
        assert long is not None
        assert [(mark.label, mark.anchor) for mark in long.periods] == [("A" * 30, "start")]

    def test_negative_and_zero_values(self):
        drawn = chart(measure(baseline=-3, target=0))
        assert drawn is not None
        assert [mark.label for mark in drawn.ticks] == ["-3", "-1.5", "0"]
        flat = chart(measure(baseline=0, target=0.0))
        assert flat is not None
        assert [mark.label for mark in flat.ticks] == ["0", "0.5", "1"]

    def test_fractions_and_huge_values(self):
        small = chart(measure(baseline=0.001, target=0.0042))
        assert small is not None
        assert [mark.label for mark in small.ticks][-1] == "0.005"
        assert chart(measure(baseline=-1.7e308, target=1.7e308)) is None
        tiny = chart(measure(baseline=5e-324, target=5e-324))
        assert tiny is not None

    def test_a_single_period(self):
        drawn = chart(measure(results=(Result(period="Now", target=2, actual=1),)))
        assert drawn is not None
        assert [(mark.x, mark.anchor) for mark in drawn.periods] == [
            ((_LEFT + _RIGHT) / 2, "middle")
        ]

    def test_result_periods(self):
        assert result_period(Result(end=datetime.date(2025, 3, 31)), 0) == "2025-03-31"

    @given(
        st.one_of(st.none(), st.integers(-(10**9), 10**9), st.floats(-1e12, 1e12)),
        st.one_of(st.none(), st.integers(-(10**9), 10**9), st.floats(-1e12, 1e12)),
        st.lists(
            st.tuples(
                st.one_of(st.none(), st.integers(-(10**6), 10**6), st.floats(-1e9, 1e9)),
                st.one_of(st.none(), st.integers(-(10**6), 10**6), st.floats(-1e9, 1e9)),
            ),
            max_size=8,
        ),
    )
    def test_every_point_lies_within_the_view_box(self, baseline, target, results):
        drawn = chart(
            measure(
                baseline=baseline,
                target=target,
                results=tuple(Result(target=aim, actual=actual) for aim, actual in results),
            )
        )
        if drawn is None:
            return
        for mark in (*drawn.actuals, *drawn.targets, *drawn.periods, *drawn.ticks):
            assert 0 <= mark.x <= WIDTH
            assert 0 <= mark.y <= HEIGHT
        for mark in (*drawn.actuals, *drawn.targets, *drawn.ticks):
            assert _TOP - 0.01 <= mark.y <= _BOTTOM + 0.01
            assert _LEFT - 6 <= mark.x <= _RIGHT
        if drawn.goal is not None:
            assert _TOP - 0.01 <= drawn.goal.y <= _BOTTOM + 0.01


class _Tags(html.parser.HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)


HOSTILE = (
    "<script>alert(1)</script>",
    "</svg><img src=x onerror=alert(1)>",
    "</title></svg><script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "]]><!--",
)


class TestHostileFigures:
    """Text of a measure is text in its chart: in the SVG's title, description and labels."""

    @pytest.mark.parametrize("name", HOSTILE)
    def test_names_units_and_periods(self, name):
        document = orgstrategy.Strategy(
            organisation=orgstrategy.Organisation(name="Here"),
            measures=(
                Measure(
                    name=name,
                    unit=name,
                    baseline=1,
                    target=2,
                    status="on-track",
                    results=(Result(period=name, actual=1, target=2, description=name),),
                ),
            ),
        )
        shown = orgstrategy.dumps(document, "html")
        tags = _Tags(shown).tags
        assert "script" not in tags
        assert "img" not in tags
        assert tags.count("svg") == 1
        assert tags.count("title") == 2
        figure = shown[shown.index("<svg") : shown.index("</svg>")]
        assert markupsafe.escape(name) in figure

    @staticmethod
    def figure(name: str, period: str) -> tuple[list[str], str]:
        document = orgstrategy.Strategy(
            organisation=orgstrategy.Organisation(name="Here"),
            measures=(Measure(name=name, baseline=1, results=(Result(period=period, actual=2),)),),
        )
        shown = orgstrategy.dumps(document, "html")
        figure = shown[shown.index("<figure") : shown.index("</figure>")]
        return _Tags(figure).tags, figure

    @given(st.text(min_size=1).filter(str.strip), st.text(min_size=1).filter(str.strip))
    def test_no_text_of_a_measure_is_markup(self, name, period):
        tags, figure = self.figure(name, period)
        # no element but the chart's and the table's (a long period's axis label may
        # be left out where it would touch another: the table has every period)
        assert set(tags) <= set(self.figure("Plain", "Q1")[0])
        assert tags.count("svg") == 1
        assert markupsafe.escape(period) in figure

    def test_quantities(self):
        assert quantity("a rise every year", "%") == "a rise every year"
        assert quantity(5, "%") == "5%"


def test_the_example_theme_is_documented():
    docs = Path(__file__).resolve().parent.parent / "docs" / "how-to" / "render-a-one-pager.md"
    text = docs.read_text(encoding="utf-8")
    assert "examples/themes/riverside.toml" in text
    for key in ("primary", "accent", "font", "logo", "logo_alt", "footer"):
        assert f"`{key}`" in text
