"""The examples are faithful to the real strategies they model (the shared seeds)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

import orgstrategy
from conftest import EXAMPLES
from orgstrategy import Element, Statement, Strategy

SEEDS = {
    "here": "000_",
    "nhs-north-east-london": "001_",
    "tees-esk-and-wear-valleys": "002_",
    "better-care-together-morecambe-bay": "003_",
    "staffordshire-and-stoke-on-trent": "004_",
}


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def quoted(strategy: Strategy) -> list[str]:
    """Everything an example quotes from its page: statements and element names."""
    texts: list[str] = []
    for key in ("mission", "vision", "purpose", "ambition"):
        statement: Statement | None = getattr(strategy, key)
        if statement is not None:
            texts.extend([statement.text] if statement.text else [])
            texts.extend(statement.points)
            texts.extend(meaning.name for meaning in statement.meanings)

    def names(elements: tuple[Element, ...]) -> None:
        texts.extend(element.name for element in elements)

    for aim in (*strategy.goals, *strategy.priorities):
        names((aim,))
        names(aim.outcomes)
    for value in strategy.values:
        names((value,))
        names(value.behaviours)
    names(strategy.principles)
    if strategy.compact is not None:
        names(strategy.compact.commitments)
        for theme in strategy.compact.themes:
            names((theme,))
            names(theme.commitments)
    return texts


@pytest.mark.parametrize(("stem", "prefix"), SEEDS.items())
def test_examples_quote_their_seed(shared: Path, stem: str, prefix: str) -> None:
    (seed,) = (shared / "seeds").glob(f"{prefix}*.txt")
    page = normalise(seed.read_text(encoding="utf-8"))
    strategy = orgstrategy.load(EXAMPLES / f"{stem}.yaml")
    texts = quoted(strategy)
    assert texts, stem
    missing = [text for text in texts if normalise(text).rstrip(".") not in page]
    assert missing == []


def test_staffordshire_compact_is_complete(shared: Path) -> None:
    strategy = orgstrategy.load(EXAMPLES / "staffordshire-and-stoke-on-trent.yaml")
    assert strategy.compact is not None
    (seed,) = (shared / "seeds").glob("004_*.txt")
    promises = [
        line for line in seed.read_text(encoding="utf-8").splitlines() if "we will" in line.lower()
    ]
    modelled = len(strategy.compact.commitments) + sum(
        len(t.commitments) for t in strategy.compact.themes
    )
    assert modelled == len(promises) == 30
    assert [t.name for t in strategy.compact.themes] == [
        "Openness & Honesty",
        "Leading by example",
        "Kindness & compassions",
        "System first",
        "Looking forward",
    ]
