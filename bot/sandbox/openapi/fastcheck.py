"""A fast yes/no answer to "does this instance fit this schema?", for the common case.

jsonschema walks a schema by evolving a validator per keyword and subschema, which is what makes
its error reports good and its verdicts slow (a message response: ~25 subschemas, each with its
own resource lookup). Nearly everything the emulator checks is valid, so each schema is also
compiled here, once, into plain Python closures that only answer yes or no; jsonschema runs only
when the answer is no, to say what is wrong (and has the last word: a "no" it does not confirm
is no error). The keywords Discord's description and the Gateway schemas use are covered, with
jsonschema's Draft 2020-12 semantics (JSON equality for enum/const, 1.0 is an integer, `format`
is an annotation); a schema using any other keyword raises `UnsupportedSchemaError` and is left to
jsonschema alone. `tests/sandbox/test_fastcheck.py` holds the two to the same verdicts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]
Resolve = Callable[[str], Any]

# Keywords that never change a verdict (annotations), as jsonschema treats them by default.
_ANNOTATIONS = frozenset(
    {
        "description",
        "title",
        "format",
        "contentEncoding",
        "contentMediaType",
        "default",
        "examples",
        "example",
        "deprecated",
        "readOnly",
        "writeOnly",
        "$comment",
    }
)


class UnsupportedSchemaError(Exception):
    """The schema uses a keyword this compiler does not implement."""


def compile_check(schema: Any, resolve: Resolve) -> Check:
    """A predicate equivalent to jsonschema's `is_valid` for `schema`, whose `$ref`s are
    looked up with `resolve(ref)`."""
    return _Compiler(resolve).compile(schema)


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _is_integer(x: Any) -> bool:
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "number": _is_number,
    "integer": _is_integer,
}


def json_equal(a: Any, b: Any) -> bool:
    """JSON equality: booleans are not numbers, 1 equals 1.0, containers compare deeply."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a is b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict | list) or isinstance(b, dict | list):
        return False
    return bool(a == b)


def _unique(items: list[Any]) -> bool:
    return all(not json_equal(items[i], items[j]) for i in range(len(items)) for j in range(i))


class _Compiler:
    def __init__(self, resolve: Resolve) -> None:
        self._resolve = resolve
        self._memo: dict[int, Check] = {}
        self._keywords: dict[str, Callable[..., Check | None]] = {
            "$ref": self._ref,
            "type": self._type,
            "enum": self._enum,
            "const": self._const,
            "properties": self._properties,
            "required": self._required,
            "additionalProperties": self._additional_properties,
            "items": self._items,
            "minItems": self._min_items,
            "maxItems": self._max_items,
            "uniqueItems": self._unique_items,
            "minProperties": self._min_properties,
            "maxProperties": self._max_properties,
            "minLength": self._min_length,
            "maxLength": self._max_length,
            "pattern": self._pattern,
            "minimum": self._minimum,
            "maximum": self._maximum,
            "exclusiveMinimum": self._exclusive_minimum,
            "exclusiveMaximum": self._exclusive_maximum,
            "allOf": self._all_of,
            "anyOf": self._any_of,
            "oneOf": self._one_of,
            "not": self._not,
            "if": self._if,
            "then": self._then,
            "else": self._else,
        }

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda _: True
        if schema is False:
            return lambda _: False
        if not isinstance(schema, dict):
            raise UnsupportedSchemaError(f"schema is {type(schema).__name__}")
        key = id(schema)
        if key in self._memo:
            return self._memo[key]
        # Recursive schemas: references met while compiling this one go through `cell`.
        cell: list[Check] = []

        def late(x: Any) -> bool:
            return cell[0](x)

        self._memo[key] = late
        built = self._build(schema)
        cell.append(built)
        self._memo[key] = built
        return built

    def _build(self, schema: dict[str, Any]) -> Check:
        checks: list[Check] = []
        properties = schema.get("properties")
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS or keyword.startswith("x-"):
                continue
            builder = self._keywords.get(keyword)
            if builder is None:
                raise UnsupportedSchemaError(keyword)
            check = builder(value, schema, properties)
            if check is not None:
                checks.append(check)
        if not checks:
            return lambda _: True
        if len(checks) == 1:
            return checks[0]
        return lambda x: all(check(x) for check in checks)

    # -- keywords (each returns a Check, or None when it never fails) --------------------------

    def _ref(self, value: str, *_: Any) -> Check:
        return self.compile(self._resolve(value))

    def _type(self, value: str | list[str], *_: Any) -> Check:
        kinds = [value] if isinstance(value, str) else list(value)
        tests = [_TYPES[k] for k in kinds]
        if len(tests) == 1:
            return tests[0]
        return lambda x: any(test(x) for test in tests)

    def _enum(self, value: list[Any], *_: Any) -> Check:
        return lambda x: any(json_equal(x, option) for option in value)

    def _const(self, value: Any, *_: Any) -> Check:
        return lambda x: json_equal(x, value)

    def _properties(self, value: dict[str, Any], *_: Any) -> Check:
        compiled = [(name, self.compile(sub)) for name, sub in value.items()]

        def check(x: Any) -> bool:
            if not isinstance(x, dict):
                return True
            return all(name not in x or sub(x[name]) for name, sub in compiled)

        return check

    def _required(self, value: list[str], *_: Any) -> Check:
        return lambda x: not isinstance(x, dict) or all(name in x for name in value)

    def _additional_properties(
        self, value: Any, schema: dict[str, Any], properties: dict[str, Any] | None
    ) -> Check:
        if "patternProperties" in schema:
            raise UnsupportedSchemaError("patternProperties")
        known = frozenset(properties or ())
        sub = self.compile(value)

        def check(x: Any) -> bool:
            if not isinstance(x, dict):
                return True
            return all(sub(v) for k, v in x.items() if k not in known)

        return check

    def _items(self, value: Any, *_: Any) -> Check:
        sub = self.compile(value)
        return lambda x: not isinstance(x, list) or all(sub(item) for item in x)

    def _min_items(self, value: int, *_: Any) -> Check:
        return lambda x: not isinstance(x, list) or len(x) >= value

    def _max_items(self, value: int, *_: Any) -> Check:
        return lambda x: not isinstance(x, list) or len(x) <= value

    def _unique_items(self, value: bool, *_: Any) -> Check | None:
        if not value:
            return None
        return lambda x: not isinstance(x, list) or _unique(x)

    def _min_properties(self, value: int, *_: Any) -> Check:
        return lambda x: not isinstance(x, dict) or len(x) >= value

    def _max_properties(self, value: int, *_: Any) -> Check:
        return lambda x: not isinstance(x, dict) or len(x) <= value

    def _min_length(self, value: int, *_: Any) -> Check:
        return lambda x: not isinstance(x, str) or len(x) >= value

    def _max_length(self, value: int, *_: Any) -> Check:
        return lambda x: not isinstance(x, str) or len(x) <= value

    def _pattern(self, value: str, *_: Any) -> Check:
        search = re.compile(value).search
        return lambda x: not isinstance(x, str) or search(x) is not None

    def _minimum(self, value: float, *_: Any) -> Check:
        return lambda x: not _is_number(x) or x >= value

    def _maximum(self, value: float, *_: Any) -> Check:
        return lambda x: not _is_number(x) or x <= value

    def _exclusive_minimum(self, value: float, *_: Any) -> Check:
        return lambda x: not _is_number(x) or x > value

    def _exclusive_maximum(self, value: float, *_: Any) -> Check:
        return lambda x: not _is_number(x) or x < value

    def _all_of(self, value: list[Any], *_: Any) -> Check:
        subs = [self.compile(s) for s in value]
        return lambda x: all(sub(x) for sub in subs)

    def _any_of(self, value: list[Any], *_: Any) -> Check:
        subs = [self.compile(s) for s in value]
        return lambda x: any(sub(x) for sub in subs)

    def _one_of(self, value: list[Any], *_: Any) -> Check:
        subs = [self.compile(s) for s in value]
        return lambda x: sum(1 for sub in subs if sub(x)) == 1

    def _not(self, value: Any, *_: Any) -> Check:
        sub = self.compile(value)
        return lambda x: not sub(x)

    def _if(self, value: Any, schema: dict[str, Any], _: Any) -> Check:
        test = self.compile(value)
        then = self.compile(schema.get("then", True))
        otherwise = self.compile(schema.get("else", True))
        return lambda x: then(x) if test(x) else otherwise(x)

    def _then(self, *_: Any) -> None:  # handled by `if`
        return None

    def _else(self, *_: Any) -> None:  # handled by `if`
        return None
