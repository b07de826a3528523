"""The built-in lint rules: what good looks like, as the strategies themselves say it."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any, Final

import attrs

from orgstrategy._links import links
from orgstrategy._lint_types import Finding, Rule
from orgstrategy._model import (
    BRIEF_STATEMENTS,
    Aim,
    Compact,
    DateOrYear,
    Element,
    Enabler,
    Measure,
    Objective,
    Quantity,
    Result,
    Stakeholder,
    Statement,
    Strategy,
    Theme,
    Value,
    last_day,
    text_fields,
    walk,
)
from orgstrategy._positions import Path, format_path
from orgstrategy._similar import nearest_earlier

__all__ = ["BUILT_IN", "normalise", "sentences"]

_HEAD: Final = 'orgstrategy: "1.0"\norganisation:\n  name: Here\n'
_HEAD_1_1: Final = 'orgstrategy: "1.1"\norganisation:\n  name: Here\n'
_PUBLISHED: Final = _HEAD + "status: published\nsources:\n  - title: Our strategy\n"
_QUOTED: Final = 60
_SENTENCE_BREAK: Final = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*\s+")


# What normalise() turns into a space in ASCII text: punctuation, symbols, spaces
# and controls (the Unicode categories P, S, Z and C).
_ASCII_BREAKS: Final = {
    code: " " for code in range(128) if unicodedata.category(chr(code))[0] in "PSZC"
}


def normalise(text: str) -> str:
    """Return *text* as compared for repetition: case, punctuation and spacing ignored.

    >>> normalise("Tackle inequalities in outcomes, experience,  and access.")
    'tackle inequalities in outcomes experience and access'
    """
    if text.isascii():  # the same, sooner: NFKC keeps ASCII, and casefold is lower
        return " ".join(text.lower().translate(_ASCII_BREAKS).split())
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(" " if unicodedata.category(c)[0] in "PSZC" else c for c in folded)
    return " ".join(kept.split())


def sentences(text: str) -> int:
    """Return how many sentences *text* has: a stop followed by a capital starts one.

    >>> sentences("We care. We listen! Always, e.g. at night.")
    3
    """
    count = 1
    for match in _SENTENCE_BREAK.finditer(text):
        after = next((c for c in text[match.end() :] if c.isalnum()), "")
        count += after.isupper() or after.isdigit()
    return count


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return f'"{flat if len(flat) <= _QUOTED else flat[: _QUOTED - 1] + chr(0x2026)}"'


def _kind(node: Any) -> str:
    return type(node).__name__.lower()


def _texts(strategy: Strategy, *, names: bool = True) -> Iterator[tuple[Path, str]]:
    """Yield every element's name and every statement's text and points.

    Without *names*, the names of stakeholders are left out: they name
    organisations and people, which may be alike without repeating anything
    ("Sports Council for Wales", "Arts Council of Wales").
    """
    for path, node in walk(strategy):
        if isinstance(node, Stakeholder) and not names:
            continue
        if isinstance(node, Element):
            yield (*path, "name"), node.name
        elif isinstance(node, Statement):
            if node.text is not None:
                yield (*path, "text"), node.text
            for index, point in enumerate(node.points):
                yield (*path, "points", index), point


# duplicate-statement and near-duplicate-statement


def _duplicates(strategy: Strategy, _: Mapping[str, Any]) -> Iterator[Finding]:
    first: dict[str, Path] = {}
    for path, text in _texts(strategy):
        key = normalise(text)
        if not key:
            continue
        if key in first:
            yield Finding(path=path, message=f"{_quote(text)} repeats {format_path(first[key])}")
        else:
            first[key] = path


def _near_duplicates(strategy: Strategy, options: Mapping[str, Any]) -> Iterator[Finding]:
    first: dict[str, tuple[Path, str]] = {}
    for path, text in _texts(strategy, names=False):
        key = normalise(text)
        if key:
            first.setdefault(key, (path, text))
    keys = list(first)
    for position, earlier, ratio in nearest_earlier(keys, float(options["min-similarity"])):
        path, text = first[keys[position]]
        yield Finding(
            path=path,
            message=f"{_quote(text)} nearly repeats {format_path(first[keys[earlier]][0])}"
            f" ({ratio:.0%} the same)",
        )


_DUPLICATE_BAD: Final = (
    _HEAD
    + """goals:
  - Improve outcomes in population health and healthcare
  - Tackle inequalities in outcomes, experience, and access
  - improve outcomes in population health and healthcare.
"""
)
_DUPLICATE_GOOD: Final = (
    _HEAD
    + """goals:
  - Improve outcomes in population health and healthcare
  - Tackle inequalities in outcomes, experience, and access
"""
)
_NEAR_BAD: Final = (
    _HEAD
    + """goals:
  - Improve outcomes in population health and healthcare
  - Improve outcome in population health and health care
"""
)

# long-statement


def _long_statements(strategy: Strategy, options: Mapping[str, Any]) -> Iterator[Finding]:
    most_words, most_sentences = int(options["max-words"]), int(options["max-sentences"])
    for key in BRIEF_STATEMENTS:
        statement: Statement | None = getattr(strategy, key)
        if statement is None or statement.text is None:
            continue
        words, count = len(statement.text.split()), sentences(statement.text)
        reasons = []
        if count > most_sentences:
            reasons.append(f"{count} sentences")
        if words > most_words:
            reasons.append(f"{words} words (more than {most_words})")
        if reasons:
            yield Finding(
                path=(key, "text"),
                message=f"the {key} is {' and '.join(reasons)}: a {key} is one short"
                " sentence; move the rest to points, meanings or goals",
            )


# Measures and dates


def _measures(strategy: Strategy) -> Iterator[tuple[Path, Measure]]:
    for path, node in walk(strategy):
        if isinstance(node, Measure):
            yield path, node


def _monitored(measure: Measure) -> bool:
    """Whether *measure* is an indicator that is watched, not aimed: a direction and actuals."""
    return measure.direction is not None and any(
        result.actual is not None for result in measure.results
    )


def _untargeted(measure: Measure) -> bool:
    return measure.target is None and all(result.target is None for result in measure.results)


def _monitored_measures(strategy: Strategy, _: Mapping[str, Any]) -> Iterator[Finding]:
    for path, measure in _measures(strategy):
        if _untargeted(measure) and _monitored(measure):
            yield Finding(
                path=(*path, "name"),
                message=f"measure {_quote(measure.name)} is monitored without a target (it"
                " has a direction and results): fine for an indicator that is watched;"
                " give a target if one is set",
            )


def _without_target(strategy: Strategy, _: Mapping[str, Any]) -> Iterator[Finding]:
    for path, measure in _measures(strategy):
        if _untargeted(measure) and not _monitored(measure):
            yield Finding(
                path=(*path, "name"),
                message=f"measure {_quote(measure.name)} has no target: say what it should"
                " reach (target) and by when (due)",
            )


def _without_baseline(strategy: Strategy, _: Mapping[str, Any]) -> Iterator[Finding]:
    for path, measure in _measures(strategy):
        if measure.baseline is None:
            yield Finding(
                path=(*path, "name"),
                message=f"measure {_quote(measure.name)} has no baseline: say where things"
                " stood at the start, so progress can be seen",
            )


def _past_due(strategy: Strategy, options: Mapping[str, Any]) -> Iterator[Finding]:
    if strategy.status != "published":
        return
    today: datetime.date = options["today"]
    for path, node in walk(strategy):
        if isinstance(node, Measure) and _reported(node):
            continue  # what was reached is reported: the target is not left behind
        if isinstance(node, (Measure, Objective)) and node.due is not None and node.due < today:
            if isinstance(node, Measure):
                what, fix = "the target of measure", "report what was reached (results)"
            else:
                what, fix = "objective", "say whether it was met"
            yield Finding(
                path=(*path, "due"),
                message=f"{what} {_quote(node.name)} was due on {node.due.isoformat()},"
                f" which has passed: {fix} or set a new due date",
            )


def _latest(measure: Measure) -> Result | None:
    """Return the latest result with an actual: the one that ends last, or the last listed."""
    reported = [result for result in measure.results if result.actual is not None]
    if not reported:
        return None

    def when(pair: tuple[int, Result]) -> tuple[datetime.date, int]:
        index, result = pair
        point = result.end if result.end is not None else result.start
        return (datetime.date.min if point is None else last_day(point), index)

    return max(enumerate(reported), key=when)[1]


def _reported(measure: Measure) -> bool:
    """Whether *measure* reports an actual for its due date or later (or, undated, at all)."""
    latest = _latest(measure)
    if latest is None or measure.due is None:
        return latest is not None
    point = latest.end if latest.end is not None else latest.start
    return point is None or last_day(point) >= measure.due


def _number(value: Quantity | None) -> float | None:
    """Return *value* as a number if it is one, or text that is one with a % sign."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().rstrip("%").replace(",", ""))
        except ValueError:
            return None
    return None


def _misses(measure: Measure, result: Result) -> bool | None:
    """Whether *result*'s actual misses its target, reading the measure's direction."""
    actual, target = _number(result.actual), _number(result.target)
    if target is None:
        target = _number(measure.target)
    if actual is None or target is None:
        return None
    if measure.direction == "decrease":
        return actual > target
    if measure.direction == "maintain":
        return actual != target
    return actual < target  # increase, or no direction: more is better


def _contradictions(strategy: Strategy, _: Mapping[str, Any]) -> Iterator[Finding]:
    for path, measure in _measures(strategy):
        latest = _latest(measure)
        if latest is None or measure.status not in ("achieved", "not-achieved"):
            continue
        missed = _misses(measure, latest)
        if missed is None or missed == (measure.status == "not-achieved"):
            continue
        said = "achieved" if measure.status == "achieved" else "not achieved"
        what = "misses" if missed else "meets"
        yield Finding(
            path=(*path, "status"),
            message=f"measure {_quote(measure.name)} is marked {said}, but its latest"
            f" actual ({latest.actual}) {what} its target: correct the status or the results",
        )


def _unlinked_enablers(strategy: Strategy, _: Mapping[str, Any]) -> Iterator[Finding]:
    served = {link.target for link in links(strategy) if link.target is not None}
    for index, enabler in enumerate(strategy.enablers):
        path = (attrs.fields(Strategy).enablers.name, index)
        if not enabler.contributes_to and path not in served and not _serves_inside(enabler):
            yield Finding(
                path=(*path, "name"),
                message=f"enabler {_quote(enabler.name)} is linked to no goal or priority:"
                " say what it enables (contributes_to)",
            )


def _serves_inside(enabler: Enabler) -> bool:
    """Whether anything inside *enabler* (an objective, a measure) contributes to something."""
    return any(getattr(node, "contributes_to", ()) for _, node in walk(enabler))


def _missing_translations(strategy: Strategy, _: Mapping[str, Any]) -> Iterator[Finding]:
    languages = sorted(
        {language for _, node in walk(strategy) for language in getattr(node, "translations", {})}
    )
    if not languages:
        return
    for path, node in walk(strategy):
        cls: type = type(node)
        fields = [name for name in text_fields(cls) if getattr(node, name)]
        if not fields:
            continue
        given = getattr(node, "translations", {})
        for language in languages:
            missing = [name for name in fields if name not in given.get(language, {})]
            if missing:
                element = isinstance(node, Element)
                what = f"{_kind(node)} {_quote(node.name)}" if element else format_path(path)
                yield Finding(
                    path=(*path, "name" if element else missing[0]),
                    message=f"{what or 'the strategy'} has no {language} translation of"
                    f" {', '.join(missing)}, though the document is in {language} elsewhere",
                )


def _when(value: DateOrYear) -> str:
    return f"in {value}" if isinstance(value, int) else f"on {value.isoformat()}"


def _period_expired(strategy: Strategy, options: Mapping[str, Any]) -> Iterator[Finding]:
    period = strategy.period
    if strategy.status != "published" or period is None or period.end is None:
        return
    if last_day(period.end) < options["today"]:
        yield Finding(
            path=("period", "end"),
            message=f"the strategy's period ended {_when(period.end)}, but it is still"
            " published: mark it superseded, or give it its new period",
        )


def _missing_source(strategy: Strategy, _: Mapping[str, Any]) -> Iterator[Finding]:
    if strategy.status == "published" and not strategy.sources:
        yield Finding(
            path=("status",),
            message="the strategy is published but has no sources: say where its text comes"
            " from (sources, each with a title or url)",
        )


# Aims, values and sections


def _aims_without_outcomes(strategy: Strategy, _: Mapping[str, Any]) -> Iterator[Finding]:
    for path, node in walk(strategy):
        if isinstance(node, Aim) and not (node.outcomes or node.objectives or node.measures):
            yield Finding(
                path=(*path, "name"),
                message=f"{_kind(node)} {_quote(node.name)} has no outcomes, objectives or"
                " measures: say how anyone will know it is achieved",
            )


def _values_without_behaviours(strategy: Strategy, _: Mapping[str, Any]) -> Iterator[Finding]:
    for path, node in walk(strategy):
        if isinstance(node, Value) and not node.behaviours:
            yield Finding(
                path=(*path, "name"),
                message=f"value {_quote(node.name)} has no behaviours: say what living it"
                " looks like",
            )


def _filled(strategy: Strategy) -> set[str]:
    """Return the name of every field that holds something, anywhere in *strategy*."""
    found: set[str] = set()
    for _, node in walk(strategy):
        for field in attrs.fields(type(node)):
            value = getattr(node, field.name)
            if value is not None and value != ():
                found.add(field.name)
    return found


def _empty_sections(strategy: Strategy, _: Mapping[str, Any]) -> Iterator[Finding]:
    filled = _filled(strategy)
    for key, label in strategy.labels.items():
        if key not in filled:
            yield Finding(
                path=("labels", key),
                message=f"the heading {_quote(label)} is for {key}, but the strategy has"
                " none: add them, or remove the label",
            )
    for path, node in walk(strategy):
        if isinstance(node, Compact) and not (node.commitments or node.themes):
            yield Finding(path=path, message="the compact has no commitments or themes: add them")
        elif isinstance(node, Theme) and not node.commitments:
            yield Finding(
                path=(*path, "name"),
                message=f"theme {_quote(node.name)} has no commitments: add them, or"
                " move its text elsewhere",
            )


BUILT_IN: Final = (
    Rule(
        name="duplicate-statement",
        severity="warning",
        summary="Two elements or statements say the same thing.",
        explanation="Two names, statements or points are the same once case, punctuation"
        " and spacing are ignored. A page often repeats a heading (the Staffordshire page"
        " gives each aim twice); the strategy should hold each aim once, so that readers,"
        " reports and diffs count it once.",
        good=_DUPLICATE_GOOD,
        bad=_DUPLICATE_BAD,
        check=_duplicates,
    ),
    Rule(
        name="near-duplicate-statement",
        severity="warning",
        summary="Two elements or statements say nearly the same thing.",
        explanation="Two names, statements or points are nearly the same (by default at"
        " least 90% alike once case, punctuation and spacing are ignored): often one is a"
        " copy of the other with a typo. Keep one, or make the difference clear. The"
        " option min-similarity (from 0 to 1) sets how alike they must be.",
        good=_DUPLICATE_GOOD,
        bad=_NEAR_BAD,
        check=_near_duplicates,
        options={"min-similarity": 0.9},
    ),
    Rule(
        name="long-statement",
        severity="warning",
        summary="A mission, vision or purpose is more than one sentence, or too many words.",
        explanation="A purpose is a single sentence which defines why an organisation"
        " exists; a mission and a vision are as short. A statement of several sentences,"
        " or of more than max-words words (40 by default), is hard to remember and"
        " usually mixes in goals or values: keep one sentence and move the rest to the"
        " statement's points or meanings, or to goals. The options max-words and"
        " max-sentences set the limits.",
        good=_HEAD + "purpose: Exceptional care, for everyone.\n",
        bad=_HEAD + "purpose: >-\n  We exist to care. We care for everyone in our area.\n"
        "  We do it with kindness.\n",
        check=_long_statements,
        options={"max-words": 40, "max-sentences": 1},
    ),
    Rule(
        name="measure-without-target",
        severity="warning",
        summary="A measure has no target.",
        explanation="A measure without a target says what is counted but not what success"
        " is. Give it a target (and a due date), or targets in its results. A measure that"
        " has a direction and results with actuals is an indicator that is watched, not"
        " aimed at: monitored-measure says so instead.",
        good=_HEAD
        + "goals:\n  - name: Timely care\n    measures:\n      - name: Seen within 4 hours\n"
        "        unit: '%'\n        target: 95\n        due: 2030-03-31\n",
        bad=_HEAD
        + "goals:\n  - name: Timely care\n    measures:\n      - name: Seen within 4 hours\n"
        "        unit: '%'\n",
        check=_without_target,
    ),
    Rule(
        name="monitored-measure",
        severity="info",
        summary="A measure is watched without a target: it has a direction and results.",
        explanation="Frameworks of indicators (a national performance framework, say) track"
        " measures that by design have no targets: which way is better (direction) and"
        " what was reported (results) are the point. That is fine; this says so, so that a"
        " missing target is a choice rather than a gap. Give a target if one is set.",
        good=_HEAD_1_1 + "measures:\n  - name: Healthy life expectancy\n    direction: increase\n"
        "    target: 65\n    results: [{period: 2023/24, actual: 61.9}]\n",
        bad=_HEAD_1_1 + "measures:\n  - name: Healthy life expectancy\n    direction: increase\n"
        "    results: [{period: 2023/24, actual: 61.9}]\n",
        check=_monitored_measures,
    ),
    Rule(
        name="status-contradicts-results",
        severity="warning",
        summary="A measure's status says achieved (or not) but its latest actual says otherwise.",
        explanation="A measure marked achieved whose latest reported actual misses its"
        " target, or marked not achieved whose latest actual meets it, tells readers two"
        " things. The target is the result's own, or else the measure's; which way is"
        " better is the measure's direction (more is better when none is given). Correct"
        " the status, or the results.",
        good=_HEAD_1_1 + "measures:\n  - name: Seen within 4 hours\n    direction: increase\n"
        "    target: 95\n    status: achieved\n    results: [{period: 2024/25, actual: 96}]\n",
        bad=_HEAD_1_1 + "measures:\n  - name: Seen within 4 hours\n    direction: increase\n"
        "    target: 95\n    status: achieved\n    results: [{period: 2024/25, actual: 91}]\n",
        check=_contradictions,
    ),
    Rule(
        name="unlinked-enabler",
        severity="warning",
        summary="An enabler is linked to no goal or priority.",
        explanation="An enabler (digital, workforce, estates, finance) is there for the goals"
        " and priorities: say which it enables with contributes_to, on the enabler or on"
        " what is inside it, or have them refer to it.",
        good=_HEAD_1_1 + "priorities: [Mental health]\nenablers:\n  - name: Digital\n"
        "    contributes_to: [priorities/mental-health]\n",
        bad=_HEAD_1_1 + "priorities: [Mental health]\nenablers: [Digital]\n",
        check=_unlinked_enablers,
    ),
    Rule(
        name="missing-translation",
        severity="warning",
        summary="A language the document is written in does not cover every text.",
        explanation="Once any text is translated into a language, a reader of that language"
        " should get all of it: every text field that has a value (names, descriptions,"
        " statements, the title) needs the translation too, or the page falls back to the"
        " document's own language in the middle of a sentence.",
        good='orgstrategy: "1.1"\norganisation:\n  name: Here\n  translations: {cy: {name: Yma}}\n'
        "title: Our plan\ntranslations: {cy: {title: Ein cynllun}}\n",
        bad=_HEAD_1_1 + "title: Our plan\ntranslations: {cy: {title: Ein cynllun}}\n",
        check=_missing_translations,
    ),
    Rule(
        name="measure-without-baseline",
        severity="info",
        summary="A measure has no baseline.",
        explanation="Without a baseline, readers cannot tell how far a target is from where"
        " things stood, nor how much has changed. Give the measure a baseline.",
        good=_HEAD
        + "goals:\n  - name: Timely care\n    measures:\n      - name: Seen within 4 hours\n"
        "        baseline: 71\n        target: 95\n",
        bad=_HEAD
        + "goals:\n  - name: Timely care\n    measures:\n      - name: Seen within 4 hours\n"
        "        target: 95\n",
        check=_without_baseline,
    ),
    Rule(
        name="target-past-due",
        severity="warning",
        summary="A published strategy has a measure or objective whose due date has passed.",
        explanation="A due date in the past in a published strategy means the strategy is"
        " out of date: report what was reached in the measure's results, or set a new"
        " date. A measure whose latest actual is for its due date or later (or whose"
        " results are undated) has reported what was reached, met or not, and is left"
        " alone.",
        good=_PUBLISHED
        + "goals:\n  - name: Timely care\n    measures:\n      - name: Seen within 4 hours\n"
        "        target: 95\n        due: 2099-03-31\n",
        bad=_PUBLISHED
        + "goals:\n  - name: Timely care\n    measures:\n      - name: Seen within 4 hours\n"
        "        target: 95\n        due: 2001-03-31\n",
        check=_past_due,
    ),
    Rule(
        name="aim-without-outcome",
        severity="info",
        summary="A goal or priority has no outcomes, objectives or measures.",
        explanation="An aim with nothing under it says what matters but not how anyone will"
        " know it is achieved. Add the outcomes it should bring about, the objectives"
        " towards it, or the measures of progress.",
        good=_HEAD + "goals:\n  - name: we will be a great employer\n    outcomes:\n"
        "      - Feel pride in what we do and the impact of our work\n",
        bad=_HEAD + "goals:\n  - we will be a great employer\n",
        check=_aims_without_outcomes,
    ),
    Rule(
        name="value-without-behaviours",
        severity="info",
        summary="A value has no behaviours.",
        explanation="A value is lived through behaviours: without them it is a word on a"
        " wall. Say what living the value looks like.",
        good=_HEAD + "values:\n  - name: Respect\n    behaviours: [Inclusive, Considerate]\n",
        bad=_HEAD + "values:\n  - Respect\n",
        check=_values_without_behaviours,
    ),
    Rule(
        name="empty-section",
        severity="warning",
        summary="A labelled section, a compact or a compact's theme has nothing in it.",
        explanation="A heading in labels for a section the strategy does not have, a"
        " compact with no commitments or themes, or a theme with no commitments, is a"
        " heading with nothing under it: a part left out when the strategy was copied."
        " Add what is missing, or remove the heading.",
        good=_HEAD + "labels:\n  goals: Our aims\ngoals:\n  - Enhance productivity\n",
        bad=_HEAD + "labels:\n  goals: Our aims\n  values: Our values\ngoals:\n"
        "  - Enhance productivity\n",
        check=_empty_sections,
    ),
    Rule(
        name="missing-source",
        severity="warning",
        summary="A published strategy does not say where its text comes from.",
        explanation="A published strategy should be traceable to what the organisation"
        " published: give sources, each with a title or a url (and when it was retrieved).",
        good=_PUBLISHED,
        bad=_HEAD + "status: published\n",
        check=_missing_source,
    ),
    Rule(
        name="period-expired",
        severity="warning",
        summary="A published strategy's period has ended.",
        explanation="A strategy whose period has ended but which is still marked published"
        " is out of date: mark it superseded, or give it its new period.",
        good=_PUBLISHED + "period:\n  start: 2025\n  end: 2099\n",
        bad=_PUBLISHED + "period:\n  start: 2000\n  end: 2005\n",
        check=_period_expired,
    ),
)
