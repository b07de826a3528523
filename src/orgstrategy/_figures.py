"""Figures of measures: where a measure started, its targets and what was reported, as a chart.

A :class:`Chart` is geometry only: the points, ticks and labels of a small line
chart in a fixed ``viewBox``, with the words that say what it shows. The HTML
template draws it as inline SVG (so every text is escaped there) beside the
table of the same numbers, which stays the accessible source of them.

Only numbers are charted. A baseline, target or actual written as text
(``"all wards"``) is shown in the table alone, and a measure with fewer than
two numbers has no chart: one number is a sentence, not a trend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

import attrs

from orgstrategy._model import Measure, Quantity, Result
from orgstrategy._presentation import day, quantity

__all__ = ["DIRECTIONS", "HEIGHT", "WIDTH", "Chart", "Mark", "chart", "result_period"]

#: The size of every chart's ``viewBox``.
WIDTH: Final = 320
HEIGHT: Final = 168
#: The plotting area inside it: left, top, right and bottom edges.
_LEFT: Final = 48
_TOP: Final = 16
_RIGHT: Final = WIDTH - 12
_BOTTOM: Final = HEIGHT - 30
#: How far the first and last points stand in from the plot's sides.
_INSET: Final = 14
#: How wide a character of an axis label is taken to be, and the least gap between labels.
_CHARACTER: Final = 7.0
_GAP: Final = 8.0
#: Which way is better, in words, for each ``direction``.
DIRECTIONS: Final = {
    "increase": "Higher is better",
    "decrease": "Lower is better",
    "maintain": "The aim is to stay at the target",
}


@attrs.frozen
class Mark:
    """A point of a chart, or a labelled place on one of its axes.

    Attributes:
        x: Across, in the ``viewBox``'s units.
        y: Down, in the same units.
        label: Its text: the value with its unit, or the period.
        anchor: How the label aligns at *x* (SVG's ``text-anchor``).
    """

    x: float
    y: float
    label: str
    anchor: str = "middle"


@attrs.frozen(kw_only=True)
class Chart:
    """A line chart of a measure: actuals solid, targets dashed, the final target as a rule.

    Attributes:
        description: The numbers it shows, in words (the SVG's ``<desc>``).
        periods: Where each period stands on the horizontal axis, labelled or not.
        ticks: The values marked on the vertical axis.
        actuals: The baseline and each actual reported, in order.
        targets: The trajectory of targets, from the baseline to the final target.
        goal: The final target's rule across the chart, if the target is a number.
        direction: Which way is better, in words, if the measure says.
    """

    description: str
    periods: tuple[Mark, ...]
    ticks: tuple[Mark, ...]
    actuals: tuple[Mark, ...]
    targets: tuple[Mark, ...]
    goal: Mark | None
    direction: str | None

    width: int = WIDTH
    height: int = HEIGHT
    left: int = _LEFT
    right: int = _RIGHT
    top: int = _TOP
    bottom: int = _BOTTOM

    @staticmethod
    def line(marks: Sequence[Mark]) -> str:
        """Return *marks* as an SVG ``points`` list: ``"48.0,20.5 120.0,40.0"``."""
        return " ".join(f"{mark.x:.1f},{mark.y:.1f}" for mark in marks)


def _number(value: Quantity | None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def result_period(result: Result, index: int) -> str:
    """Return what a result's period is called: its name, its dates, or its place.

    >>> result_period(Result(period="2023/24"), 0), result_period(Result(start=2024, end=2025), 1)
    ('2023/24', '2024 to 2025')
    >>> result_period(Result(actual=3), 2)
    'Result 3'
    """
    if result.period is not None:
        return result.period
    dates = [day(value) for value in (result.start, result.end) if value is not None]
    return " to ".join(dates) if dates else f"Result {index + 1}"


def _ceiling(value: float) -> float:
    """Return the least round number at least *value*, for the top of a chart's axis.

    Round: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten, so that the
    top and its half read easily.
    """
    power = 10.0 ** math.floor(math.log10(value))
    steps = (step * power for step in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0))
    return next((step for step in steps if step >= value), value)  # past floats' range: itself


def _scale(values: Sequence[float]) -> tuple[float, float]:
    """Return the lowest and highest values of the vertical axis: from zero, rounded up."""
    low, high = min(0.0, *values), max(0.0, *values)
    if high > 0:
        high = _ceiling(high)
    if low < 0:
        low = -_ceiling(-low)
    return low, high if high > low else 1.0  # all zero


def _tick(value: float, unit: str | None) -> str:
    """Return a value of the vertical axis in words: ``1,500``, ``2.5``, ``50%``."""
    text = f"{int(value):,}" if value.is_integer() and abs(value) < 1e15 else f"{value:.4g}"
    return f"{text}%" if unit == "%" else text


def _labels(places: Sequence[float], texts: Sequence[str]) -> list[Mark]:
    """Return the labels of the periods that fit under the chart without touching.

    Each is centred under its point, or aligned inwards where it would leave the
    chart; the first and the last are always shown (the last if it leaves room),
    then any between them that fit. The table under the chart names every period.
    """

    def label(index: int) -> tuple[Mark, float, float]:
        x, text = places[index], texts[index]
        width = len(text) * _CHARACTER
        if x - width / 2 < 0:
            return Mark(x, float(HEIGHT - 10), text, "start"), x, x + width
        if x + width / 2 > WIDTH:
            return Mark(x, float(HEIGHT - 10), text, "end"), x - width, x
        return Mark(x, float(HEIGHT - 10), text), x - width / 2, x + width / 2

    chosen: list[tuple[Mark, float, float]] = []
    order = [0, len(places) - 1, *range(1, len(places) - 1)] if len(places) > 1 else [0]
    for index in order:
        candidate = label(index)
        if all(
            candidate[1] >= right + _GAP or candidate[2] + _GAP <= left for _, left, right in chosen
        ):
            chosen.append(candidate)
    return sorted((mark for mark, _, _ in chosen), key=lambda mark: mark.x)


#: A value of a series: its period's place, the value, and the value as written.
_Value = tuple[int, float, Quantity | None]


def chart(measure: Measure) -> Chart | None:
    """Return the chart of *measure*, or ``None`` if it has fewer than two numbers.

    The periods are the baseline, each result with a number, and the final
    target (by its due year) where it is not the last result's target already.
    The targets' line starts at the baseline: the trajectory planned from it.
    """
    unit = measure.unit
    baseline, target = _number(measure.baseline), _number(measure.target)
    periods: list[str] = []
    actuals: list[_Value] = []
    targets: list[_Value] = []
    if baseline is not None:
        periods.append("Baseline")
        actuals.append((0, baseline, measure.baseline))
        targets.append((0, baseline, measure.baseline))
    for index, result in enumerate(measure.results):
        aimed, actual = _number(result.target), _number(result.actual)
        if aimed is None and actual is None:
            continue
        periods.append(result_period(result, index))
        if aimed is not None:
            targets.append((len(periods) - 1, aimed, result.target))
        if actual is not None:
            actuals.append((len(periods) - 1, actual, result.actual))
    if target is not None and (len(periods) < 2 or not targets or targets[-1][1] != target):
        periods.append(f"Target {measure.due.year}" if measure.due is not None else "Target")
        targets.append((len(periods) - 1, target, measure.target))
    values = [value for _, value, _ in (*actuals, *targets)]
    if len(values) < 2:
        return None
    low, high = _scale(values)
    if not math.isfinite(high - low):
        return None
    count = len(periods)

    def across(place: int) -> float:
        if count == 1:
            return (_LEFT + _RIGHT) / 2
        return _LEFT + _INSET + place * (_RIGHT - _LEFT - 2 * _INSET) / (count - 1)

    def down(value: float) -> float:
        return _BOTTOM - (value - low) / (high - low) * (_BOTTOM - _TOP)

    def marks(series: list[_Value]) -> tuple[Mark, ...]:
        return tuple(
            Mark(across(place), down(value), quantity(written, unit))
            for place, value, written in series
        )

    def said(series: list[_Value]) -> str:
        return "; ".join(
            f"{periods[place]} {quantity(written, unit)}" for place, _, written in series
        )

    direction = None if measure.direction is None else DIRECTIONS[measure.direction]
    planned = [value for value in targets if baseline is None or value[0] > 0]
    description = f"Actual: {said(actuals) or 'none reported'}."
    if planned:
        description += f" Target: {said(planned)}."
    if direction is not None:
        description += f" {direction}."
    return Chart(
        description=description,
        periods=tuple(_labels([across(place) for place in range(count)], periods)),
        ticks=tuple(
            Mark(float(_LEFT - 6), down(value), _tick(value, unit), "end")
            for value in sorted({low, (low + high) / 2, high})
        ),
        actuals=marks(actuals),
        targets=marks(targets),
        goal=None
        if target is None
        else Mark(float(_RIGHT), down(target), f"Target {quantity(measure.target, unit)}", "end"),
        direction=direction,
    )
