"""Readable validation errors: one "field.path: message" per problem, descending into unions to
the branch the sender meant, so a 50035 body (or a test failure) names the field to fix."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from jsonschema import ValidationError


@dataclass(frozen=True, slots=True)
class RequestError:
    """One validation error: where in the body (keys and indices) and what is wrong. Used for
    request bodies, response bodies and gateway payloads alike."""

    path: tuple[str | int, ...]
    message: str

    def __str__(self) -> str:
        return f"{format_path(self.path)}: {self.message}"


def format_path(path: Iterable[str | int]) -> str:
    """`("embeds", 0, "title")` -> `embeds[0].title`; the empty path is the body itself."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(body)"


def explain(errors: Iterable[ValidationError]) -> list[RequestError]:
    out: list[RequestError] = []
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    for error in errors:
        for item in _reasons(error):
            key = (item.path, item.message)
            if key not in seen:
                seen.add(key)
                out.append(item)
    out.sort(key=lambda e: tuple(str(p) for p in e.path))
    return out


def _reasons(error: ValidationError) -> Iterator[RequestError]:
    """Readable reasons for one error, descending into oneOf/anyOf to the branch that was meant."""
    path = tuple(error.absolute_path)
    if error.validator in ("oneOf", "anyOf") and error.context:
        branch = _intended_branch(error)
        if branch is not None:
            for sub in branch:
                yield from _reasons(sub)
        else:
            yield _no_branch(error)
        return
    if error.validator == "required":
        instance = error.instance if isinstance(error.instance, dict) else {}
        for name in error.validator_value:
            if name not in instance:
                yield RequestError((*path, name), "this field is required")
        return
    yield RequestError(path, _message(error))


def _intended_branch(error: ValidationError) -> list[ValidationError] | None:
    """The union branch the sender meant: one whose type and discriminator (a "type" field's
    enum/const) both fit, fewest errors first. None when every branch is the wrong kind."""
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or ():
        branches.setdefault(int(sub.schema_path[0]), []).append(sub)
    base = len(error.absolute_path)
    plausible = [errs for errs in branches.values() if not any(_is_kind(s, base) for s in errs)]
    return min(plausible, key=len) if plausible else None


def _is_kind(sub: ValidationError, base: int) -> bool:
    """Does this error say the value is the wrong kind of thing for the branch altogether?"""
    rel = tuple(sub.absolute_path)[base:]
    return sub.validator in ("type", "const", "enum") and rel in ((), ("type",))


def _no_branch(error: ValidationError) -> RequestError:
    """No branch fits: say which values or types would have (the union's own alternatives)."""
    path = tuple(error.absolute_path)
    values: dict[tuple[str | int, ...], list[Any]] = {}
    kinds: set[str] = set()
    for sub in error.context or ():
        rel = tuple(sub.absolute_path)[len(path) :]
        if sub.validator == "enum":
            values.setdefault(rel, []).extend(sub.validator_value)
        elif sub.validator == "const":
            values.setdefault(rel, []).append(sub.validator_value)
        elif sub.validator == "type" and not rel:
            value = sub.validator_value
            kinds.update(value if isinstance(value, list) else [value])
    instance = error.instance
    # Prefer the discriminator ("type" field), then the value itself, then its JSON type.
    for rel in (("type",), ()):
        if rel in values and (rel or kinds <= {"null"} or _json_type(instance) in kinds):
            got = instance["type"] if rel else instance
            return RequestError(
                (*path, *rel), f"{_short(got)} is not one of {_choices(values[rel])}"
            )
    if kinds:
        return RequestError(
            path, f"expected {' or '.join(sorted(kinds))}, got {_json_type(instance)}"
        )
    return RequestError(path, f"{_short(instance)} matches none of the allowed shapes")


def _choices(values: list[Any]) -> str:
    unique = {json.dumps(v): v for v in values}
    ordered = sorted(unique.values(), key=lambda v: (type(v).__name__, v))
    return ", ".join(json.dumps(v) for v in ordered)


def _message(error: ValidationError) -> str:
    v, value, inst = error.validator, error.validator_value, error.instance
    match v:
        case "type":
            kinds = value if isinstance(value, list) else [value]
            return f"expected {' or '.join(kinds)}, got {_json_type(inst)}"
        case "maxLength":
            return f"must be {value} or fewer characters long (got {len(inst)})"
        case "minLength":
            return f"must be at least {value} characters long (got {len(inst)})"
        case "maxItems":
            return f"must have at most {value} items (got {len(inst)})"
        case "minItems":
            return f"must have at least {value} items (got {len(inst)})"
        case "enum":
            return f"{_short(inst)} is not one of {_choices(value)}"
        case "const":
            return f"must be {json.dumps(value)}, got {_short(inst)}"
        case "maximum":
            return f"must be at most {value} (got {inst})"
        case "minimum":
            return f"must be at least {value} (got {inst})"
        case _:
            return error.message


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _short(value: object) -> str:
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
