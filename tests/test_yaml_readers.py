"""The YAML reader's two event loops agree: the fast one, and the located one.

``_yaml.read`` reads without positions and stops at the first problem, for speed;
``_yaml.read_located`` reads with the position of every value and every problem.
They enforce the same rules, so on any text: the fast read succeeds exactly when
the located read finds no problem, with the same data; and a bound crossed is the
same problem, at the same place, from both.
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import example, given, note, settings
from hypothesis import strategies as st

from orgstrategy import _yaml
from orgstrategy._limits import Limits
from test_properties import CORRUPTIONS, mutated, typed

#: Small bounds, so that generated documents cross them too.
TIGHT = Limits(max_depth=4, max_nodes=40)


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    return repr(typed(left)) == repr(typed(right))


def _texts(data: st.DataObject) -> str:
    doc = data.draw(mutated())
    text = _yaml.dump(doc)
    for _ in range(data.draw(st.integers(0, 2))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 10)))
        text = text[:start] + data.draw(st.sampled_from(CORRUPTIONS)) + text[end:]
    return text


def _agree(text: str, limits: Limits) -> None:
    note(repr(text))
    ok, fast = _yaml.read(text, limits)
    located, _, problems = _yaml.read_located(text, "<string>", limits)
    errors = [problem for problem in problems if problem.severity == "error"]
    note(f"fast: {ok} {fast!r}\nlocated: {errors}")
    assert ok == (errors == [])
    if ok:
        assert _same(fast, located)
    elif fast is not None:  # over a bound: the same problem, at the same place
        assert fast in errors


class TestTheTwoReadersAgree:
    @settings(max_examples=80 * settings.default.max_examples // 100)
    @given(st.data())
    def test_on_generated_and_corrupted_text(self, data):
        _agree(_texts(data), Limits())

    @settings(max_examples=50 * settings.default.max_examples // 100)
    @given(st.data())
    def test_at_tight_bounds(self, data):
        _agree(_texts(data), TIGHT)

    @given(st.sampled_from(["a: &x [1, 2]\nb: *x\n", "a: *nowhere\n", "{a: 1, a: 2}\n"]))
    @example("? [a]\n: 1\n")
    @example("!!str x\n")
    @example("a: [[[[[1]]]]]\n")
    def test_on_each_rule(self, text):
        _agree(text, TIGHT)
