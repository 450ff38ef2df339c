"""Validate a document against schemas/server.schema.json and word every error plainly.

The validator is compiled once per process. Each jsonschema error is mapped to the
YAML position it concerns: the offending value, the unknown key itself, or the
mapping that lacks a required key.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators

from bot.config.diagnostics import Diagnostic, dotted, shown
from bot.config.yaml_loader import NodePath, SourceMap

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schemas" / "server.schema.json"

# What a value must look like, by the ``title`` of the schema that rejected it.
_EXPECTED = {
    "snowflake": "a Discord id: an integer or a string of 17 to 20 digits",
    "id": "an id: 1 to 32 lowercase letters, digits, '-' or '_', starting with a letter or digit",
    "Fluent message id": (
        "a Fluent message id: letters, digits, '-' or '_', starting with a letter"
    ),
    "duration": "a duration such as 30s, 10m, 1h30m or 2d (units d, h, m, s, largest first)",
    "locale": 'a locale code such as "fr" or "en-US"',
    "colour": 'a colour as "#RRGGBB", e.g. "#5865F2"',
    "https URL": "an https:// URL",
    "emoji": 'a unicode emoji or a custom emoji as "<:name:id>"',
}

_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping (key: value)",
    "array": "a list",
    "null": "empty",
}


@cache
def schema() -> dict[str, Any]:
    with SCHEMA_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


def _is_integer(_checker: object, instance: object) -> bool:
    # JSON Schema counts 2.0 as an integer; YAML's 123456789012345678.0 is a float that has
    # already lost digits, so a float is never accepted where an integer (an id) is expected.
    return isinstance(instance, int) and not isinstance(instance, bool)


_StrictIntegers = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)


@cache
def validator() -> Draft202012Validator:
    # Resolving "$ref" through the registry on every use is most of jsonschema's time;
    # the schema has no recursion, so the validator gets a copy with the refs inlined.
    return _StrictIntegers(_inline_refs(schema(), schema()["$defs"]))


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """``{"$ref": "#/$defs/x", "description": ...}`` → the definition, plus those siblings."""
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _inline_refs(value, defs) for key, value in node.items() if key != "$defs"}
    reference = out.pop("$ref", None)
    if reference is None:
        return out
    target = _inline_refs(defs[reference.removeprefix("#/$defs/")], defs)
    return {**target, **out}


def check(path: Path, data: Any, positions: SourceMap) -> list[Diagnostic]:
    """Every schema error of ``data``, deduplicated, in file order."""
    errors = validator().iter_errors(data)
    found = {d for error in errors for d in _describe(path, error, positions)}
    return sorted(found, key=lambda d: d.sort_key)


def _describe(path: Path, error: ValidationError, positions: SourceMap) -> Iterator[Diagnostic]:
    node: NodePath = tuple(error.absolute_path)
    keyword = error.validator
    instance = error.instance

    if "propertyNames" in error.absolute_schema_path:
        # A bad map key (e.g. a system id): jsonschema reports it on the map itself.
        key_path = (*node, instance)
        line, column = positions.key(key_path)
        expected = _expected(error.schema) or "a valid name"
        yield Diagnostic(path, line, column, dotted(key_path), f"must be {expected}")
        return

    if keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        for key in instance:
            if key in allowed:
                continue
            key_path = (*node, key)
            line, column = positions.key(key_path)
            yield Diagnostic(path, line, column, dotted(key_path), _unknown_key(key, allowed))
        return

    if keyword == "required" and isinstance(instance, dict):
        line, column = positions.key(node)
        # Conditional requirements (``if``/``then``) say when in the branch's description.
        conditional = list(error.absolute_schema_path)[-2:-1] == ["then"]
        condition = error.schema.get("description") if conditional else None
        for key in error.validator_value:
            if key in instance:
                continue
            message = f'missing required key "{key}"'
            if condition:
                message += f" ({condition})"
            yield Diagnostic(path, line, column, dotted(node), message)
        return

    line, column = positions.value(node)
    yield Diagnostic(path, line, column, dotted(node), _message(error))


def _unknown_key(key: object, allowed: list[str]) -> str:
    close = difflib.get_close_matches(str(key), allowed, n=1)
    if close:
        return f'unknown key (did you mean "{close[0]}"?)'
    return "unknown key (allowed: " + ", ".join(allowed) + ")"


def _expected(subschema: Any) -> str | None:
    if isinstance(subschema, dict):
        return _EXPECTED.get(subschema.get("title", ""))
    return None


def _message(error: ValidationError) -> str:
    keyword, value, instance = error.validator, error.validator_value, error.instance
    got = f"(got {shown(instance)})"
    expected = _expected(error.schema)
    if keyword in {"anyOf", "oneOf", "pattern"} and expected:
        return f"must be {expected} {got}"
    match keyword:
        case "type":
            names = value if isinstance(value, list) else [value]
            return "must be " + " or ".join(_TYPE_NAMES.get(n, n) for n in names) + f" {got}"
        case "enum":
            return "must be one of " + ", ".join(shown(v) for v in value) + f" {got}"
        case "const":
            return f"must be {shown(value)} {got}"
        case "minimum":
            return f"must be at least {value} {got}"
        case "maximum":
            return f"must be at most {value} {got}"
        case "minLength":
            return f"must be at least {value} characters long {got}"
        case "maxLength":
            return f"must be at most {value} characters long (got {len(instance)})"
        case "minItems":
            return f"must list at least {value} item{'s' if value != 1 else ''}"
        case "maxItems":
            return f"must list at most {value} items (got {len(instance)})"
        case "minProperties":
            return f"must have at least {value} entr{'ies' if value != 1 else 'y'}"
        case "uniqueItems":
            repeated = next(v for i, v in enumerate(instance) if v in instance[:i])
            return f"lists {shown(repeated)} more than once"
        case "pattern":
            return f"must match the pattern {value} {got}"
        case _:
            return error.message
