"""Deterministic corpora for the benchmarks, built from the real strategies in ``examples/``.

Two corpora, both written by a seeded :class:`random.Random`, so the same seed
always gives the same bytes:

* :func:`write_validate_corpus`: documents that vary the five example strategies
  (other organisation names, goals and values reordered or repeated under new
  names, objectives and measures added) so that sizes range from the examples'
  own to ten times them; optionally a few documents with mistakes in them.
* :func:`write_diff_pair`: two versions of one large strategy of a given number
  of elements, the second with elements renamed, moved, added and deleted, and
  measures' targets and actuals updated, at the same rate for every size.
* :func:`write_system_corpus`: a national plan, 42 system plans and 250 member
  plans that align to them (about 40,000 elements and 30,000 references).
"""

from __future__ import annotations

import copy
import datetime
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import yaml

__all__ = [
    "DiffPair",
    "count_elements",
    "read_examples",
    "write_diff_pair",
    "write_lint_document",
    "write_system_corpus",
    "write_validate_corpus",
]

Data = dict[str, Any]

_PLACES: Final = (
    "Ashfield", "Barnsley", "Calderdale", "Dorset", "Ealing", "Fylde", "Gateshead",
    "Halton", "Islington", "Kirklees", "Lambeth", "Medway", "Norfolk", "Oldham",
    "Peterborough", "Redcar", "Solihull", "Thurrock", "Wakefield", "Wirral", "York",
    "North Tyneside", "South Tees", "West Berkshire", "East Riding", "Mid Essex",
    "Cornwall and the Isles of Scilly", "Bath and North East Somerset", "Tower Hamlets",
)  # fmt: skip
_KINDS: Final = (
    ("NHS Foundation Trust", "nhs-foundation-trust"),
    ("Integrated Care Board", "integrated-care-board"),
    ("Borough Council", "local-council"),
    ("County Council", "local-council"),
    ("Health and Care Partnership", "health-and-care-partnership"),
    ("Community Interest Company", "social-enterprise"),
    ("Fire and Rescue Service", "fire-and-rescue-service"),
)
_VERBS: Final = (
    "Reduce", "Improve", "Increase", "Expand", "Cut", "Deliver", "Recruit", "Open",
    "Halve", "Publish", "Train", "Extend", "Join up", "Speed up", "Prevent",
)  # fmt: skip
_SUBJECTS: Final = (
    "waiting times for planned care", "emergency admissions of older people",
    "the number of children in temporary accommodation", "access to talking therapies",
    "staff turnover in community nursing", "avoidable hospital stays",
    "support for unpaid carers", "the gap in healthy life expectancy",
    "smoking in pregnancy", "delayed discharges from hospital", "school readiness",
    "apprenticeships in health and care", "falls among people over 65",
    "rough sleeping", "the use of agency staff", "digital access to records",
    "cancer diagnosed at an early stage", "childhood obesity", "air quality near schools",
    "energy use in our buildings", "mental health crisis response",
)  # fmt: skip
_PLACES_SUFFIX: Final = (
    "in every neighbourhood", "across the borough", "for the most deprived areas",
    "by working with partners", "with local communities", "in primary care",
)  # fmt: skip
_UNITS: Final = ("%", "weeks", "days", "per 100,000 people", "people", "£m")
_EXTRA_VALUES: Final = (
    "Courage", "Integrity", "Kindness", "Fairness", "Openness", "Curiosity", "Teamwork",
    "Ambition", "Humility", "Trust",
)  # fmt: skip
_BEHAVIOURS: Final = (
    "Listening first", "Owning our mistakes", "Speaking up", "Sharing what we learn",
    "Being on time", "Saying thank you", "Asking for help", "Keeping our promises",
)  # fmt: skip
_INVALID_EDITS: Final = ("unknown-key", "empty-name", "bad-status", "duplicate-id", "bad-date")


def read_examples(folder: Path) -> list[Data]:
    """Return the plain data of every ``*.yaml`` strategy directly in *folder*, by name."""
    return [
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        for path in sorted(folder.glob("*.yaml"))
    ]


def _phrase(rng: random.Random) -> str:
    return f"{rng.choice(_VERBS)} {rng.choice(_SUBJECTS)} {rng.choice(_PLACES_SUFFIX)}"


def _date(rng: random.Random, first_year: int = 2025, last_year: int = 2030) -> datetime.date:
    return datetime.date(rng.randint(first_year, last_year), rng.choice((3, 6, 9, 12)), 30)


def _measure(rng: random.Random, name: str, id_: str | None) -> Data:
    measure: Data = {"name": name} if id_ is None else {"id": id_, "name": name}
    unit = rng.choice(_UNITS)
    baseline = round(rng.uniform(5, 95), 1)
    measure.update(
        unit=unit,
        baseline=baseline,
        target=round(baseline * rng.uniform(0.4, 0.9), 1) if rng.random() < 0.8 else "best 25%",
        due=_date(rng),
    )
    if rng.random() < 0.5:
        start = rng.randint(2022, 2024)
        measure["results"] = [
            {
                "start": year,
                "end": year + 1,
                "target": round(baseline * (0.95 - 0.05 * step), 1),
                "actual": round(baseline * rng.uniform(0.85, 1.0), 1),
            }
            for step, year in enumerate(range(start, start + rng.randint(1, 3)))
        ]
    return measure


def _objective(rng: random.Random, number: int, measures: int) -> Data:
    return {
        "id": f"objective-{number}",
        "name": _phrase(rng),
        "description": f"By {_date(rng).year} we will {_phrase(rng).lower()}.",
        "due": _date(rng),
        "measures": [
            _measure(rng, f"{_phrase(rng)} ({n})", f"m{number}-{n}") for n in range(measures)
        ],
    }


def _organisation(rng: random.Random, number: int) -> Data:
    place = rng.choice(_PLACES)
    kind, slug = rng.choice(_KINDS)
    name = f"{place} {kind}"
    organisation: Data = {"name": name if number < len(_PLACES) else f"{name} {number}"}
    if rng.random() < 0.5:
        organisation["short_name"] = "".join(word[0] for word in name.split() if word[0].isupper())
    organisation["kind"] = slug
    organisation["area"] = place
    organisation["description"] = f"The {kind.lower()} serving the people of {place}."
    return organisation


def _scale(rng: random.Random) -> int:
    """Return how many goals to add: most documents near the examples' size, a few 10x."""
    roll = rng.random()
    if roll < 0.6:
        return rng.randint(0, 1)
    if roll < 0.92:
        return rng.randint(2, 3)
    return rng.randint(8, 10)


def _vary(example: Data, rng: random.Random, number: int) -> Data:
    document = copy.deepcopy(example)
    document["organisation"] = _organisation(rng, number)
    document["title"] = f"{document.get('title', 'Our strategy')} {2024 + number % 6}"
    for section in ("goals", "priorities", "values", "principles"):
        items = document.get(section)
        if not items:
            continue
        rng.shuffle(items)
        if rng.random() < 0.3:  # the same item again, under a name of its own
            again = copy.deepcopy(rng.choice(items))
            again = {"name": again} if isinstance(again, str) else again
            again.pop("id", None)
            again["name"] = f"{again['name']} (again, {rng.choice(_PLACES)})"
            items.append(again)
    if rng.random() < 0.3:
        values = document.setdefault("values", [])
        taken = {value["name"] for value in values if isinstance(value, dict)}
        for name in rng.sample(_EXTRA_VALUES, rng.randint(1, 3)):
            if name not in taken:
                values.append({"name": name, "behaviours": rng.sample(_BEHAVIOURS, 3)})
    section = "priorities" if "priorities" in document else "goals"
    aims = document.setdefault(section, [])
    for extra in range(_scale(rng)):
        objectives = [_objective(rng, n, rng.randint(1, 3)) for n in range(rng.randint(2, 4))]
        aims.append(
            {
                "id": f"added-{extra}",
                "name": _phrase(rng),
                "description": f"{_phrase(rng)}, and {_phrase(rng).lower()}.",
                "outcomes": [_phrase(rng) for _ in range(rng.randint(1, 3))],
                "objectives": objectives,
                "measures": [_measure(rng, f"{_phrase(rng)} overall", None)],
            }
        )
    return document


def _break(document: Data, rng: random.Random) -> str:
    """Put one mistake of a random kind into *document*; return its kind."""
    kind = rng.choice(_INVALID_EDITS)
    if kind == "unknown-key":
        document["organisation"]["website"] = "https://example.org"
    elif kind == "empty-name":
        document["organisation"]["name"] = "   "
    elif kind == "bad-status":
        document["status"] = "approved"
    elif kind == "duplicate-id":
        document["values"] = [{"id": "kind", "name": "Kind"}, {"id": "kind", "name": "Kinder"}]
    else:
        document["published"] = "2025-02-30"
    return kind


def _write(path: Path, document: Data) -> None:
    text = yaml.dump(
        document, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100
    )
    path.write_text(text, encoding="utf-8")


def _words(examples: list[Data]) -> list[str]:
    """Return every word of the examples' names and statements, as often as it is used."""
    words: list[str] = []

    def collect(node: Any) -> None:
        if isinstance(node, str):
            words.extend(word.lower() for word in re.findall(r"[A-Za-z][A-Za-z\u2019'-]+", node))
        elif isinstance(node, dict):
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    for example in examples:
        collect({key: value for key, value in example.items() if key != "sources"})
    return words


def write_lint_document(
    examples: list[Data], folder: Path, elements: int, *, seed: int = 9
) -> Path:
    """Write a strategy of *elements* goals for ``lint`` into *folder*; return its path.

    The goals' names are four to ten words drawn from the examples' own text, as
    often as the examples use them (so common words are common, as in any plan);
    one in fifty is an earlier name with one letter changed, which the
    near-duplicate rule should find. The rest of the document is the Tees, Esk
    and Wear Valleys example.
    """
    rng = random.Random(seed * 1_000_003 + elements)
    folder.mkdir(parents=True, exist_ok=True)
    words = _words(examples)
    base = next(e for e in examples if "Tees" in e["organisation"]["name"])
    document = copy.deepcopy(base)
    names: list[str] = []
    taken: set[str] = set()
    while len(names) < elements:
        if names and rng.random() < 0.02:
            letters = list(rng.choice(names))
            letters[rng.randrange(len(letters))] = rng.choice("aeiou")
            name = "".join(letters)
        else:
            name = " ".join(rng.choice(words) for _ in range(rng.randint(4, 10))).capitalize()
        if name.lower() not in taken:
            taken.add(name.lower())
            names.append(name)
    document["goals"] = names
    path = folder / f"lint-{elements}.yaml"
    _write(path, document)
    return path


def write_validate_corpus(
    examples: list[Data], folder: Path, count: int, *, invalid: int = 0, seed: int = 9
) -> list[Path]:
    """Write *count* documents varied from *examples* into *folder*; return their paths.

    Args:
        examples: The plain data of the example strategies.
        folder: Where to write (created if needed).
        count: How many documents to write.
        invalid: How many of them get one mistake each (spread evenly).
        seed: The seed of the random choices.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    broken = {round(i * count / invalid) for i in range(invalid)} if invalid else set()
    paths = []
    for number in range(count):
        example = examples[number % len(examples)]
        document = _vary(example, rng, number)
        if number in broken:
            _break(document, rng)
        path = folder / f"strategy-{number:04d}.yaml"
        _write(path, document)
        paths.append(path)
    return paths


def _aim(rng: random.Random, number: int) -> Data:
    """Return a goal of exactly 100 elements: itself, outcomes, objectives and measures."""
    goal: Data = {
        "name": f"Goal {number}: {_phrase(rng)}",
        "description": f"{_phrase(rng)}, and {_phrase(rng).lower()}.",
        "outcomes": [f"{_phrase(rng)} ({number}.{n})" for n in range(3)],
        "objectives": [_objective(rng, number * 10 + n, 10) for n in range(8)],
        "measures": [
            _measure(rng, f"{_phrase(rng)} ({number}.{n})", None if n % 2 else f"g{number}-{n}")
            for n in range(8)
        ],
    }
    if number % 2:
        goal["id"] = f"goal-{number}"
    return goal


def _element_lists(document: Data) -> Iterator[list[Any]]:
    """Yield every list of elements in *document*, parents before children."""
    for section in ("goals", "priorities", "values", "principles"):
        yield from _lists_in(document.get(section))


def _lists_in(items: Any) -> Iterator[list[Any]]:
    if not isinstance(items, list):
        return
    yield items
    for item in items:
        if isinstance(item, dict):
            for key in ("outcomes", "objectives", "measures", "behaviours"):
                yield from _lists_in(item.get(key))


def count_elements(document: Data) -> int:
    """Return how many elements (goals, outcomes, objectives, measures, ...) *document* has."""
    return sum(len(items) for items in _element_lists(document))


def _rename(item: Any, rng: random.Random) -> Any:
    if isinstance(item, str):
        return f"{item}, {rng.choice(_PLACES_SUFFIX)}"
    renamed = dict(item)
    words = renamed["name"].split()
    words[rng.randrange(len(words))] = rng.choice(("better", "faster", "fairer", "local"))
    renamed["name"] = " ".join(words)
    return renamed


def _edit(document: Data, rng: random.Random, rate: float) -> dict[str, int]:
    """Rename, update, delete, add and move elements of *document* in place, each at *rate*."""
    done = dict.fromkeys(("renamed", "updated", "deleted", "added", "moved"), 0)
    added = 0
    for items in list(_element_lists(document)):
        if items is document.get("goals"):
            continue  # goals stay (deleting one would delete a hundred elements at once)
        for index in range(len(items) - 1, -1, -1):
            roll = rng.random()
            if roll < rate:
                del items[index]
                done["deleted"] += 1
            elif roll < 2 * rate:
                items[index] = _rename(items[index], rng)
                done["renamed"] += 1
            elif roll < 3 * rate and isinstance(items[index], dict) and "target" in items[index]:
                items[index] = dict(items[index], target=round(rng.uniform(1, 50), 1))
                done["updated"] += 1
        for _ in range(len(items)):
            if rng.random() < rate:
                added += 1
                new = f"New: {_phrase(rng)} ({added})"
                items.insert(rng.randint(0, len(items)), new)
                done["added"] += 1
        for _ in range(len(items)):
            if rng.random() < rate and len(items) > 1:
                items.insert(rng.randrange(len(items)), items.pop(rng.randrange(len(items))))
                done["moved"] += 1
    goals = document["goals"]
    for _ in range(max(1, round(len(goals) * rate))):  # goals move too
        goals.insert(rng.randrange(len(goals)), goals.pop(rng.randrange(len(goals))))
        done["moved"] += 1
    return done


class DiffPair:
    """Two versions of one strategy written to files, and what was changed between them.

    Attributes:
        old: The older version's file.
        new: The newer version's file.
        elements: How many elements the older version has.
        edits: How many elements were renamed, updated, deleted, added and moved.
    """

    def __init__(self, old: Path, new: Path, elements: int, edits: dict[str, int]) -> None:
        self.old = old
        self.new = new
        self.elements = elements
        self.edits = edits


def write_diff_pair(
    examples: list[Data], folder: Path, elements: int, *, rate: float = 0.02, seed: int = 9
) -> DiffPair:
    """Write two versions of a strategy of about *elements* elements into *folder*.

    The older version is the Tees, Esk and Wear Valleys example with goals of a
    hundred elements each added until it has *elements* (their measures without
    results); the newer one has each
    element renamed, updated, deleted, added or moved with probability *rate*.
    """
    rng = random.Random(seed * 1_000_003 + elements)
    folder.mkdir(parents=True, exist_ok=True)
    base = next(e for e in examples if "Tees" in e["organisation"]["name"])
    old = copy.deepcopy(base)
    goals = old["goals"]
    number = len(goals)
    while count_elements(old) + 100 <= elements:
        goals.append(_aim(rng, number))
        number += 1
    principles = old.setdefault("principles", [])
    while count_elements(old) < elements:
        principles.append(f"Principle {len(principles) + 1}: {_phrase(rng)}")
    # Without measures' results, 10,000 elements stay within the default Limits'
    # 200,000 values, so that `orgstrategy diff` takes them.
    for goal in goals:
        for objective in goal.get("objectives", []):
            for measure in objective.get("measures", []):
                measure.pop("results", None)
        for measure in goal.get("measures", []):
            measure.pop("results", None)
    new = copy.deepcopy(old)
    edits = _edit(new, rng, rate)
    old_path, new_path = folder / f"old-{elements}.yaml", folder / f"new-{elements}.yaml"
    _write(old_path, old)
    _write(new_path, new)
    return DiffPair(old_path, new_path, count_elements(old), edits)


#: The shape of the national corpus that ``orgstrategy align`` is measured on.
SYSTEMS: Final = 42
MEMBERS: Final = 250
_NATIONAL_URL: Final = "https://example.org/national-plan"


def _system_url(number: int) -> str:
    return f"https://example.org/systems/{number}/plan"


def write_system_corpus(folder: Path, fraction: float = 1.0, seed: int = 5) -> tuple[int, int]:
    """Write a national plan, its systems' plans and their members' plans into *folder*.

    At *fraction* 1: 1 national plan of 20 priorities, 42 system plans of 12
    priorities each serving two national ones, and 250 member plans of 8 goals,
    48 objectives and 96 measures, whose goals serve two priorities of their
    system's plan, objectives one, and every other measure a national priority;
    documents know each other by ``url`` only. A smaller *fraction* keeps the
    national plan and that share of systems and members.

    Returns:
        How many elements and how many references the corpus has.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    systems = max(1, round(SYSTEMS * fraction))
    members = max(1, round(MEMBERS * fraction))
    national_priorities = [f"p{n}" for n in range(20)]
    national: Data = {
        "orgstrategy": "1.1",
        "organisation": {"name": "Department of Health and Care", "kind": "government"},
        "title": "National plan",
        "url": _NATIONAL_URL,
        "priorities": [{"id": id_, "name": _phrase(rng)} for id_ in national_priorities],
    }
    elements, links = len(national_priorities), 0
    written = [("national.yaml", national)]
    for number in range(systems):
        priorities = []
        for index in range(12):
            served = rng.sample(national_priorities, 2)
            priorities.append(
                {
                    "id": f"s{index}",
                    "name": _phrase(rng),
                    "contributes_to": [f"national:priorities/{id_}" for id_ in served],
                }
            )
        elements, links = elements + 12, links + 24
        written.append(
            (
                f"system-{number}.yaml",
                {
                    "orgstrategy": "1.1",
                    "organisation": {"name": f"System {number}", "kind": "integrated-care-board"},
                    "url": _system_url(number),
                    "aligns_to": [
                        {"id": "national", "title": "National plan", "url": _NATIONAL_URL}
                    ],
                    "priorities": priorities,
                },
            )
        )
    for number in range(members):
        system = number % systems
        goals = []
        for goal in range(8):
            objectives = []
            for objective in range(6):
                measures = []
                for measure in range(2):
                    item: Data = {"id": f"m{measure}", "name": _phrase(rng), "unit": "%"}
                    if measure == 0:
                        item["contributes_to"] = [
                            f"national:priorities/{rng.choice(national_priorities)}"
                        ]
                        links += 1
                    measures.append(item)
                objectives.append(
                    {
                        "id": f"o{objective}",
                        "name": _phrase(rng),
                        "contributes_to": [f"system:priorities/s{rng.randrange(12)}"],
                        "measures": measures,
                    }
                )
            served = rng.sample(range(12), 2)
            goals.append(
                {
                    "id": f"g{goal}",
                    "name": _phrase(rng),
                    "contributes_to": [f"system:priorities/s{index}" for index in served],
                    "objectives": objectives,
                }
            )
            elements, links = elements + 1 + 6 + 12, links + 2 + 6
        written.append(
            (
                f"member-{number}.yaml",
                {
                    "orgstrategy": "1.1",
                    "organisation": _organisation(rng, number),
                    "aligns_to": [
                        {"id": "system", "title": f"System {system}", "url": _system_url(system)},
                        {"id": "national", "title": "National plan", "url": _NATIONAL_URL},
                    ],
                    "goals": goals,
                },
            )
        )
    for name, data in written:
        text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
        (folder / name).write_text(text, encoding="utf-8")
    return elements, links
