"""Each built-in lint rule on its own: a good and a bad case, its messages, its own examples."""

from __future__ import annotations

import datetime
import unicodedata
import unittest.mock
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINIMAL
from orgstrategy import Problem, _similar, lint
from orgstrategy._lint_rules import BUILT_IN, normalise, sentences
from orgstrategy._similar import CUT, nearest_earlier, ratio

TODAY = datetime.date(2025, 6, 1)
PUBLISHED = MINIMAL + "status: published\nsources: [{title: Our page}]\n"


def found(rule: str, text: str, **options: Any) -> list[Problem]:
    return lint.lint(
        text.encode(), select=[rule], options={rule: options} if options else None, today=TODAY
    )


def messages(rule: str, text: str, **options: Any) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.column, p.path, p.message) for p in found(rule, text, **options)]


class TestOwnExamples:
    """Every rule's `bad` example breaks it and its `good` example does not."""

    @pytest.mark.parametrize("rule", BUILT_IN, ids=lambda rule: rule.name)
    def test_bad_example_is_found(self, rule):
        problems = found(rule.name, rule.bad)
        assert problems
        assert {(p.code, p.severity) for p in problems} == {(rule.name, rule.severity)}

    @pytest.mark.parametrize("rule", BUILT_IN, ids=lambda rule: rule.name)
    def test_good_example_is_clean(self, rule):
        assert found(rule.name, rule.good) == []

    @pytest.mark.parametrize("rule", BUILT_IN, ids=lambda rule: rule.name)
    def test_documented(self, rule):
        assert rule.summary.endswith(".")
        assert len(rule.explanation) > len(rule.summary)
        assert rule.package == "orgstrategy"


class TestHelpers:
    """Normalising text and counting sentences."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Openness & Honesty", "openness honesty"),
            ("  We  will\tcare.\n", "we will care"),
            ("CAFÉ—café", "café café"),
            ("...", ""),
        ],
    )
    def test_normalise(self, text, expected):
        assert normalise(text) == expected

    @given(st.text(st.characters(max_codepoint=127)) | st.text())
    def test_normalise_ascii_as_any_text(self, text):
        """ASCII text takes a shorter way, to the same result."""
        folded = unicodedata.normalize("NFKC", text).casefold()
        kept = "".join(" " if unicodedata.category(c)[0] in "PSZC" else c for c in folded)
        assert normalise(text) == " ".join(kept.split())

    @pytest.mark.parametrize(
        ("text", "count"),
        [
            ("Exceptional care, for everyone.", 1),
            ("We care. We listen.", 2),
            ("We care! Do we listen? Yes.", 3),
            ("We care for people, e.g. carers.", 1),
            ('We said "care." Then we cared.', 2),
            ("Founded in 2001. 2025 is our year.", 2),
            ("Care...", 1),
            ("We care. ", 1),  # a stop with nothing after it starts no sentence
            ("We care. !", 1),
        ],
    )
    def test_sentences(self, text, count):
        assert sentences(text) == count


class TestDuplicateStatement:
    """`duplicate-statement`."""

    def test_repeated_aim(self):
        text = (
            MINIMAL
            + "goals:\n  - Improve care\n  - name: Tackle inequalities\n  - improve  CARE!\n"
        )
        assert messages("duplicate-statement", text) == [
            (7, 5, "goals[2].name", '"improve CARE!" repeats goals[0].name')
        ]

    def test_across_kinds_and_in_mappings(self):
        text = (
            MINIMAL
            + "purpose:\n  points: [Healthier lives, Fairer care]\n"
            + "goals:\n  - name: Fairer care\n    outcomes: [Healthier lives]\n"
        )
        assert messages("duplicate-statement", text) == [
            (7, 11, "goals[0].name", '"Fairer care" repeats purpose.points[1]'),
            (8, 16, "goals[0].outcomes[0].name", '"Healthier lives" repeats purpose.points[0]'),
        ]

    def test_every_repeat_is_found_and_long_text_is_cut(self):
        aim = "We will work with and for all the people of north east London, always"
        text = MINIMAL + f"goals:\n  - {aim}\n  - {aim}\n  - {aim}.\n"
        problems = found("duplicate-statement", text)
        assert [p.line for p in problems] == [6, 7]
        assert problems[0].message == (
            '"We will work with and for all the people of north east Lond…" repeats goals[0].name'
        )

    def test_text_of_punctuation_only_is_not_compared(self):
        assert found("duplicate-statement", MINIMAL + "goals: ['...', '!!!']\n") == []

    def test_repeats_after_punctuation_only_are_found(self):
        text = MINIMAL + "goals: ['...', Improve care, improve care.]\n"
        assert [p.path for p in found("duplicate-statement", text)] == ["goals[2].name"]

    def test_statement_text_repeated(self):
        text = MINIMAL + "mission: We care for all.\nvision: we care for all\n"
        assert [(p.path, p.message) for p in found("duplicate-statement", text)] == [
            ("vision.text", '"we care for all" repeats mission.text')
        ]

    def test_a_long_text_is_quoted_whole_up_to_60_characters(self):
        sixty = "x" * 56 + " end"
        text = MINIMAL + f"goals: ['{sixty}', '{sixty.upper()}', '{sixty}.']\n"
        assert [p.message for p in found("duplicate-statement", text)] == [
            f'"{sixty.upper()}" repeats goals[0].name',
            f'"{sixty[:59]}\u2026" repeats goals[0].name',
        ]


class TestNearDuplicateStatement:
    """`near-duplicate-statement`."""

    def test_typo(self):
        text = (
            MINIMAL
            + "goals:\n  - Improve outcomes in population health\n  - Improve outcome in population health\n"
        )
        assert messages("near-duplicate-statement", text) == [
            (
                6,
                5,
                "goals[1].name",
                '"Improve outcome in population health" nearly repeats goals[0].name (99% the same)',
            )
        ]

    def test_exact_repeats_are_left_to_duplicate_statement(self):
        text = MINIMAL + "goals: [Improve outcomes in health, improve outcomes in health.]\n"
        assert found("near-duplicate-statement", text) == []

    def test_the_most_alike_is_named(self):
        text = (
            MINIMAL
            + "goals:\n  - Improve the outcomes of our care\n  - Improve the outcome of our cure\n"
            + "  - Improve the outcome of our care\n"
        )
        problems = found("near-duplicate-statement", text)
        assert [(p.path, p.message.split(" nearly repeats ")[1]) for p in problems] == [
            ("goals[1].name", "goals[0].name (95% the same)"),
            ("goals[2].name", "goals[0].name (98% the same)"),
        ]

    def test_min_similarity(self):
        text = MINIMAL + "goals: [Improve care for all, Improve cure for all]\n"
        assert len(found("near-duplicate-statement", text)) == 1
        assert found("near-duplicate-statement", text, **{"min-similarity": 0.99}) == []
        assert len(found("near-duplicate-statement", text, **{"min-similarity": 1})) == 0

    def test_texts_of_very_different_lengths_are_not_compared(self):
        text = MINIMAL + "goals: [Care, Care for everyone in every place we serve]\n"
        assert found("near-duplicate-statement", text, **{"min-similarity": 0.5}) == []

    def test_texts_alike_in_letters_but_not_order(self):
        text = MINIMAL + "goals: [abcdefghij, jihgfedcba]\n"
        assert found("near-duplicate-statement", text) == []


def _nearest_by_every_pair(texts: list[str], least: float) -> list[tuple[int, int, float]]:
    """What comparing every text with every earlier one gives (the rule before its index)."""
    found = []
    for position, text in enumerate(texts):
        best: tuple[float, int] | None = None
        for earlier in range(position):
            score = ratio(texts[earlier], text)
            if score >= least and (best is None or score > best[0]):
                best = (score, earlier)
        if best is not None:
            found.append((position, best[1], best[0]))
    return found


_EDITS = st.lists(st.tuples(st.integers(0, 40), st.sampled_from("ab c"), st.booleans()), max_size=4)


@st.composite
def _near_texts(draw: st.DrawFn) -> list[str]:
    """Distinct texts over a small alphabet, many of them a few edits from another."""
    bases = draw(st.lists(st.text("ab cd", min_size=1, max_size=30), min_size=1, max_size=4))
    texts: list[str] = []
    for base, edits in draw(st.lists(st.tuples(st.sampled_from(bases), _EDITS), max_size=20)):
        text = list(base)
        for where, letter, insert in edits:
            if insert or not text:
                text.insert(where % (len(text) + 1), letter)
            else:
                text[where % len(text)] = letter
        joined = "".join(text)
        if joined not in texts:
            texts.append(joined)
    return texts


def _indexed(texts: list[str], least: float) -> list[tuple[int, int, float]]:
    """What nearest_earlier gives with its index, however few the texts."""
    with unittest.mock.patch.object(_similar, "FEW", 0):
        return list(nearest_earlier(texts, least))


class TestNearestEarlier:
    """The index behind `near-duplicate-statement` finds what comparing every pair finds."""

    @given(_near_texts(), st.sampled_from([0.4, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0]))
    @settings(max_examples=300 * settings.default.max_examples // 100)
    def test_the_same_as_every_pair(self, texts, least):
        expected = _nearest_by_every_pair(texts, least)
        assert _indexed(texts, least) == expected
        assert list(nearest_earlier(texts, least)) == expected

    @given(_near_texts(), st.floats(-0.5, 1.5))
    def test_the_same_at_any_threshold(self, texts, least):
        expected = _nearest_by_every_pair(texts, least)
        assert _indexed(texts, least) == expected
        assert list(nearest_earlier(texts, least)) == expected

    def test_many_texts_take_the_index(self):
        texts = [f"goal number {number} of the plan" for number in range(_similar.FEW + 1)]
        with unittest.mock.patch.object(_similar, "_every_pair", side_effect=AssertionError):
            found = list(nearest_earlier(texts, 0.9))
        assert found == _nearest_by_every_pair(texts, 0.9)

    def test_long_texts_are_compared_too(self):
        """Texts longer than the index cuts are compared with every text of a possible length."""
        long = "improve the care we give in every neighbourhood " * 3
        texts = [long, "tackle waits", long.replace("every", "each"), long[:-40] + "x"]
        assert len(long) > CUT
        assert _indexed(texts, 0.9) == _nearest_by_every_pair(texts, 0.9)
        assert [(later, earlier) for later, earlier, _ in _indexed(texts, 0.9)] == [(2, 0)]

    def test_at_the_threshold(self):
        # 2 * 9 / 20 = 0.9 exactly: the pair is in at 0.9 and out just above it.
        texts = ["abcdefghij", "abcdefghiX"]
        assert list(nearest_earlier(texts, 0.9)) == [(1, 0, 0.9)]
        assert list(nearest_earlier(texts, 0.9000001)) == []

    def test_a_tie_names_the_first(self):
        texts = ["care for all x", "care for all y", "care for all z"]
        assert list(nearest_earlier(texts, 0.9)) == [
            (1, 0, ratio(texts[0], texts[1])),
            (2, 0, ratio(texts[0], texts[2])),
        ]

    def test_the_best_not_the_first(self):
        texts = ["improve cure", "improve care", "improve cares"]
        assert list(nearest_earlier(texts, 0.85)) == [(1, 0, 22 / 24), (2, 1, 24 / 25)]

    def test_nothing_is_more_than_the_same(self):
        assert list(nearest_earlier(["same", "same!"], 1.01)) == []

    def test_at_zero_every_text_is_near_the_most_alike(self):
        texts = ["xyz", "abc", "abd", "qqq"]
        assert list(nearest_earlier(texts, 0)) == [
            (1, 0, 0.0),
            (2, 1, ratio("abc", "abd")),
            (3, 0, 0.0),
        ]


class TestLongStatement:
    """`long-statement`."""

    def test_three_sentences(self):
        text = MINIMAL + "purpose: We exist to care. We care for all. We are kind.\n"
        assert messages("long-statement", text) == [
            (
                4,
                10,
                "purpose.text",
                "the purpose is 3 sentences: a purpose is one short sentence; move the rest to"
                " points, meanings or goals",
            )
        ]

    def test_too_many_words_in_a_mapping(self):
        words = " ".join(["care"] * 41)
        text = MINIMAL + f"vision:\n  text: {words}\n"
        assert messages("long-statement", text) == [
            (
                5,
                9,
                "vision.text",
                "the vision is 41 words (more than 40): a vision is one short sentence; move the"
                " rest to points, meanings or goals",
            )
        ]

    def test_both(self):
        words = "We " + " ".join(["care"] * 29)
        text = MINIMAL + f"mission: {words}. {words}.\n"
        (problem,) = found("long-statement", text)
        assert problem.message.startswith("the mission is 2 sentences and 60 words (more than 40):")

    def test_as_many_words_as_allowed(self):
        text = MINIMAL + f"vision: {' '.join(['care'] * 40)}\n"
        assert found("long-statement", text) == []

    def test_options(self):
        text = MINIMAL + "mission: We care. We listen.\n"
        assert found("long-statement", text, **{"max-sentences": 2}) == []
        assert len(found("long-statement", text, **{"max-sentences": 2, "max-words": 3})) == 1

    def test_points_and_ambitions_are_not_checked(self):
        text = (
            MINIMAL
            + "purpose:\n  points: [We care. We listen., We are kind. Always.]\n"
            + "ambition: We aim high. We aim far.\n"
        )
        assert found("long-statement", text) == []

    def test_one_sentence(self):
        assert found("long-statement", MINIMAL + "purpose: Exceptional care, for everyone.\n") == []


MEASURE = MINIMAL + "goals:\n  - name: Timely care\n    measures:\n      - name: Waits\n"


class TestMeasureWithoutTarget:
    """`measure-without-target`."""

    def test_no_target(self):
        assert messages("measure-without-target", MEASURE) == [
            (
                7,
                15,
                "goals[0].measures[0].name",
                'measure "Waits" has no target: say what it should reach (target) and by when (due)',
            )
        ]

    def test_in_an_objective(self):
        text = (
            MINIMAL
            + "goals:\n  - name: Care\n    objectives:\n      - name: Open\n        measures: [Waits]\n"
        )
        assert [p.path for p in found("measure-without-target", text)] == [
            "goals[0].objectives[0].measures[0].name"
        ]

    def test_results_without_targets_are_no_target(self):
        results = (
            MEASURE
            + "        results:\n          - {end: 2026, actual: 80}\n          - {end: 2027, actual: 85}\n"
        )
        assert [p.path for p in found("measure-without-target", results)] == [
            "goals[0].measures[0].name"
        ]
        every = MEASURE + "        results:\n          - {end: 2026, target: 80}\n"
        assert found("measure-without-target", every) == []

    def test_target_or_targets_in_results(self):
        assert found("measure-without-target", MEASURE + "        target: 95\n") == []
        results = (
            MEASURE
            + "        results:\n          - {end: 2026, actual: 80}\n          - {end: 2027, target: 90}\n"
        )
        assert found("measure-without-target", results) == []


class TestMeasureWithoutBaseline:
    """`measure-without-baseline`."""

    def test_no_baseline(self):
        assert messages("measure-without-baseline", MEASURE) == [
            (
                7,
                15,
                "goals[0].measures[0].name",
                'measure "Waits" has no baseline: say where things stood at the start, so'
                " progress can be seen",
            )
        ]
        assert found("measure-without-baseline", MEASURE)[0].severity == "info"

    def test_baseline(self):
        assert found("measure-without-baseline", MEASURE + "        baseline: '71%'\n") == []


class TestTargetPastDue:
    """`target-past-due`."""

    def doc(self, status: str, due: str) -> str:
        return (
            MINIMAL
            + f"status: {status}\ngoals:\n  - name: Care\n    measures:\n"
            + f"      - name: Waits\n        target: 95\n        due: {due}\n"
            + f"    objectives:\n      - name: Open a hub\n        due: {due}\n"
        )

    def test_past(self):
        assert messages("target-past-due", self.doc("published", "2025-05-31")) == [
            (
                10,
                14,
                "goals[0].measures[0].due",
                'the target of measure "Waits" was due on 2025-05-31, which has passed: report'
                " what was reached (results) or set a new due date",
            ),
            (
                13,
                14,
                "goals[0].objectives[0].due",
                'objective "Open a hub" was due on 2025-05-31, which has passed: say whether it'
                " was met or set a new due date",
            ),
        ]

    def test_today_and_later_are_not_past(self):
        assert found("target-past-due", self.doc("published", "2025-06-01")) == []

    @pytest.mark.parametrize("status", ["draft", "consultation", "superseded"])
    def test_only_published_strategies(self, status):
        assert found("target-past-due", self.doc(status, "2001-01-01")) == []

    def test_today_defaults_to_the_real_date(self):
        problems = lint.lint(
            self.doc("published", "2001-01-01").encode(), select=["target-past-due"]
        )
        assert len(problems) == 2


class TestAimWithoutOutcome:
    """`aim-without-outcome`."""

    def test_goal_and_priority(self):
        text = MINIMAL + "goals: [Great employer]\npriorities:\n  - name: Mental health\n"
        assert messages("aim-without-outcome", text) == [
            (
                4,
                9,
                "goals[0].name",
                'goal "Great employer" has no outcomes, objectives or measures: say how anyone'
                " will know it is achieved",
            ),
            (
                6,
                11,
                "priorities[0].name",
                'priority "Mental health" has no outcomes, objectives or measures: say how anyone'
                " will know it is achieved",
            ),
        ]

    @pytest.mark.parametrize("key", ["outcomes", "objectives", "measures"])
    def test_any_is_enough(self, key):
        assert (
            found("aim-without-outcome", MINIMAL + f"goals:\n  - name: Care\n    {key}: [X]\n")
            == []
        )


class TestValueWithoutBehaviours:
    """`value-without-behaviours`."""

    def test_no_behaviours(self):
        assert messages("value-without-behaviours", MINIMAL + "values: [Respect]\n") == [
            (
                4,
                10,
                "values[0].name",
                'value "Respect" has no behaviours: say what living it looks like',
            )
        ]

    def test_behaviours(self):
        text = MINIMAL + "values:\n  - name: Respect\n    behaviours: [Kind]\n"
        assert found("value-without-behaviours", text) == []


class TestEmptySection:
    """`empty-section`."""

    def test_label_without_section(self):
        text = MINIMAL + "labels:\n  values: Our values\n  behaviours: We are\nvalues: [Respect]\n"
        assert messages("empty-section", text) == [
            (
                6,
                15,
                "labels.behaviours",
                'the heading "We are" is for behaviours, but the strategy has none: add them, or'
                " remove the label",
            )
        ]

    def test_nested_sections_count_anywhere(self):
        text = (
            MINIMAL
            + "labels: {behaviours: We are, purpose: Why, compact: Charter, sources: From}\n"
            + "purpose: To care.\nsources: [{title: Page}]\n"
            + "values:\n  - name: Respect\n    behaviours: [Kind]\ncompact: {commitments: [We will]}\n"
        )
        assert found("empty-section", text) == []

    def test_empty_compact_and_theme(self):
        text = MINIMAL + "compact:\n  name: Our charter\n"
        assert messages("empty-section", text) == [
            (5, 3, "compact", "the compact has no commitments or themes: add them")
        ]
        text = (
            MINIMAL
            + "compact:\n  themes:\n    - System first\n    - name: Kindness\n      commitments: [We will]\n"
        )
        assert messages("empty-section", text) == [
            (
                6,
                7,
                "compact.themes[0].name",
                'theme "System first" has no commitments: add them, or move its text elsewhere',
            )
        ]


class TestMissingSource:
    """`missing-source`."""

    def test_published_without_sources(self):
        assert messages("missing-source", MINIMAL + "status: published\n") == [
            (
                4,
                9,
                "status",
                "the strategy is published but has no sources: say where its text comes from"
                " (sources, each with a title or url)",
            )
        ]

    @pytest.mark.parametrize("status", ["", "status: draft\n"])
    def test_not_published(self, status):
        assert found("missing-source", MINIMAL + status) == []


class TestPeriodExpired:
    """`period-expired`."""

    def test_year(self):
        assert messages("period-expired", PUBLISHED + "period: {start: 2020, end: 2024}\n") == [
            (
                6,
                28,
                "period.end",
                "the strategy's period ended in 2024, but it is still published: mark it"
                " superseded, or give it its new period",
            )
        ]

    def test_date(self):
        (problem,) = found("period-expired", PUBLISHED + "period:\n  end: 2025-05-31\n")
        assert problem.message.startswith("the strategy's period ended on 2025-05-31, but")

    @pytest.mark.parametrize(
        "period",
        ["period: {end: 2025}\n", "period: {end: 2025-06-01}\n", "period: {start: 2001}\n", ""],
    )
    def test_not_ended(self, period):
        assert found("period-expired", PUBLISHED + period) == []

    def test_not_published(self):
        assert found("period-expired", MINIMAL + "status: superseded\nperiod: {end: 2001}\n") == []


V11 = 'orgstrategy: "1.1"\norganisation: {name: Here}\n'
V11_PUBLISHED = V11 + "status: published\nsources: [{title: Our page}]\n"


def measure(fields: str, *, published: bool = False) -> str:
    return (V11_PUBLISHED if published else V11) + f"measures:\n  - {{name: M, {fields}}}\n"


class TestFormat11Rules:
    """The rules format 1.1 brought, and the false positives its fields let us fix."""

    @pytest.mark.parametrize(
        ("fields", "expected"),
        [
            # the latest actual is for the due date or later: reported, met or not
            ("target: 95, due: 2024-03-31, results: [{end: 2024-03-31, actual: 90}]", []),
            ("target: 95, due: 2024-03-31, results: [{end: 2024, actual: 97}]", []),
            ("target: 95, due: 2024-03-31, results: [{actual: 97}]", []),
            # reported only for a time before the due date: still out of date
            (
                "target: 95, due: 2024-03-31, results: [{end: 2024-03-30, actual: 97}]",
                ["target-past-due"],
            ),
            (
                "target: 95, due: 2024-03-31, results: [{end: 2025, target: 96}]",
                ["target-past-due"],
            ),
        ],
    )
    def test_target_past_due_reads_the_results(self, fields, expected):
        assert [
            p.code for p in found("target-past-due", measure(fields, published=True))
        ] == expected

    @pytest.mark.parametrize(
        ("fields", "rule"),
        [
            ("direction: increase, results: [{actual: 3}]", "monitored-measure"),
            ("direction: increase", "measure-without-target"),
            ("results: [{actual: 3}]", "measure-without-target"),
            ("direction: decrease, results: [{target: 2}]", None),  # it has a target
        ],
    )
    def test_a_measure_is_monitored_with_a_direction_and_actuals(self, fields, rule):
        text = measure(fields)
        if rule is None:
            assert found("monitored-measure", text) + found("measure-without-target", text) == []
            return
        codes = [
            p.code
            for name in ("monitored-measure", "measure-without-target")
            for p in found(name, text)
        ]
        assert codes == [rule]

    @pytest.mark.parametrize(
        ("fields", "said"),
        [
            (
                "direction: increase, target: 95, status: achieved, results: [{actual: 94.9}]",
                "misses",
            ),
            (
                "direction: decrease, target: 10, status: achieved, results: [{actual: 11}]",
                "misses",
            ),
            ("direction: maintain, target: 10, status: achieved, results: [{actual: 9}]", "misses"),
            ("target: '95%', status: achieved, results: [{actual: '90%'}]", "misses"),
            (
                "direction: decrease, target: 10, status: not-achieved, results: [{actual: 10}]",
                "meets",
            ),
            # the result's own target comes before the measure's
            ("target: 50, status: achieved, results: [{target: 95, actual: 90}]", "misses"),
            # the latest by its end, not by its place in the list
            (
                "target: 95, status: achieved, results: [{end: 2025, actual: 90}, {end: 2024, actual: 99}]",
                "misses",
            ),
        ],
    )
    def test_status_contradicts_results(self, fields, said):
        (problem,) = found("status-contradicts-results", measure(fields))
        assert problem.steps == ("measures", 0, "status")
        assert "its target: correct the status or the results" in problem.message
        assert f") {said} its target" in problem.message

    @pytest.mark.parametrize(
        "fields",
        [
            "direction: increase, target: 95, status: achieved, results: [{actual: 95}]",
            "direction: decrease, target: 10, status: achieved, results: [{actual: 9}]",
            "target: 95, status: on-track, results: [{actual: 10}]",
            "target: lots, status: achieved, results: [{actual: some}]",
            "status: achieved, results: [{actual: 3}]",
            "target: 95, status: achieved",
        ],
    )
    def test_status_agrees_or_cannot_be_judged(self, fields):
        assert found("status-contradicts-results", measure(fields)) == []

    @pytest.mark.parametrize(
        ("text", "count"),
        [
            ("priorities: [Care]\nenablers: [Digital]\n", 1),
            (
                "priorities: [Care]\nenablers: [{name: Digital, contributes_to: [priorities/care]}]\n",
                0,
            ),
            (
                "enablers: [Digital]\npriorities: [{name: Care, contributes_to: [enablers/digital]}]\n",
                0,
            ),
            (
                "priorities: [Care]\nenablers:\n  - name: Digital\n"
                "    objectives: [{name: EPR, contributes_to: [priorities/care]}]\n",
                0,
            ),
        ],
    )
    def test_unlinked_enabler(self, text, count):
        assert len(found("unlinked-enabler", V11 + text)) == count

    def test_missing_translation_names_the_fields_and_the_language(self):
        text = (
            'orgstrategy: "1.1"\norganisation: {name: Here, translations: {cy: {name: Yma}}}\n'
            "vision: {text: Healthier, points: [Fewer waits]}\n"
            "goals:\n  - name: Care\n    description: Good care\n    translations: {cy: {name: Gofal}}\n"
            "  - name: Work\n    translations: {cy: {name: Gwaith}, ga: {name: Obair}}\n"
        )
        assert [(p.line, p.path, p.message) for p in found("missing-translation", text)] == [
            (
                2,
                "organisation.name",
                "organisation has no ga translation of name, though the document is in ga elsewhere",
            ),
            (
                3,
                "vision.text",
                "vision has no cy translation of text, points, though the document is in cy elsewhere",
            ),
            (
                3,
                "vision.text",
                "vision has no ga translation of text, points, though the document is in ga elsewhere",
            ),
            (
                5,
                "goals[0].name",
                'goal "Care" has no cy translation of description, though the document is in cy elsewhere',
            ),
            (
                5,
                "goals[0].name",
                'goal "Care" has no ga translation of name, description, though the document is in ga elsewhere',
            ),
        ]
        assert found("missing-translation", V11 + "goals: [Care]\n") == []

    def test_organisations_alike_in_name_are_not_near_repeats(self):
        text = V11 + "stakeholders: [Sports Council of Wales, Arts Council of Wales]\n"
        assert found("near-duplicate-statement", text) == []
        goals = V11 + "goals: [Sports Council of Wales, Arts Council of Wales]\n"
        assert [p.code for p in found("near-duplicate-statement", goals)] == [
            "near-duplicate-statement"
        ]
        twice = V11 + "stakeholders: [Arts Council of Wales, Arts Council of Wales!]\n"
        assert [p.code for p in found("duplicate-statement", twice)] == ["duplicate-statement"]
