"""Near-repeated texts, found without comparing every pair.

Two texts are as similar as :class:`difflib.SequenceMatcher` says:
``ratio() = 2 * M / (len(a) + len(b))``, where *M* is how many characters its
matching blocks hold. Comparing every text with every earlier one costs the
square of their number, so :func:`nearest_earlier` compares only the pairs that
could reach the threshold, and proves that it misses none:

* Blocks of a pair are separated by at least one unmatched character, so there
  are at most ``len(a) + len(b) - 2 * M + 1`` of them, and the blocks hold at
  least ``M - blocks * (Q - 1)`` of their *Q*-grams (runs of *Q* characters) in
  common. A pair that reaches the threshold therefore shares at least *k*
  *Q*-grams, counted with repeats, for a *k* read from the two lengths.
* Prefix filtering: with every text's *Q*-grams sorted in one global order
  (rarest first), two texts that share *k* of them share one among the first
  ``n - k + 1`` of each. Only those are indexed and looked up.

Where the bound gives no *k* (very short texts, or a threshold under about
0.7), every earlier text of a possible length is compared, as before.
"""

from __future__ import annotations

import collections
import difflib
import functools
import math
from collections.abc import Iterator, Sequence
from typing import Final

__all__ = ["nearest_earlier", "ratio"]

#: The length of the runs of characters that are indexed.
Q: Final = 3

_Token = tuple[str, int]  # a Q-gram and which of its repeats in the text it is


def ratio(earlier: str, text: str) -> float:
    """Return how similar *text* is to *earlier*, as :mod:`difflib` measures it.

    >>> ratio("improve outcomes", "improve outcome")
    0.967741935483871
    """
    return difflib.SequenceMatcher(None, earlier, text, autojunk=False).ratio()


def _least_matches(total: int, least: float) -> int:
    """Return the fewest matched characters that give a ratio of *least* over *total*."""
    matches = max(0, math.ceil(least * total / 2))
    while matches > 0 and 2.0 * (matches - 1) / total >= least:
        matches -= 1
    while 2.0 * matches / total < least:
        matches += 1
    return matches


def _possible(length: int, other: int, least: float) -> bool:
    """Whether texts of these lengths could be *least* similar (all characters matched)."""
    return 2.0 * min(length, other) / (length + other) >= least


@functools.cache
def _partners(length: int, least: float, longest: int) -> range:
    """Return the lengths up to *longest* that a text of *length* could be *least* similar to."""
    low = max(1, math.floor(length * least / (2 - least)) - 1)
    while low > 1 and _possible(length, low - 1, least):
        low -= 1
    while not _possible(length, low, least):
        low += 1
    bound = length * (2 - least) / least  # may be infinite
    high = longest if bound >= longest else max(length, math.ceil(bound) + 1)
    while high < longest and _possible(length, high + 1, least):
        high += 1
    while not _possible(length, high, least):
        high -= 1
    return range(low, high + 1)


@functools.cache
def _pair_shared(length: int, other: int, least: float) -> int:
    """Return how many Q-grams two texts of these lengths share if *least* similar."""
    total = length + other
    matches = _least_matches(total, least)
    return matches - (total - 2 * matches + 1) * (Q - 1)


@functools.cache
def _shared(length: int, least: float, longest: int) -> int:
    """Return how many Q-grams a text of *length* shares with any text *least* similar to it.

    At most zero when nothing can be proven for some possible partner.
    """
    return min(_pair_shared(length, other, least) for other in _partners(length, least, longest))


def _repeats(units: Sequence[str]) -> Iterator[_Token]:
    """Yield each of *units* with how many times it came before: a multiset as a set."""
    seen: collections.Counter[str] = collections.Counter()
    for unit in units:
        yield unit, seen[unit]
        seen[unit] += 1


def _tokens(text: str) -> list[_Token]:
    return list(_repeats([text[start : start + Q] for start in range(len(text) - Q + 1)]))


def _nearest_of_all(texts: Sequence[str]) -> Iterator[tuple[int, int, float]]:
    for position in range(1, len(texts)):
        matcher = difflib.SequenceMatcher(None, "", texts[position], autojunk=False)
        best = (-1.0, 0)
        for earlier in range(position):
            matcher.set_seq1(texts[earlier])
            if (found := matcher.ratio()) > best[0]:
                best = (found, earlier)
        yield position, best[1], best[0]


def nearest_earlier(texts: Sequence[str], least: float) -> Iterator[tuple[int, int, float]]:
    """Yield each text that is at least *least* similar to an earlier one, with the nearest.

    Each is ``(index, earlier index, ratio)``, in the order of *texts*: the
    earlier text is the one of highest :func:`ratio` (the first of those, on a
    tie). The texts should be distinct and not empty. No ratio is over 1 nor
    under 0, so with *least* over 1 nothing is yielded, and with *least* at
    most 0 every text after the first is. The result is what comparing every
    pair gives.

    >>> list(nearest_earlier(["improve outcomes", "tackle waits", "improve outcome"], 0.9))
    [(2, 0, 0.967741935483871)]
    """
    if least > 1:
        return
    if least <= 0:  # every pair is similar enough: the best of every earlier text
        yield from _nearest_of_all(texts)
        return
    longest = max(map(len, texts), default=0)
    tokens = [_tokens(text) for text in texts]
    grams = [frozenset(found) for found in tokens]
    characters = [frozenset(_repeats(text)) for text in texts]
    rarity = collections.Counter(token for found in tokens for token in found)
    index: dict[_Token, list[int]] = collections.defaultdict(list)
    by_length: dict[int, list[int]] = collections.defaultdict(list)
    for position, text in enumerate(texts):
        length = len(text)
        shared = _shared(length, least, longest)
        ordered = sorted(tokens[position], key=lambda token: (rarity[token], token))
        prefix = ordered[: len(ordered) - shared + 1] if shared > 0 else ordered
        if shared > 0:
            candidates = {earlier for token in prefix for earlier in index.get(token, ())}
        else:
            candidates = {
                earlier
                for other in _partners(length, least, longest)
                for earlier in by_length.get(other, ())
            }
        best: tuple[float, int] | None = None
        matcher = difflib.SequenceMatcher(None, "", text, autojunk=False)
        mine, my_characters = grams[position], characters[position]
        for earlier in sorted(candidates):
            other = len(texts[earlier])
            total = length + other
            if (
                not _possible(length, other, least)
                # the Q-grams the pair must share to be similar enough (see above)
                or len(mine & grams[earlier]) < _pair_shared(length, other, least)
                # difflib's quick_ratio: the characters in common, with repeats
                or 2.0 * len(my_characters & characters[earlier]) / total < least
            ):
                continue
            matcher.set_seq1(texts[earlier])
            found = matcher.ratio()
            if found >= least and (best is None or found > best[0]):
                best = (found, earlier)
        if best is not None:
            yield position, best[1], best[0]
        for token in prefix:
            index[token].append(position)
        by_length[length].append(position)
