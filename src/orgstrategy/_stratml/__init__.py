"""StratML (ISO 17469-1): read Part 1 and Part 2 documents, write Part 2.

The parts, each importing only those before it:

* :mod:`._vocabulary`: what StratML defines (namespaces, enumerations);
* :mod:`._crosswalk`: which StratML element holds which field of the model;
* :mod:`._parse`: the bounded, located XML parse;
* :mod:`._residue`: what StratML has no place for, as a JSON Patch;
* :mod:`._read`: a StratML element tree as a strategy's plain data, leniently;
* :mod:`._write`: a strategy as a StratML tree and text.
"""

from __future__ import annotations

from orgstrategy._stratml._read import SHOWN_REPAIRS, parse_document, read
from orgstrategy._stratml._residue import RESIDUE_MARKER
from orgstrategy._stratml._vocabulary import PART1, PART2
from orgstrategy._stratml._write import write

__all__ = ["PART1", "PART2", "RESIDUE_MARKER", "SHOWN_REPAIRS", "parse_document", "read", "write"]
