"""Near-repeated texts, found without comparing every pair.

Two texts are as similar as :class:`difflib.SequenceMatcher` says:
``ratio() = 2 * M / S``, where *M* is how many characters its matching blocks
hold and *S* the two lengths together. Comparing every text with every other
costs the square of their number; :func:`nearest_earlier` compares only the
pairs that could reach the threshold, and misses none:

* **Few edits apart.** The matching blocks are common to both texts in order,
  so *M* is at most their longest common subsequence, and the texts are at most
  ``S - 2 * M`` insertions and deletions apart. A pair of ratio *t* or more is
  therefore at most ``tau = S - 2 * ceil(t * S / 2)`` edits apart (about a
  tenth of *S* at 0.9).
* **Two pieces left whole** (after the segment filter of Pass-Join, Li et al.,
  VLDB 2011). Cut the shorter text into ``tau + 2`` pieces: each edit spoils at
  most one, so two pieces appear unchanged in the longer text, each shifted by
  no more than the edits before it. Counting the edits piece by piece (an edit
  between pieces counts for the one before it), the first piece left whole,
  number *k*, has at most *k* edits before it and ``tau - k`` after; the second
  at most ``k - 1`` before and ``tau - k + 1`` after. Each text is indexed by its
  pieces, and each longer text looks up only its substrings at those places,
  keeping the texts that two of its pieces were found in.

A pair kept so is checked by difflib's own quick bound (the characters in
common) and then by its ratio, with one matcher per text. Texts too short to
cut into ``tau + 2`` pieces (or thresholds so low that every text is) are
compared with every text of a possible length, as before.
"""

from __future__ import annotations

import collections
import difflib
import functools
import itertools
import math
from collections.abc import Iterator, Sequence

__all__ = ["nearest_earlier", "ratio"]

_Piece = tuple[int, int, str]  # the length of the text cut, which piece, the piece

#: Up to how many texts every pair is compared, as that is quicker than an index.
FEW = 200
#: The longest text that is cut into pieces. Longer texts (long statements, say)
#: are compared with every text of a possible length: the places a piece can be
#: grow with the cube of the length, and there are few such texts.
CUT = 100


def ratio(earlier: str, text: str) -> float:
    """Return how similar *text* is to *earlier*, as :mod:`difflib` measures it.

    >>> ratio("improve outcomes", "improve outcome")
    0.967741935483871
    """
    return difflib.SequenceMatcher(None, earlier, text, autojunk=False).ratio()


@functools.cache
def _edits(total: int, least: float) -> int:
    """Return how many edits apart two texts of *total* length can be if *least* similar."""
    matches = max(0, math.ceil(least * total / 2))
    while matches > 0 and 2.0 * (matches - 1) / total >= least:
        matches -= 1
    while 2.0 * matches / total < least:
        matches += 1
    return total - 2 * matches


def _possible(length: int, other: int, least: float) -> bool:
    """Whether texts of these lengths could be *least* similar (all characters matched)."""
    return 2.0 * min(length, other) / (length + other) >= least


@functools.cache
def _pieces(length: int, least: float) -> tuple[tuple[int, int], ...]:
    """Return where a text of *length* is cut (start and length of each piece), if it is.

    It is cut into two pieces more than it can be edits apart from any longer
    text that could be similar enough, so that two pieces are left whole. It is
    not cut if that leaves a piece empty, or if it is longer than :data:`CUT`.
    """
    if length > CUT:
        return ()
    # The longest text that could be similar enough, and (as _edits(S) is at most
    # (1 - least) * S) at most how many edits apart the two can be, with a margin.
    longer = length * (2 - least) / least  # infinite for a tiny *least*
    most = (1 - least) * (length + longer) + 1
    if most + 2 > length:
        return ()
    count = math.floor(most) + 2
    short, extra = divmod(length, count)
    sizes = [short] * (count - extra) + [short + 1] * extra
    starts = [sum(sizes[:number]) for number in range(count)]
    return tuple(zip(starts, sizes, strict=True))


def _repeats(text: str) -> frozenset[tuple[str, int]]:
    """Return the characters of *text*, each with how many times it came before."""
    counts = collections.Counter(text)
    return frozenset(
        (character, before) for character, count in counts.items() for before in range(count)
    )


class _Index:
    """The texts cut so far, by their pieces, and the texts too short to cut."""

    def __init__(self, texts: Sequence[str], least: float) -> None:
        self.texts = texts
        self.least = least
        self.pieces: dict[_Piece, list[int]] = collections.defaultdict(list)
        self.uncut: dict[int, list[int]] = collections.defaultdict(list)
        self.cut: set[int] = set()  # the lengths of the texts cut

    def add(self, position: int) -> None:
        text = self.texts[position]
        cuts = _pieces(len(text), self.least)
        if cuts:
            self.cut.add(len(text))
        else:
            self.uncut[len(text)].append(position)
        for number, (start, size) in enumerate(cuts):
            self.pieces[len(text), number, text[start : start + size]].append(position)

    def candidates(self, text: str) -> Iterator[int]:
        """Yield the texts added so far (none longer than *text*) that it could be near.

        Those are the texts too short to cut, and those that two pieces of were
        found in *text* where they can be (a piece found at two places counts
        twice, which only keeps a pair more to check).
        """
        length = len(text)
        for other in _shorter(length, self.least):
            yield from self.uncut.get(other, ())
        keys = [
            (other, number, text[at : at + size])
            for other, places in _places(length, self.least)
            if other in self.cut
            for number, size, at in places
        ]
        found = filter(None, map(self.pieces.get, keys))
        hits = collections.Counter(itertools.chain.from_iterable(found))
        yield from (position for position, count in hits.items() if count >= 2)


@functools.cache
def _shorter(length: int, least: float) -> range:
    """Return the lengths up to *length* that a text of *length* could be *least* similar to."""
    low = max(1, math.floor(length * least / (2 - least)) - 1)
    while low > 1 and _possible(length, low - 1, least):
        low -= 1
    while not _possible(length, low, least):
        low += 1
    return range(low, length + 1)


@functools.cache
def _places(length: int, least: float) -> tuple[tuple[int, tuple[tuple[int, int, int], ...]], ...]:
    """Return where each piece of each shorter text can be in a text of *length*.

    For each shorter length, each place is the piece's number, its length and
    where it can start: bounded by the edits before it (at most its number) and
    after it (at most ``tau - number + 1``), as the first two pieces left whole
    are (see above).
    """
    found = []
    for other in _shorter(length, least):
        if other > CUT:
            break
        most = _edits(length + other, least)  # edits apart, at most
        shift = length - other
        places: list[tuple[int, int, int]] = []
        for number, (start, size) in enumerate(_pieces(other, least)):
            after = most - number + 1
            first = max(start - number, start + shift - after, 0)
            last = min(start + number, start + shift + after, length - size)
            places.extend((number, size, at) for at in range(first, last + 1))
        found.append((other, tuple(places)))
    return tuple(found)


def _pairs(texts: Sequence[str], least: float) -> dict[int, set[int]]:
    """Return every pair that could be *least* similar, found once: later text, earlier ones.

    Each text, shortest first, looks up the shorter (or as long and earlier)
    texts indexed before it.
    """
    index = _Index(texts, least)
    pairs: dict[int, set[int]] = collections.defaultdict(set)
    for position in sorted(range(len(texts)), key=lambda number: len(texts[number])):
        for other in index.candidates(texts[position]):
            earlier, later = min(other, position), max(other, position)
            pairs[later].add(earlier)
        index.add(position)
    return pairs


def _every_pair(texts: Sequence[str], least: float) -> dict[int, set[int]]:
    """Return every pair of texts of lengths that could be *least* similar."""
    lengths = [len(text) for text in texts]
    return {
        later: {earlier for earlier in range(later) if _possible(length, lengths[earlier], least)}
        for later, length in enumerate(lengths)
    }


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
    # At most 0 every pair is similar enough, and the index cannot cut anything.
    few = len(texts) <= FEW or least <= 0
    pairs = _every_pair(texts, least) if few else _pairs(texts, least)
    characters = functools.cache(lambda position: _repeats(texts[position]))
    for later in sorted(pairs):
        text, mine = texts[later], characters(later)
        matcher: difflib.SequenceMatcher[str] | None = None
        best: tuple[float, int] | None = None
        for earlier in sorted(pairs[later]):
            total = len(text) + len(texts[earlier])
            # difflib's quick_ratio: the characters in common, with repeats
            if 2.0 * len(mine & characters(earlier)) / total < least:
                continue
            if matcher is None:
                matcher = difflib.SequenceMatcher(None, "", text, autojunk=False)
            matcher.set_seq1(texts[earlier])
            found = matcher.ratio()
            if found >= least and (best is None or found > best[0]):
                best = (found, earlier)
        if best is not None:
            yield later, best[1], best[0]
