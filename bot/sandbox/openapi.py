"""Validate request bodies against Discord's own OpenAPI description of the HTTP API v10.

The emulator runs every JSON body the bot sends through `OpenApiValidator.validate_request`, so a
payload real Discord would refuse with 400 / 50035 fails the tests too. The document is loaded
once, registered whole as one `referencing` resource (its `$ref`s point into
`#/components/schemas`), and one Draft 2020-12 validator is built lazily per operation and cached.
Paths are matched through an index keyed by method and segment count.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ENV_VAR = "GUICHET_DISCORD_OPENAPI"
API_PREFIX = "/api/v10"
_DOC_URI = "urn:discord:openapi"
_JSON = "application/json"
_MULTIPART = "multipart/form-data"
_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options"})

# Where the published description is narrower than what Discord's servers accept, in ways
# discord.py 2.7.1 relies on. Each entry widens one component schema; `strict=True` skips them.
# - SnowflakeType is string-only, but Discord takes integer ids in requests and discord.py sends
#   ints (permission_overwrites[].id, allowed_mentions.users/roles, message_reference ids, ...).
_LENIENT_SCHEMAS: dict[str, dict[str, Any]] = {
    "SnowflakeType": {"type": "integer", "minimum": 0},
}
# - Permission bit sets in requests are typed integer, but Discord documents them as strings
#   ("allow?: string", "default_member_permissions: ?string") and discord.py sends strings in
#   `set_permissions` (PUT /channels/{id}/permissions/{id}) and in `sync_permissions` edits.
_PERMISSION_FIELDS = frozenset({"allow", "deny", "permissions", "default_member_permissions"})
_PERMISSION_STRING: dict[str, Any] = {"type": "string", "pattern": "^[0-9]{1,20}$"}


def find_spec() -> Path | None:
    """The OpenAPI file: $GUICHET_DISCORD_OPENAPI, else ../shared/discord/openapi.json next to
    the repository root, else None (callers then skip validation)."""
    candidates = []
    if env := os.environ.get(ENV_VAR):
        candidates.append(Path(env))
    repo_root = Path(__file__).resolve().parents[2]
    candidates.append(repo_root.parent / "shared" / "discord" / "openapi.json")
    return next((path for path in candidates if path.is_file()), None)


@dataclass(frozen=True)
class Operation:
    """A matched operation: HTTP method (upper case), path template, operationId, path params."""

    method: str
    template: str
    operation_id: str
    params: dict[str, str]


@dataclass(frozen=True, slots=True)
class RequestError:
    """One validation error: where in the body (keys and indices) and what is wrong."""

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


@dataclass(frozen=True, slots=True)
class _Template:
    template: str
    segments: tuple[str | None, ...]  # None marks a `{parameter}` segment
    names: tuple[str, ...]  # parameter names, in order
    operation_id: str
    item_pointer: str  # JSON pointer to the operation object in the document


class OpenApiValidator:
    """Matches request paths to operations and validates their JSON bodies."""

    def __init__(
        self, document: dict[str, Any], *, strict: bool = False, optimize: bool = True
    ) -> None:
        self._doc = document
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        if not strict:
            for name, alternative in _LENIENT_SCHEMAS.items():
                if name in schemas:
                    schemas[name] = {"anyOf": [schemas[name], alternative]}
            _widen_permission_fields(document)
        if optimize:
            _simplify_unions(document, schemas)
            _inline_refs(document, schemas)
        resource: Resource[Any] = DRAFT202012.create_resource(document)
        self._registry: Registry[Any] = Registry().with_resource(_DOC_URI, resource)
        self._index: dict[tuple[str, int], list[_Template]] = {}
        self._validators: dict[tuple[str, str], Draft202012Validator | None] = {}
        self._build_index()

    @classmethod
    def load(cls, path: Path, *, strict: bool = False, optimize: bool = True) -> OpenApiValidator:
        """`strict` keeps the published schemas exactly as they are (no leniencies, see
        `_LENIENT_SCHEMAS`); `optimize` rewrites discriminated unions and inlines `$ref`s for
        speed, with the same verdicts (see `_simplify_unions`, `_inline_refs`)."""
        with path.open("rb") as fh:
            return cls(json.load(fh), strict=strict, optimize=optimize)

    # -- matching --------------------------------------------------------------------------

    def _build_index(self) -> None:
        for template, item in self._doc.get("paths", {}).items():
            raw = template.strip("/").split("/")
            segments = tuple(None if s.startswith("{") and s.endswith("}") else s for s in raw)
            names = tuple(s[1:-1] for s in raw if s.startswith("{") and s.endswith("}"))
            for method, op in item.items():
                if method not in _METHODS:
                    continue
                entry = _Template(
                    template=template,
                    segments=segments,
                    names=names,
                    operation_id=op.get("operationId", f"{method} {template}"),
                    item_pointer=f"/paths/{_escape(template)}/{method}",
                )
                self._index.setdefault((method.upper(), len(segments)), []).append(entry)
        for candidates in self._index.values():
            # Literal segments beat parameters, leftmost first: /users/@me before /users/{id}.
            candidates.sort(key=lambda t: tuple(s is None for s in t.segments))

    def match(self, method: str, path: str) -> Operation | None:
        """The operation for `path` (with or without the /api/v10 prefix, query ignored)."""
        found = self._match(method, path)
        if found is None:
            return None
        template, values = found
        return Operation(
            method=method.upper(),
            template=template.template,
            operation_id=template.operation_id,
            params=dict(zip(template.names, values, strict=True)),
        )

    def _match(self, method: str, path: str) -> tuple[_Template, list[str]] | None:
        path = path.split("?", 1)[0]
        if path.startswith(API_PREFIX):
            path = path[len(API_PREFIX) :]
        parts = [unquote(p) for p in path.strip("/").split("/")]
        for template in self._index.get((method.upper(), len(parts)), ()):
            values = []
            for expected, actual in zip(template.segments, parts, strict=True):
                if expected is None:
                    if not actual:
                        break
                    values.append(actual)
                elif expected != actual:
                    break
            else:
                return template, values
        return None

    # -- validation ------------------------------------------------------------------------

    def validate_request(
        self,
        method: str,
        path: str,
        body: object | None,
        content_type: str = _JSON,
    ) -> list[str]:
        """One "field.path: message" line per error; [] when valid, when the path matches no
        operation, or when the operation takes no JSON body.

        For multipart/form-data, `body` is the `payload_json` part (a str/bytes of JSON or the
        already decoded object); it is checked against the operation's JSON schema.
        """
        return [str(e) for e in self.request_errors(method, path, body, content_type)]

    def has_request_schema(self, method: str, path: str, content_type: str = _JSON) -> bool:
        """Whether `path` matches an operation that declares a JSON body schema to check."""
        found = self._match(method, path)
        return (
            found is not None and self._validator(found[0], _media_type(content_type)) is not None
        )

    def request_errors(
        self,
        method: str,
        path: str,
        body: object | None,
        content_type: str = _JSON,
    ) -> list[RequestError]:
        """Structured form of `validate_request`, for building Discord-style 50035 bodies."""
        found = self._match(method, path)
        if found is None:
            return []
        media = _media_type(content_type)
        validator = self._validator(found[0], media)
        if validator is None:
            return []
        if media == _MULTIPART and isinstance(body, str | bytes | bytearray):
            try:
                body = json.loads(body)
            except ValueError as exc:
                return [RequestError(("payload_json",), f"is not valid JSON ({exc})")]
        return _explain(validator.iter_errors(body))

    def _validator(self, template: _Template, media: str) -> Draft202012Validator | None:
        key = (template.item_pointer, media)
        if key not in self._validators:
            self._validators[key] = self._build_validator(template, media)
        return self._validators[key]

    def _build_validator(self, template: _Template, media: str) -> Draft202012Validator | None:
        op = _resolve_pointer(self._doc, template.item_pointer)
        content = (op.get("requestBody") or {}).get("content") or {}
        # A multipart body's payload_json carries the JSON schema's shape; fall back to the
        # multipart schema for the few operations that only declare multipart.
        chosen = _JSON if _JSON in content else (_MULTIPART if media == _MULTIPART else None)
        if chosen is None or "schema" not in content.get(chosen, {}):
            return None
        pointer = f"{template.item_pointer}/requestBody/content/{_escape(chosen)}/schema"
        # A $ref into the registered document, so the schema's own "#/components/..." refs
        # resolve against the whole document.
        return Draft202012Validator({"$ref": f"{_DOC_URI}#{pointer}"}, registry=self._registry)


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower() or _JSON


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _resolve_pointer(doc: Any, pointer: str) -> Any:
    node = doc
    for raw in pointer.lstrip("/").split("/"):
        node = node[raw.replace("~1", "/").replace("~0", "~")]
    return node


def _widen_permission_fields(node: Any) -> None:
    """Let integer-typed permission bit sets also be decimal strings (see _PERMISSION_FIELDS)."""
    if isinstance(node, list):
        for item in node:
            _widen_permission_fields(item)
        return
    if not isinstance(node, dict):
        return
    properties = node.get("properties")
    if isinstance(properties, dict):
        for name in _PERMISSION_FIELDS & properties.keys():
            field = properties[name]
            kinds = field.get("type") if isinstance(field, dict) else None
            if kinds == "integer" or (isinstance(kinds, list) and "integer" in kinds):
                properties[name] = {"anyOf": [field, _PERMISSION_STRING]}
    for value in node.values():
        _widen_permission_fields(value)


# -- union rewriting ---------------------------------------------------------------------------
# Discord's unions are discriminated by a "type" field (components, interaction callbacks) or are
# enums spelled as oneOf-of-consts. Plain oneOf validates every branch in full (a message with one
# action row checks each button against ~40 component schemas); dispatching on the discriminator
# with if/then/else gives the same verdicts in a fraction of the time, and its errors come
# straight from the branch the sender meant.

_CONST_KEYS = frozenset({"const", "title", "description"})


def _simplify_unions(node: Any, schemas: dict[str, Any]) -> None:
    if isinstance(node, list):
        for item in node:
            _simplify_unions(item, schemas)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _simplify_unions(value, schemas)
    for keyword in ("oneOf", "anyOf"):
        branches = node.get(keyword)
        if not isinstance(branches, list) or len(branches) < 2:
            continue
        if "enum" not in node and (consts := _const_values(branches)) is not None:
            del node[keyword]
            node["enum"] = consts
        elif (dispatch := _dispatch_chain(branches, schemas)) is not None:
            del node[keyword]
            node.setdefault("allOf", []).append(dispatch)


def _const_values(branches: list[Any]) -> list[Any] | None:
    if not all(isinstance(b, dict) and "const" in b and b.keys() <= _CONST_KEYS for b in branches):
        return None
    values = [b["const"] for b in branches]
    unique = {json.dumps(v, sort_keys=True) for v in values}
    return values if len(unique) == len(values) else None


def _discriminator(branch: Any, schemas: dict[str, Any]) -> list[Any] | None:
    """The values a branch's required "type" field may take, when it declares them."""
    ref = branch.get("$ref", "") if isinstance(branch, dict) else ""
    target = (
        schemas.get(ref.rsplit("/", 1)[-1]) if ref.startswith("#/components/schemas/") else None
    )
    schema = target if target is not None else branch
    if not isinstance(schema, dict) or "type" not in schema.get("required", ()):
        return None
    field = schema.get("properties", {}).get("type", {})
    if "const" in field:
        return [field["const"]]
    enum = field.get("enum")
    return list(enum) if isinstance(enum, list) and enum else None


def _dispatch_chain(branches: list[Any], schemas: dict[str, Any]) -> dict[str, Any] | None:
    tags = [_discriminator(b, schemas) for b in branches]
    if any(t is None for t in tags):
        return None
    flat = [v for t in tags for v in t]  # type: ignore[union-attr]
    if len({json.dumps(v) for v in flat}) != len(flat):
        return None  # overlapping tags: keep the union's exactly-one semantics
    chain: dict[str, Any] = {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": flat}},
    }
    for branch, values in zip(reversed(branches), reversed(tags), strict=True):
        test = {"type": "object", "required": ["type"], "properties": {"type": {"enum": values}}}
        chain = {"if": test, "then": branch, "else": chain}
    return chain


def _inline_refs(document: dict[str, Any], schemas: dict[str, Any]) -> None:
    """Replace every bare `{"$ref": "#/components/schemas/X"}` by the very dict of X (shared,
    not copied), sparing a registry lookup per reference at validation time. Recursive schemas
    become cyclic Python graphs, which validation (lazy, instance-driven) handles fine."""
    prefix = "#/components/schemas/"

    def target(node: Any) -> Any:
        seen = 0
        while (
            isinstance(node, dict)
            and len(node) == 1
            and isinstance(ref := node.get("$ref"), str)
            and ref.startswith(prefix)
            and ref[len(prefix) :] in schemas
            and seen < 16
        ):
            node = schemas[ref[len(prefix) :]]
            seen += 1
        return node

    visited: set[int] = set()
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in list(items):
            if isinstance(child, dict | list):
                resolved = target(child)
                if resolved is not child:
                    node[key] = resolved
                stack.append(resolved)


# -- error explanation -------------------------------------------------------------------------


def _explain(errors: Iterable[ValidationError]) -> list[RequestError]:
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
