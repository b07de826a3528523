"""The one cattrs converter: plain data to the model and back.

Structuring is strict: a value of the wrong type is an error, never coerced
(cattrs' defaults would turn ``False`` into ``'False'``). Any exception while
structuring means the document is invalid; :mod:`orgstrategy._explain` then says
where and why. Unstructuring writes the canonical form: defaults left out, ids
left out where they would be derived again, an element with nothing but a name
as that name, a statement with nothing but text as that text.

cattrs is imported, and the converter built, on first use (:func:`converter`),
so that importing orgstrategy stays cheap.
"""

from __future__ import annotations

import datetime
import functools
import math
import operator
import re
import threading
import typing
from collections.abc import Callable, Mapping
from types import MappingProxyType, NoneType, UnionType
from typing import TYPE_CHECKING, Any, Final

import attrs

from orgstrategy import _model
from orgstrategy._extensions import claims
from orgstrategy._ids import assign_ids, derivable
from orgstrategy._model import DateOrYear, Element, Quantity, Statement
from orgstrategy._validator import section_validator

if TYPE_CHECKING:
    import cattrs

    from orgstrategy._plugin import Plugins

__all__ = ["configure_converter", "converter", "make_converter", "without_valid_elements"]

_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _fail(value: object, expected: str) -> typing.NoReturn:
    raise TypeError(f"expected {expected}, got {type(value).__name__}")


def _str(value: object, _: object) -> str:
    if type(value) is not str:
        _fail(value, "text")
    return value


def _quantity(value: object, _: object) -> Quantity:
    if type(value) not in (int, float, str):
        _fail(value, "a number or text")
    return value  # type: ignore[return-value]


def structure_date(value: object, _: object = None) -> datetime.date:
    """Return the date written as ``YYYY-MM-DD`` (the only form documents use)."""
    if type(value) is not str or not _DATE.fullmatch(value):
        _fail(value, "a date written YYYY-MM-DD")
    return datetime.date.fromisoformat(value)


def _date_or_year(value: object, _: object) -> DateOrYear:
    if type(value) is int:
        return value
    return structure_date(value)


def _is_optional(type_: Any) -> bool:
    return typing.get_origin(type_) in (typing.Union, UnionType) and NoneType in typing.get_args(
        type_
    )


def _is_mapping(type_: Any) -> bool:
    return typing.get_origin(type_) is Mapping


def _is_tuple_of(type_: Any) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_element_tuple(type_: Any) -> bool:
    if not _is_tuple_of(type_):
        return False
    item = typing.get_args(type_)[0]
    return isinstance(item, type) and issubclass(item, Element)


def _has_extensions(type_: Any) -> bool:
    return attrs.has(type_) and "extensions" in attrs.fields_dict(type_)


def _call_with_place(hook: Callable[[Any, str], Any], place: str, value: Any, _: Any) -> Any:
    return hook(value, place)


def _later(cls: type, version: str) -> dict[str, Any]:
    """Return cattrs overrides that leave out the fields of *cls* that came after *version*."""
    from cattrs.gen import override

    kept = _model.fields_in(cls, version)
    return {field.name: override(omit=True) for field in attrs.fields(cls) if field not in kept}


def _has_later(version: str) -> Callable[[Any], bool]:
    def test(type_: Any) -> bool:
        return attrs.has(type_) and bool(_later(type_, version))

    return test


def configure_converter(
    converter: cattrs.Converter, plugins: Plugins = (), version: str = _model.VERSIONS[-1]
) -> None:
    """Register orgstrategy's hooks on *converter*, for documents read with *plugins*.

    Simple types first, then the containers, then the model's classes. A section
    under ``extensions`` that one of *plugins* claims is checked against its
    schema and structured into its model; the rest stay plain data. For a
    *version* before the latest, the fields that came later are left out of
    structuring, so that a document using one is refused (as an unknown key),
    at no cost to reading.
    """
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    def optional(type_: Any) -> Callable[[Any, Any], Any]:
        inner = functools.reduce(
            operator.or_, [arg for arg in typing.get_args(type_) if arg is not NoneType]
        )
        structure_inner = converter.get_structure_hook(inner)

        def structure(value: Any, _: Any) -> Any:
            if value is None:
                raise TypeError("expected a value, got null")
            return structure_inner(value, inner)

        return structure

    def tuple_of(type_: Any) -> Callable[[Any, Any], Any]:
        item = typing.get_args(type_)[0]
        structure_item = converter.get_structure_hook(item)

        def structure(value: Any, _: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                _fail(value, "a list")
            return tuple(structure_item(entry, item) for entry in value)

        return structure

    def element_tuple(type_: Any) -> Callable[[Any, Any], Any]:
        item = typing.get_args(type_)[0]
        structure_item = converter.get_structure_hook(item)

        def structure(value: Any, _: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                _fail(value, "a list")
            entries = [{"name": entry} if type(entry) is str else entry for entry in value]
            ids = assign_ids(
                [entry["name"] for entry in entries],
                [entry.get("id") for entry in entries],
            )
            return tuple(
                structure_item(entry if "id" in entry else {**entry, "id": given}, item)
                for entry, given in zip(entries, ids, strict=True)
            )

        return structure

    def unstructure_elements(elements: tuple[Element, ...]) -> list[Any]:
        dumped = [converter.unstructure(element) for element in elements]
        omit = derivable([e.name for e in elements], [e.id for e in elements])
        result: list[Any] = []
        for entry, leave_out in zip(dumped, omit, strict=True):
            if leave_out:
                del entry["id"]
                if len(entry) == 1:
                    result.append(entry["name"])
                    continue
            result.append(entry)
        return result

    def mapping(value: Any, type_: Any) -> Mapping[str, Any]:
        if type(value) is not dict:
            _fail(value, "a mapping")
        values_type = typing.get_args(type_)[1]
        for key, item in value.items():
            _str(key, None)
            if values_type is str:
                _str(item, None)
            else:
                _finite(item)
        return _model.freeze(value)  # type: ignore[no-any-return]

    def _finite(value: Any) -> None:
        if type(value) is float and not math.isfinite(value):
            _fail(value, "a finite number")
        elif type(value) is dict:
            for item in value.values():
                _finite(item)
        elif type(value) is list:
            for item in value:
                _finite(item)

    def extensions(value: Any, place: str) -> Mapping[str, Any]:
        frozen = mapping(value, Mapping[str, Any])
        claimed = claims(place, plugins) if frozen else {}
        if not claimed:
            return frozen
        sections = dict(frozen)
        for name, section in value.items():
            plugin = claimed.get(name)
            if plugin is None:
                continue
            if not section_validator(plugin, plugins).is_valid(section):
                raise ValueError(f"extensions.{name} does not match its plugin's schema")
            if plugin.model is not None:
                sections[name] = converter.structure(section, plugin.model)
        return MappingProxyType(sections)

    def with_extensions(cls: type) -> Callable[[Any, Any], Any]:
        place = cls.__name__.lower()
        hook = functools.partial(_call_with_place, extensions, place)
        return make_dict_structure_fn(
            cls, converter, **_later(cls, version), extensions=override(struct_hook=hook)
        )

    def without_later(cls: type) -> Callable[[Any, Any], Any]:
        return make_dict_structure_fn(cls, converter, **_later(cls, version))

    def thaw(value: Any) -> Any:
        if attrs.has(type(value)):
            return converter.unstructure(value)
        if isinstance(value, Mapping):
            return {key: thaw(item) for key, item in value.items()}
        if isinstance(value, tuple):
            return [thaw(item) for item in value]
        return value

    def statement(value: Any, _: Any) -> Statement:
        if type(value) is str:
            return Statement(text=value)
        return structure_statement(value, Statement)

    def unstructure_statement(value: Statement) -> Any:
        dumped = unstructure_statement_fields(value)
        return dumped["text"] if dumped.keys() == {"text"} else dumped

    # Simple types first, then containers (the more specific factory last, so it
    # wins), then the classes whose generated functions look those hooks up.
    converter.register_structure_hook(str, _str)
    converter.register_structure_hook(datetime.date, structure_date)
    converter.register_structure_hook(Quantity, _quantity)
    converter.register_structure_hook(DateOrYear, _date_or_year)
    converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    converter.register_structure_hook_func(_is_mapping, mapping)
    converter.register_unstructure_hook_func(_is_mapping, thaw)
    converter.register_structure_hook_factory(_is_optional, optional)
    converter.register_structure_hook_factory(_is_tuple_of, tuple_of)
    converter.register_structure_hook_factory(_is_element_tuple, element_tuple)
    converter.register_unstructure_hook_func(_is_element_tuple, unstructure_elements)
    converter.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Element),
        lambda cls: _element_unstructurer(converter, cls),
    )
    if version != _model.VERSIONS[-1]:
        converter.register_structure_hook_factory(_has_later(version), without_later)
    converter.register_structure_hook_factory(_has_extensions, with_extensions)
    structure_statement = make_dict_structure_fn(Statement, converter, **_later(Statement, version))
    unstructure_statement_fields = make_dict_unstructure_fn(
        Statement, converter, _cattrs_omit_if_default=True
    )
    converter.register_structure_hook(Statement, statement)
    converter.register_unstructure_hook(Statement, unstructure_statement)


def _element_unstructurer(
    converter: cattrs.Converter, cls: type[Element]
) -> Callable[[Element], dict[str, Any]]:
    from cattrs.gen import make_dict_unstructure_fn, override

    fields = make_dict_unstructure_fn(
        cls, converter, _cattrs_omit_if_default=True, id=override(omit_if_default=False)
    )
    order = _model.document_order(cls)

    def unstructure(element: Element) -> dict[str, Any]:
        dumped = fields(element)
        return {key: dumped[key] for key in order if key in dumped}

    return unstructure


def make_converter(plugins: Plugins = (), version: str = _model.VERSIONS[-1]) -> cattrs.Converter:
    """Return a new converter configured for the strategy model, *plugins* and format *version*."""
    import cattrs

    converter = cattrs.Converter(
        forbid_extra_keys=True, omit_if_default=True, detailed_validation=False
    )
    configure_converter(converter, plugins, version)
    return converter


_BUILDING: Final = threading.Lock()


def converter(plugins: Plugins = (), version: str = _model.VERSIONS[-1]) -> cattrs.Converter:
    """Return the converter the library uses for *plugins*, built on the first call.

    Every call with the same plugins returns the same converter, from any thread.
    Treat it as read-only: register hooks on a converter of your own from
    :func:`make_converter` instead.
    """
    with _BUILDING:  # so that threads calling first do not build one each
        return _the_converter(tuple(plugins), version)


@functools.lru_cache(maxsize=8)
def _the_converter(plugins: Plugins, version: str) -> cattrs.Converter:
    return make_converter(plugins, version)


def without_valid_elements(
    data: Any,
    cls: type,
    kept: dict[tuple[str | int, ...], list[int]],
    plugins: Plugins = (),
    version: str = _model.VERSIONS[-1],
) -> Any:
    """Return plain *data* for *cls* without the elements that are valid on their own.

    An element (or a source) that structures alone needs no explaining (what only a whole list
    can get wrong, repeated ids, is checked elsewhere), so leaving it out spares
    JSON Schema most of a large, nearly valid document. *kept* receives, for each
    list shortened, by its path, the original index of each item left: so that a
    problem's path can be given in the document's terms. Only the fields of format
    *version* are looked into, and an element that needs a later one is kept.

    >>> from orgstrategy import Strategy
    >>> kept = {}
    >>> without_valid_elements({"goals": ["Care", {"name": 7}, "Teach"]}, Strategy, kept)
    {'goals': [{'name': 7}]}
    >>> kept
    {('goals',): [1]}
    """
    return _without(data, cls, (), kept, _Pruning(converter(plugins, version), version))


@attrs.frozen
class _Pruning:
    structurer: cattrs.Converter
    version: str


def _without(
    data: Any,
    cls: type,
    path: tuple[str | int, ...],
    kept: dict[Any, list[int]],
    pruning: _Pruning,
) -> Any:
    if type(data) is not dict:
        return data
    result = data
    for name, type_, item_class, many in _model.nested(cls, pruning.version):
        value = data.get(name)
        if not many:
            new = _without(value, item_class, (*path, name), kept, pruning)
        elif type(value) is list:
            new = _valid_left_out(value, type_, item_class, (*path, name), kept, pruning)
        else:  # not a list: the schema says so, as it is
            continue
        if new is not value:
            if result is data:
                result = dict(data)
            result[name] = new
    return result


def _valid_left_out(
    items: list[Any],
    type_: Any,
    item_class: type,
    path: tuple[str | int, ...],
    kept: dict[Any, list[int]],
    pruning: _Pruning,
) -> list[Any]:
    structure = pruning.structurer.get_structure_hook(type_)
    left: list[Any] = []
    indices: list[int] = []
    for index, item in enumerate(items):
        try:  # the converter of the document's version refuses what came later
            structure([item], type_)
            valid = True
        except Exception:  # invalid alone: keep it, shorn of its own valid parts
            valid = False
        if not valid:
            left.append(_without(item, item_class, (*path, index), kept, pruning))
            indices.append(index)
    if len(left) == len(items):
        if all(new is old for new, old in zip(left, items, strict=True)):
            return items
        return left
    kept[path] = indices
    return left
