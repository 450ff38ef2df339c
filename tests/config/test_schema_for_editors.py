"""What editors (the YAML language server) show from schemas/server.schema.json: a title on
every property, a readable message where a pattern would show a raw regex, defaults in the
descriptions (hovers do not show ``default``), and examples and defaults that are valid."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator

from bot.config.schema_check import SCHEMA_PATH, schema, validator

Where = tuple[str | int, ...]


def _subschemas(node: Any, where: Where = ()) -> Iterator[tuple[Where, dict[str, Any]]]:
    """Every schema object, except the ``if`` conditions (they only test a value)."""
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            if key == "if":
                continue
            if key in {"properties", "$defs"}:
                for name, child in value.items():
                    yield from _subschemas(child, (*where, key, name))
            elif isinstance(value, dict | list):
                yield from _subschemas(value, (*where, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _subschemas(child, (*where, index))


def _properties(node: dict[str, Any]) -> Iterator[tuple[Where, dict[str, Any]]]:
    for where, sub in _subschemas(node):
        if len(where) >= 2 and where[-2] == "properties":
            yield where, sub


def test_every_property_has_a_title() -> None:
    untitled = [w for w, prop in _properties(schema()) if "title" not in prop]
    assert untitled == []


def test_a_pattern_never_shows_as_a_raw_regex() -> None:
    raw = [
        w
        for w, sub in _subschemas(schema())
        if "pattern" in sub and "patternErrorMessage" not in sub
    ]
    assert raw == []


def test_defaults_are_in_the_descriptions() -> None:
    silent = [
        w
        for w, prop in _properties(schema())
        if "default" in prop and "Default:" not in prop.get("description", "")
    ]
    assert silent == []


def test_examples_and_defaults_are_valid() -> None:
    # The validator's copy has every $ref inlined: each subschema stands alone.
    checked = 0
    for where, sub in _subschemas(validator().schema):
        values = [*sub.get("examples", ()), *([sub["default"]] if "default" in sub else [])]
        for value in values:
            errors = list(Draft202012Validator(sub).iter_errors(value))
            assert errors == [], f"{where}: {value!r}: {errors[0].message}"
            checked += 1
    assert checked > 20


def test_the_schema_has_no_unfetchable_id() -> None:
    # yaml-language-server would try to fetch an http(s) $id; the modeline points at the file.
    assert "$id" not in json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_numbers_offer_a_valid_value_to_complete() -> None:
    # Without a default or examples, editors complete an integer with 0 (max_length: 0 is
    # invalid).
    bare = [
        w
        for w, prop in _properties(schema())
        if prop.get("type") == "integer" and "default" not in prop and "examples" not in prop
    ]
    assert bare == []
