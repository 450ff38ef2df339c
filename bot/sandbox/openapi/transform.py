"""Rewrites of Discord's OpenAPI description applied once at load time.

- Leniencies (request side only): where the published description is narrower than what
  Discord's servers accept, in ways discord.py 2.7.1 relies on. Responses are what the emulator
  itself sends, so they are checked against the description as published.
- Speed (both sides): discriminated unions become if/then/else dispatch chains and bare
  `$ref`s into `#/components/schemas` are inlined, with the same verdicts.
"""

from __future__ import annotations

import json
from typing import Any

# Each entry widens one component schema of the request side; `strict=True` skips them.
# - SnowflakeType is string-only, but Discord takes integer ids in requests and discord.py sends
#   ints (permission_overwrites[].id, allowed_mentions.users/roles, message_reference ids, ...).
LENIENT_REQUEST_SCHEMAS: dict[str, dict[str, Any]] = {
    "SnowflakeType": {"type": "integer", "minimum": 0},
}
# - Permission bit sets in requests are typed integer, but Discord documents them as strings
#   ("allow?: string", "default_member_permissions: ?string") and discord.py sends strings in
#   `set_permissions` (PUT /channels/{id}/permissions/{id}) and in `sync_permissions` edits.
_PERMISSION_FIELDS = frozenset({"allow", "deny", "permissions", "default_member_permissions"})
_PERMISSION_STRING: dict[str, Any] = {"type": "string", "pattern": "^[0-9]{1,20}$"}


# Where the description contradicts the docs about what Discord sends; applied to the response
# side (`correct_responses`). Each entry replaces one schema at a JSON pointer.
# - A field error's `code` is a string ("BASE_TYPE_REQUIRED"), as every example of the docs'
#   "Error Messages" shows (developer docs, reference.mdx); the description types it integer.
RESPONSE_CORRECTIONS: dict[str, dict[str, Any]] = {
    "/components/schemas/InnerErrors/properties/_errors/items": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
    },
}


def correct_responses(document: dict[str, Any]) -> None:
    """Apply `RESPONSE_CORRECTIONS` to `document`, in place."""
    for pointer, schema in RESPONSE_CORRECTIONS.items():
        *parents, last = pointer.lstrip("/").split("/")
        node = document
        for key in parents:
            node = node[key]
        node[last] = schema


def make_lenient(document: dict[str, Any]) -> None:
    """Apply the request-side leniencies above to `document`, in place."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name, alternative in LENIENT_REQUEST_SCHEMAS.items():
        if name in schemas:
            schemas[name] = {"anyOf": [schemas[name], alternative]}
    _widen_permission_fields(document)


def optimize(document: dict[str, Any]) -> None:
    """Union dispatch and `$ref` inlining (see `_simplify_unions`, `_inline_refs`), in place."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    _simplify_unions(document, schemas)
    _inline_refs(document, schemas)


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
