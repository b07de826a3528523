"""Identifiers: the slug derived from a name, ids for a whole list, references, language tags.

An element's ``id`` is optional in a document. When it is absent, it is derived
from the element's ``name``: the name folded to ASCII, lower-cased, with every run
of other characters turned into one hyphen, cut to :data:`MAX_DERIVED_LENGTH`
characters at a word boundary. Within one list, a derived id that is already taken
(by an explicit id anywhere in the list, or by an earlier derived id) gets the
first free suffix ``-2``, ``-3``, ... Derivation is deterministic: the same list
always gets the same ids.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

#: What an id may look like: ASCII letters, digits, ``.``, ``_`` and ``-``,
#: starting with a letter or digit. Derived ids use only the lower-case subset.
#: (The look-ahead refuses a final newline, which Python's ``$`` would let
#: through, so the pattern means the same in every JSON Schema validator.)
ID_PATTERN: Final = r"^(?![^\n]*\n)[A-Za-z0-9][A-Za-z0-9._-]*$"
#: What a language tag (BCP 47, such as ``en``, ``cy`` or ``en-GB``) may look like.
LANGUAGE_PATTERN: Final = r"^(?![^\n]*\n)[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$"
_PATH: Final = r"[a-z_]+/[A-Za-z0-9][A-Za-z0-9._-]*(?:/[a-z_]+/[A-Za-z0-9][A-Za-z0-9._-]*)*"
#: What a reference to an element may look like: ``SECTION/ID``, a nested one
#: ``SECTION/ID/SECTION/ID``, either after ``ALIAS:`` (an element of another
#: document), or ``ALIAS:`` alone (the whole of another document).
REFERENCE_PATTERN: Final = rf"^(?![^\n]*\n)(?:[A-Za-z0-9][A-Za-z0-9._-]*:(?:{_PATH})?|{_PATH})$"
#: The longest id derived from a name (explicit ids may be longer).
MAX_DERIVED_LENGTH: Final = 48

_NOT_ALNUM: Final = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """Return the id derived from *name*, before any de-duplicating suffix.

    >>> slug("Value for money & efficiency")
    'value-for-money-efficiency'
    >>> slug("Kindness & compassion")
    'kindness-compassion'

    A name with no ASCII letter or digit at all gets a stable hash instead.
    """
    if name.isascii():  # what folding would give back
        folded = name
    else:
        folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = _NOT_ALNUM.sub("-", folded.lower()).strip("-")
    if not text:
        import hashlib  # rarely needed: imported here to keep importing orgstrategy cheap

        digest = hashlib.sha1(name.encode("utf-8", "surrogatepass"), usedforsecurity=False)
        return "e" + digest.hexdigest()[:8]
    if len(text) > MAX_DERIVED_LENGTH:
        cut = text[: MAX_DERIVED_LENGTH + 1]
        text = cut[: cut.rfind("-")] if "-" in cut else cut[:MAX_DERIVED_LENGTH]
    return text


def assign_ids(names: Sequence[str], explicit: Sequence[str | None]) -> list[str]:
    """Return the id of every element of one list.

    Args:
        names: Each element's name.
        explicit: Each element's explicit id, or ``None`` where it has none.

    Returns:
        The explicit id where there is one, otherwise the derived id, made unique
        within the list by the first free ``-N`` suffix.
    """
    taken = {given for given in explicit if given is not None}
    # The suffix to try next for each slug: every one below it is taken, and what
    # is taken stays taken, so no suffix is tried twice and the work is linear.
    following: dict[str, int] = {}
    ids: list[str] = []
    for name, given in zip(names, explicit, strict=True):
        if given is not None:
            ids.append(given)
            continue
        base = candidate = slug(name)
        suffix = following.get(base, 2)
        while candidate in taken:
            candidate = f"{base}-{suffix}"
            suffix += 1
        following[base] = suffix
        taken.add(candidate)
        ids.append(candidate)
    return ids


def derivable(names: Sequence[str], ids: Sequence[str]) -> list[bool]:
    """Return, for each element, whether its id can be left out of a document.

    An id can be left out when, with every such id left out, derivation gives it
    back. Leaving an id out can only free a name for another element, so the
    answer is found by repeatedly keeping the ids that derivation would not give
    back, until nothing changes.
    """
    omit = [given.startswith(slug(name)) for name, given in zip(names, ids, strict=True)]
    while True:
        kept = [None if o else given for o, given in zip(omit, ids, strict=True)]
        derived = assign_ids(names, kept)
        wrong = [o and d != given for o, d, given in zip(omit, derived, ids, strict=True)]
        if not any(wrong):
            return omit
        omit = [o and not w for o, w in zip(omit, wrong, strict=True)]


def duplicates(ids: Iterable[str]) -> list[tuple[int, int]]:
    """Return ``(first, repeat)`` index pairs for every id used more than once."""
    first: dict[str, int] = {}
    found: list[tuple[int, int]] = []
    for index, given in enumerate(ids):
        if given in first:
            found.append((first[given], index))
        else:
            first[given] = index
    return found


class Reference(NamedTuple):
    """A reference to an element, taken apart.

    Attributes:
        document: The alias of the other document it names (in ``aligns_to``),
            or ``None`` for an element of this one.
        steps: Each section and id from the top, e.g. ``(("goals", "quality"),
            ("objectives", "waits"))``; empty for the whole of another document.
    """

    document: str | None
    steps: tuple[tuple[str, str], ...]


@functools.lru_cache(maxsize=4096)  # documents repeat their references
def parse_reference(text: str) -> Reference:
    """Return the reference *text* (which matches :data:`REFERENCE_PATTERN`) taken apart.

    >>> parse_reference("goals/quality/objectives/waits")
    Reference(document=None, steps=(('goals', 'quality'), ('objectives', 'waits')))
    >>> parse_reference("nel-hcp:priorities/mental-health")
    Reference(document='nel-hcp', steps=(('priorities', 'mental-health'),))
    >>> parse_reference("nhs-10-year-plan:")
    Reference(document='nhs-10-year-plan', steps=())
    """
    document, colon, rest = text.rpartition(":") if ":" in text else ("", "", text)
    parts = rest.split("/") if rest else []
    steps = tuple(zip(parts[::2], parts[1::2], strict=True))
    return Reference(document if colon else None, steps)
