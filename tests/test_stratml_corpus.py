"""StratML fidelity on the real corpus: what a document says survives StratML → orgstrategy → StratML.

For every sample of the shared corpus (``samples/part1`` and ``samples/part2``), the
document is read, written as StratML Part 2 and the two are compared element by
element: as many goals, objectives, performance indicators, measurement instances,
target and actual results, descriptors, stakeholders and roles in each. A Part 1
input is written as Part 2, so elements are counted by local name, whatever their
namespace.

Only elements that carry data are counted: an element counts if some text in it
is not blank, an identifier that is a placeholder (``PLACEHOLDER_1``) aside. The
editors that made most of these documents leave empty records (``<Stakeholder>
<Name/><Description/></Stakeholder>``, an ``IndicatorType`` without text), which
the reader leaves out with a warning; an attribute alone (an empty stakeholder of
``StakeholderTypeType="Generic_Group"``, as the editor's form defaults it) is no
data either.

The written document must be valid against the Part 2 XSD, and read back as the
same strategy. The corpus is not part of the repository: without it (or without
``xmlschema``) the tests skip.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from conftest import CORPUS, samples
from orgstrategy import Limits
from orgstrategy._stratml import PART2, RESIDUE_MARKER, read, write
from orgstrategy._stratml._read import is_ncname

SAMPLES = sorted(
    path.relative_to(CORPUS / "samples").as_posix()
    for path in (CORPUS / "samples").glob("part[12]/*.xml")
)
PARAMETERS = samples(SAMPLES)
LIMITS = Limits()

#: The elements compared between a document and what orgstrategy writes of it.
COMPARED = (
    "Goal",
    "Objective",
    "PerformanceIndicator",
    "MeasurementInstance",
    "TargetResult",
    "ActualResult",
    "Descriptor",
    "Stakeholder",
    "Role",
    "RoleType",
)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _has_data(element: ET.Element) -> bool:
    """Whether some text in *element* is not blank, a placeholder identifier aside."""
    for inner in element.iter():
        text = (inner.text or "").strip()
        if not text:
            continue
        if _local(inner.tag) == "Identifier" and text.upper().startswith("PLACEHOLDER"):
            continue
        return True
    return False


def counts(text: str | bytes) -> dict[str, int]:
    """Return, for each compared element, how many of it carry data in the document *text*."""
    found = Counter(
        _local(element.tag) for element in ET.fromstring(text).iter() if _has_data(element)
    )
    return {name: found[name] for name in COMPARED}


def descriptors(text: str | bytes) -> Counter[tuple[str, str]]:
    """Return the document's descriptors: each (DescriptorName, DescriptorValue) pair, counted."""
    pairs: Counter[tuple[str, str]] = Counter()
    for element in ET.fromstring(text).iter():
        if _local(element.tag) != "Descriptor" or not _has_data(element):
            continue
        texts = {_local(inner.tag): (inner.text or "").strip() for inner in element}
        pairs[texts.get("DescriptorName", ""), texts.get("DescriptorValue", "")] += 1
    return pairs


@pytest.mark.parametrize("name", PARAMETERS)
def test_what_a_document_says_is_written_back(shared: Path, name: str, part2_schema):
    original = (shared / "corpus" / "stratml" / "samples" / name).read_bytes()
    strategy, problems = read(original, file=name, limits=LIMITS)
    assert strategy is not None, problems
    written = write(strategy)
    part2_schema.validate(written)
    assert counts(written) == counts(original)
    assert descriptors(written) == descriptors(original)
    back, _ = read(written, file="written.xml", limits=LIMITS)
    assert back == strategy


def residue(written: str) -> list[dict[str, object]]:
    """Return the operations of the residue in the document *written*, if it has one."""
    other = ET.fromstring(written).find(f"{{{PART2}}}OtherInformation")
    text = "" if other is None else other.text or ""
    if RESIDUE_MARKER not in text:
        return []
    operations: list[dict[str, object]] = json.loads(text.partition(RESIDUE_MARKER)[2])["patch"]
    return operations


@pytest.mark.parametrize("name", PARAMETERS)
def test_stratml_details_are_written_in_stratml(shared: Path, name: str):
    """What a document says is written in StratML's elements, not in the residue.

    Only identifiers that an ``xsd:ID`` cannot be (not an NCName, or one used
    twice) are in the residue: a valid document cannot have them.
    """
    original = (shared / "corpus" / "stratml" / "samples" / name).read_bytes()
    strategy, _ = read(original, file=name, limits=LIMITS)
    assert strategy is not None
    for operation in residue(write(strategy)):
        if operation["path"] == "/organisation/extensions":
            identifier = operation["value"]["stratml"]["identifier"]  # type: ignore[index]
            assert operation["value"] == {"stratml": {"identifier": identifier}}
            assert not is_ncname(identifier)
        else:
            assert operation["op"] == "replace"
            assert str(operation["path"]).endswith("/id")


def test_the_corpus_has_both_parts(shared: Path):
    assert any(name.startswith("part1/") for name in SAMPLES)
    assert any(name.startswith("part2/") for name in SAMPLES)
