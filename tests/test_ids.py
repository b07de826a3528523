from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import orgstrategy
from orgstrategy._ids import ID_PATTERN, assign_ids, derivable, duplicates, slug


class TestSlug:
    """Derived ids: ASCII, lower case, hyphenated, bounded, never empty."""

    def test_words(self):
        assert slug("Value for money & efficiency") == "value-for-money-efficiency"

    def test_accents_are_folded(self):
        assert slug("Café à la carte") == "cafe-a-la-carte"

    def test_no_ascii_gives_a_stable_hash(self):
        # "e" and the first 8 hex digits of the SHA-1 of the name's UTF-8
        assert slug("中文") == "e7be2d2d2"
        assert slug("日本") == "e44da6bbc"
        assert slug("😀") == "e9c533688"
        assert slug("健康と福祉") == "ea519a584"

    def test_no_ascii_hash_is_the_same_in_every_process(self):
        """The derived id does not depend on the process (str hashes are salted per process)."""
        script = (
            "import orgstrategy\n"
            "text = 'orgstrategy: \"1.0\"\\norganisation: {name: Here}\\nvalues: [\\u4e2d\\u6587]\\n'\n"
            "print(orgstrategy.loads(text).values[0].id)\n"
        )
        ids = []
        for seed in ("0", "4242"):
            ran = subprocess.run(
                [sys.executable, "-c", script],
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "PYTHONHASHSEED": seed},
            )
            assert (ran.returncode, ran.stderr) == (0, ""), ran.stderr
            ids.append(ran.stdout)
        assert ids == ["e7be2d2d2\n", "e7be2d2d2\n"]

    def test_a_lone_surrogate_gets_a_stable_hash(self):
        # A name built in Python may hold one (no document can): hashed as UTF-8 with the
        # surrogate passed through, not refused.
        assert slug("\ud800") == "e10db70ec"
        assert slug("\u4e2d\ud800") == "e7b026e5d"
        assert orgstrategy.Value(name="\ud800").id == "e10db70ec"

    def test_the_hash_is_not_one_for_security(self, monkeypatch):
        """Where SHA-1 is refused for security (FIPS mode), the id is still derived."""
        real = hashlib.sha1

        def fips_sha1(data=b"", **options):
            if options.get("usedforsecurity", True):
                raise ValueError("[digital envelope routines] unsupported")
            return real(data, **options)

        monkeypatch.setattr(hashlib, "sha1", fips_sha1)
        assert slug("\u4e2d\u6587") == "e7be2d2d2"

    def test_long_names_are_cut_at_a_word(self):
        name = "We will be dependable: we will do what we say we will do and when we cannot"
        assert slug(name) == "we-will-be-dependable-we-will-do-what-we-say-we"

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            # 48 characters: kept whole
            (
                "One two three four five six seven eight nine ten",
                "one-two-three-four-five-six-seven-eight-nine-ten",
            ),
            # 49: the last word would pass 48, so it goes, and its hyphen with it
            (
                "One two three four five six seven eight nine tens",
                "one-two-three-four-five-six-seven-eight-nine",
            ),
            # a word ends at 48 exactly, and the next begins after the hyphen at 49
            (
                "Improving health and wellbeing for communities a b",
                "improving-health-and-wellbeing-for-communities-a",
            ),
            # a word ends at 49, one past the limit, with a hyphen after it: it goes
            (
                "One two three four five six seven eight nine tenn more",
                "one-two-three-four-five-six-seven-eight-nine",
            ),
            # one word of 49 and more after it: cut at 48 within the word
            ("a" * 49 + " b", "a" * 48),
            # runs of punctuation are one hyphen before the cut is made
            (
                "Care -- for -- all: the people, places and partners we serve",
                "care-for-all-the-people-places-and-partners-we",
            ),
        ],
    )
    def test_the_cut_is_at_the_last_word_that_fits(self, name, expected):
        assert slug(name) == expected

    def test_one_long_word_is_cut(self):
        assert slug("a" * 100) == "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"  # 48

    @given(st.text(min_size=1))
    def test_always_a_valid_id(self, name):
        assert re.match(ID_PATTERN, slug(name))
        assert 1 <= len(slug(name)) <= 48


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

    def test_many_repeats_of_one_name_take_linear_work(self):
        # Each repeat starts from the suffix after the last one given: starting from -2
        # each time is quadratic, and 100,000 repeats would then run for hours.
        ids = assign_ids(["Access"] * 100_000, [None] * 100_000)
        assert ids == ["access", *(f"access-{n}" for n in range(2, 100_001))]

    def test_a_name_and_an_id_for_each_element(self):
        with pytest.raises(ValueError, match="zip"):
            assign_ids(["Access", "Other"], [None])
        with pytest.raises(ValueError, match="zip"):
            assign_ids(["Access"], [None, "other"])

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

    def test_an_id_derived_beside_a_kept_one_is_left_out(self):
        # "x" is kept, so the second "Access" derives "access" again: it can go.
        assert derivable(["Access", "Access"], ["x", "access"]) == [False, True]
        # with the first left out too, the second would derive "access-2": both stay
        assert derivable(["Access", "Access"], ["access-2", "access"]) == [False, False]


class TestDuplicates:
    """Pairs of (first, repeat) indexes."""

    def test_pairs(self):
        assert duplicates(["a", "b", "a", "a"]) == [(0, 2), (0, 3)]
