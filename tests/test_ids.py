from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from orgstrategy._ids import ID_PATTERN, MAX_DERIVED_LENGTH, assign_ids, derivable, duplicates, slug


class TestSlug:
    """Derived ids: ASCII, lower case, hyphenated, bounded, never empty."""

    def test_words(self):
        assert slug("Value for money & efficiency") == "value-for-money-efficiency"

    def test_accents_are_folded(self):
        assert slug("Café à la carte") == "cafe-a-la-carte"

    def test_no_ascii_gives_a_stable_hash(self):
        assert slug("中文") == slug("中文")
        assert re.fullmatch(r"e[0-9a-f]{8}", slug("中文"))
        assert slug("中文") != slug("日本")

    def test_long_names_are_cut_at_a_word(self):
        name = "We will be dependable: we will do what we say we will do and when we cannot"
        derived = slug(name)
        assert len(derived) <= MAX_DERIVED_LENGTH
        assert name.lower().replace(":", "").replace(" ", "-").startswith(derived)

    def test_one_long_word_is_cut(self):
        assert slug("a" * 100) == "a" * MAX_DERIVED_LENGTH

    @given(st.text(min_size=1))
    def test_always_a_valid_id(self, name):
        assert re.match(ID_PATTERN, slug(name))


class TestAssignIds:
    """Ids for a whole list: explicit ids kept, derived ones made unique."""

    def test_repeated_names_get_suffixes(self):
        assert assign_ids(["Access", "Access", "Access"], [None] * 3) == [
            "access",
            "access-2",
            "access-3",
        ]

    def test_derived_ids_avoid_explicit_ones(self):
        assert assign_ids(["Access", "Other"], [None, "access"]) == ["access-2", "access"]

    @given(st.lists(st.sampled_from(["A", "B", "a", "A!", "b-2"]), max_size=8))
    def test_derived_ids_are_unique(self, names):
        ids = assign_ids(names, [None] * len(names))
        assert len(set(ids)) == len(ids)


class TestDerivable:
    """An id is left out of a document only when reading gives it back."""

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["A", "B", "a"]), st.sampled_from([None, "a", "a-2", "b", "x"])
            ),
            max_size=6,
        )
    )
    def test_leaving_out_is_faithful(self, entries):
        names = [name for name, _ in entries]
        explicit = [given for _, given in entries]
        if duplicates(g for g in explicit if g is not None):
            return
        ids = assign_ids(names, explicit)
        omit = derivable(names, ids)
        kept = [None if leave_out else id_ for leave_out, id_ in zip(omit, ids, strict=True)]
        assert assign_ids(names, kept) == ids

    def test_an_explicit_id_that_is_not_the_slug_is_kept(self):
        assert derivable(["Access"], ["access-to-care"]) == [False]
        assert derivable(["Access"], ["access"]) == [True]


class TestDuplicates:
    """Pairs of (first, repeat) indexes."""

    def test_pairs(self):
        assert duplicates(["a", "b", "a", "a"]) == [(0, 2), (0, 3)]
