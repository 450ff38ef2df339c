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
from typing import TYPE_CHECKING, Any

from bot.config.diagnostics import (
    Alternatives,
    Arg,
    Diagnostic,
    Phrase,
    dotted,
    phrase,
    shown,
    shown_list,
)
from bot.config.yaml_loader import NodePath, Position, SourceMap
from bot.i18n import MessageId, message_id
from bot.resources import SCHEMA_FILE

if TYPE_CHECKING:
    # Imported when a file has an error to word (a tenth of validate's start-up otherwise).
    from jsonschema import Draft202012Validator, ValidationError

# The installed copy, or the repository's schemas/ in a checkout (bot/resources.py).
SCHEMA_PATH = SCHEMA_FILE

# What a value must look like, by the ``$defs`` entry its schema comes from (see _inline_refs).
_EXPECTED = {
    "snowflake": message_id("config-expect-snowflake"),
    "key": message_id("config-expect-key"),
    "role_ref": message_id("config-expect-role-ref"),
    "channel_ref": message_id("config-expect-channel-ref"),
    "adopt": message_id("config-expect-adopt"),
    "id": message_id("config-expect-id"),
    "message": message_id("config-expect-message-id"),
    "duration": message_id("config-expect-duration"),
    "time_ranges": message_id("hours-expect-ranges"),
    "date": message_id("hours-expect-date"),
    "locale": message_id("config-expect-locale"),
    "colour": message_id("config-expect-colour"),
    "https_url": message_id("config-expect-https-url"),
    "emoji": message_id("config-expect-emoji"),
}
# Where the inlined copy keeps the name of the definition a schema came from: titles are for
# people (editors' hovers), so error wording never depends on them.
_KIND = "x-guichet-kind"
# Inside such a definition, any of these failing means "not that kind of value".
_KIND_KEYWORDS = frozenset({"anyOf", "oneOf", "pattern", "type", "minimum", "maximum"})

_TYPE_NAMES = {
    "string": message_id("config-type-string"),
    "integer": message_id("config-type-integer"),
    "number": message_id("config-type-number"),
    "boolean": message_id("config-type-boolean"),
    "object": message_id("config-type-object"),
    "array": message_id("config-type-array"),
    "null": message_id("config-type-null"),
}

# Keywords whose message reads "<keyword message> $limit", with the count of the value if any.
_LIMITS = {
    "minimum": message_id("config-minimum"),
    "maximum": message_id("config-maximum"),
    "exclusiveMinimum": message_id("config-exclusive-minimum"),
    "exclusiveMaximum": message_id("config-exclusive-maximum"),
    "multipleOf": message_id("config-multiple-of"),
    "minLength": message_id("config-min-length"),
    "maxLength": message_id("config-max-length"),
    "minItems": message_id("config-min-items"),
    "maxItems": message_id("config-max-items"),
    "minProperties": message_id("config-min-properties"),
    "maxProperties": message_id("config-max-properties"),
}


@cache
def schema() -> dict[str, Any]:
    with SCHEMA_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


def _is_integer(_checker: object, instance: object) -> bool:
    # JSON Schema counts 2.0 as an integer; YAML's 123456789012345678.0 is a float that has
    # already lost digits, so a float is never accepted where an integer (an id) is expected.
    return isinstance(instance, int) and not isinstance(instance, bool)


@cache
def validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator, validators

    strict_integers = validators.extend(
        Draft202012Validator,
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
    )
    # Resolving "$ref" through the registry on every use is most of jsonschema's time;
    # the schema has no recursion, so the validator gets a copy with the refs inlined.
    return strict_integers(_inline_refs(schema(), schema()["$defs"]))


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
    name = reference.removeprefix("#/$defs/")
    target = _inline_refs(defs[name], defs)
    return {**target, **out, _KIND: name}


@cache
def _fast() -> Any:
    """jsonschema-rs on the same inlined schema, to say quickly that a file has no error;
    None when it is not installed. jsonschema still words every error."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a dependency; the slow path stays correct
        return None
    return jsonschema_rs.Draft202012Validator(
        _inline_refs(schema(), schema()["$defs"]), validate_formats=False
    )


def _has_float(data: Any) -> bool:
    """Floats are where the two validators differ (2.0 is an integer to JSON Schema, never
    an id here): a document holding one takes the slow path."""
    if isinstance(data, float):
        return True
    if isinstance(data, dict):
        return any(_has_float(v) for v in data.values())
    if isinstance(data, list):
        return any(_has_float(v) for v in data)
    return False


def compiled() -> None:
    """Compile the fast validator now (a forking caller does it once for its workers)."""
    _fast()


def valid_without_floats(data: Any) -> bool:
    """Whether jsonschema-rs finds ``data`` valid; ``data`` must hold no float (see
    :func:`_has_float`). False also when it cannot tell: then :func:`check` says why."""
    fast = _fast()
    if fast is None:  # pragma: no cover - a dependency
        return False
    try:
        return bool(fast.is_valid(data))
    except (ValueError, TypeError, OverflowError):
        return False  # a value it cannot take (an integer past 64 bits)


def check(path: Path, data: Any, positions: SourceMap) -> list[Diagnostic]:
    """Every schema error of ``data``, deduplicated, in file order."""
    fast = _fast()
    if fast is not None and not _has_float(data):
        try:
            if fast.is_valid(data):
                return []
        except (ValueError, TypeError, OverflowError):
            pass  # a value it cannot take (an integer past 64 bits): ask jsonschema
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
        expected = _expected(error.schema) or phrase(message_id("config-expect-name"))
        must_be = message_id("config-bad-name")
        yield Diagnostic.at(path, (line, column), dotted(key_path), must_be, expected=expected)
        return

    if keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        for key in instance:
            if key in allowed:
                continue
            key_path = (*node, key)
            yield _unknown_key(path, positions.key(key_path), dotted(key_path), key, allowed)
        return

    if keyword == "required" and isinstance(instance, dict):
        line, column = positions.key(node)
        when = _condition(error)
        for key in error.validator_value:
            if key in instance:
                continue
            if when is None:
                missing = message_id("config-missing-key")
                yield Diagnostic.at(path, (line, column), dotted(node), missing, key=key)
            else:
                missing = message_id("config-missing-key-when")
                field, value = when
                yield Diagnostic.at(
                    path, (line, column), dotted(node), missing, key=key, field=field, value=value
                )
        return

    line, column = positions.value(node)
    msg_id, args = _message(error)
    yield Diagnostic.at(path, (line, column), dotted(node), msg_id, **args)


def _condition(error: ValidationError) -> tuple[str, str] | None:
    """The ``if`` of a ``then`` branch: ``{properties: {style: {const: x}}}`` → style, "x"."""
    schema_path = list(error.absolute_schema_path)
    if schema_path[-2:-1] != ["then"]:
        return None
    branch: Any = validator().schema
    for step in schema_path[:-2]:
        branch = branch[step]
    condition = branch.get("if", {}).get("properties", {})
    for field, rule in condition.items():
        if isinstance(rule, dict) and "const" in rule:
            return str(field), shown_list([rule["const"]])
    return None


def _unknown_key(
    path: Path, position: Position, where: str, key: object, allowed: list[str]
) -> Diagnostic:
    close = difflib.get_close_matches(str(key), allowed, n=1)
    if close:
        suggest = message_id("config-unknown-key-suggest")
        return Diagnostic.at(path, position, where, suggest, suggestion=close[0])
    unknown = message_id("config-unknown-key")
    return Diagnostic.at(path, position, where, unknown, allowed=", ".join(allowed))


def _expected(subschema: Any) -> Phrase | None:
    if isinstance(subschema, dict):
        msg_id = _EXPECTED.get(subschema.get(_KIND, ""))
        return phrase(msg_id) if msg_id else None
    return None


def _message(error: ValidationError) -> tuple[MessageId, dict[str, Arg]]:
    keyword, value, instance = error.validator, error.validator_value, error.instance
    got = shown(instance)
    expected = _expected(error.schema)
    if keyword in _KIND_KEYWORDS and expected:
        return message_id("config-must-be"), {"expected": expected, "got": got}
    match keyword:
        case "type":
            names = value if isinstance(value, list) else [value]
            kinds = tuple(
                phrase(_TYPE_NAMES.get(n, message_id("config-type-other")), name=n) for n in names
            )
            either = kinds[0] if len(kinds) == 1 else Alternatives(kinds)
            return message_id("config-must-be"), {"expected": either, "got": got}
        case "enum":
            return message_id("config-enum"), {"choices": shown_list(value), "got": got}
        case "const":
            return message_id("config-must-be"), {"expected": shown_list([value]), "got": got}
        case "uniqueItems":
            repeated = next(v for i, v in enumerate(instance) if v in instance[:i])
            return message_id("config-unique-items"), {"value": shown(repeated)}
        case "pattern":
            return message_id("config-pattern"), {"pattern": value, "got": got}
        case "anyOf" | "oneOf":
            return message_id("config-no-alternative"), {"got": got}
        case "not":
            return message_id("config-not-allowed"), {"got": got}
        case _ if keyword in _LIMITS and isinstance(value, int | float):
            count = len(instance) if isinstance(instance, str | list | dict) else 0
            return _LIMITS[keyword], {"limit": value, "count": count, "got": got}
        case _:
            # A keyword the schema does not use today: jsonschema's own words, quoted.
            return message_id("config-schema-other"), {"details": error.message}
