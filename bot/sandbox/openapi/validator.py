"""Match paths to the operations of Discord's OpenAPI description and validate bodies with them.

Two copies of the document are registered as `referencing` resources (their `$ref`s point into
`#/components/schemas`): the request side carries the leniencies of `transform`, the response
side is the description as published (but for `transform.RESPONSE_CORRECTIONS`, where it
contradicts the docs), since responses are what the emulator itself says. One
Draft 2020-12 validator is built lazily per operation and media type (requests), per operation
and status (responses) and per named schema (gateway payloads), and cached. Paths are matched
through an index keyed by method and segment count.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from bot.sandbox.openapi import transform
from bot.sandbox.openapi.explain import RequestError, explain
from bot.sandbox.openapi.fastcheck import Check, UnsupportedSchemaError, compile_check

ENV_VAR = "GUICHET_DISCORD_OPENAPI"
API_PREFIX = "/api/v10"
DOC_URI = "urn:discord:openapi"
_JSON = "application/json"
_MULTIPART = "multipart/form-data"
_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options"})


class _NoBody:
    def __repr__(self) -> str:
        return "NO_BODY"


NO_BODY: Final = _NoBody()
"""`validate_response(..., body=NO_BODY)`: the response had no body at all (204)."""


def find_spec() -> Path | None:
    """The OpenAPI file: $GUICHET_DISCORD_OPENAPI, else ../shared/discord/openapi.json next to
    the repository root, else None (callers then skip validation)."""
    candidates = []
    if env := os.environ.get(ENV_VAR):
        candidates.append(Path(env))
    repo_root = Path(__file__).resolve().parents[3]
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
class _Template:
    template: str
    segments: tuple[str | None, ...]  # None marks a `{parameter}` segment
    names: tuple[str, ...]  # parameter names, in order
    operation_id: str
    item_pointer: str  # JSON pointer to the operation object in the document


@dataclass(frozen=True, slots=True)
class Checker:
    """A schema ready to check instances: a compiled yes/no (`fastcheck`) for the valid case,
    jsonschema for saying what is wrong (and for schemas `fastcheck` does not cover)."""

    validator: Draft202012Validator
    fast: Check | None

    def errors(self, instance: object) -> list[RequestError]:
        if self.fast is not None and self.fast(instance):
            return []
        return explain(self.validator.iter_errors(instance))


class _Side:
    """One registered copy of the description."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.doc = document
        resource: Resource[Any] = DRAFT202012.create_resource(document)
        self.registry: Registry[Any] = Registry().with_resource(DOC_URI, resource)

    def at(self, pointer: str) -> Checker:
        # A $ref into the registered document, so the schema's own "#/components/..." refs
        # resolve against the whole document.
        return self.of({"$ref": f"{DOC_URI}#{pointer}"})

    def of(self, schema: dict[str, Any]) -> Checker:
        try:
            fast: Check | None = compile_check(schema, self._resolve)
        except UnsupportedSchemaError:
            fast = None
        return Checker(Draft202012Validator(schema, registry=self.registry), fast)

    def _resolve(self, ref: str) -> Any:
        base, _, pointer = ref.partition("#")
        if base not in ("", DOC_URI):
            raise UnsupportedSchemaError(f"$ref to {base}")
        return _resolve_pointer(self.doc, pointer) if pointer else self.doc


class OpenApiValidator:
    """Matches request paths to operations and validates their JSON bodies, the emulator's
    responses, and payloads against named component schemas."""

    def __init__(
        self, document: dict[str, Any], *, strict: bool = False, optimize: bool = True
    ) -> None:
        # The response side is a copy taken before any leniency: JSON round-trip is the
        # quickest deep copy of a plain JSON tree.
        published = json.loads(json.dumps(document))
        transform.correct_responses(published)
        if not strict:
            transform.make_lenient(document)
        if optimize:
            transform.optimize(document)
            transform.optimize(published)
        self._requests = _Side(document)
        self._responses = _Side(published)
        self._index: dict[tuple[str, int], list[_Template]] = {}
        self._validators: dict[tuple[str, str], Checker | None] = {}
        self._response_validators: dict[tuple[str, int], _ResponseCheck] = {}
        self._named: dict[str, Checker] = {}
        self._own: dict[str, Checker] = {}
        self._build_index()

    @classmethod
    def load(cls, path: Path, *, strict: bool = False, optimize: bool = True) -> OpenApiValidator:
        """`strict` keeps the published request schemas exactly as they are (no leniencies, see
        `transform.LENIENT_REQUEST_SCHEMAS`); `optimize` rewrites discriminated unions and
        inlines `$ref`s for speed, with the same verdicts (see `transform`)."""
        with path.open("rb") as fh:
            return cls(json.load(fh), strict=strict, optimize=optimize)

    @property
    def component_names(self) -> frozenset[str]:
        return frozenset(self._responses.doc.get("components", {}).get("schemas", {}))

    # -- matching --------------------------------------------------------------------------

    def _build_index(self) -> None:
        for template, item in self._requests.doc.get("paths", {}).items():
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

    # -- requests --------------------------------------------------------------------------

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
        return validator.errors(body)

    def _validator(self, template: _Template, media: str) -> Checker | None:
        key = (template.item_pointer, media)
        if key not in self._validators:
            self._validators[key] = self._build_validator(template, media)
        return self._validators[key]

    def _build_validator(self, template: _Template, media: str) -> Checker | None:
        op = _resolve_pointer(self._requests.doc, template.item_pointer)
        content = (op.get("requestBody") or {}).get("content") or {}
        # A multipart body's payload_json carries the JSON schema's shape; fall back to the
        # multipart schema for the few operations that only declare multipart.
        chosen = _JSON if _JSON in content else (_MULTIPART if media == _MULTIPART else None)
        if chosen is None or "schema" not in content.get(chosen, {}):
            return None
        pointer = f"{template.item_pointer}/requestBody/content/{_escape(chosen)}/schema"
        return self._requests.at(pointer)

    # -- responses -------------------------------------------------------------------------

    def response_errors(
        self, method: str, path: str, status: int, body: object
    ) -> list[RequestError]:
        """What is wrong with a response the emulator sent: its status must be one the
        operation documents, its JSON body (decoded; `NO_BODY` when there was none) must fit
        that status's schema. A path of no operation may only answer Discord's error body."""
        found = self._match(method, path)
        if found is None:
            if 400 <= status < 500:
                name = "RatelimitedResponse" if status == 429 else "ErrorResponse"
                return self.schema_errors(name, body)
            return [RequestError((), f"{method} {path} is not an operation of Discord's API")]
        template = found[0]
        key = (template.item_pointer, status)
        check = self._response_validators.get(key)
        if check is None:
            check = self._response_validators[key] = self._response_check(template, status)
        return check.errors(body)

    def _response_check(self, template: _Template, status: int) -> _ResponseCheck:
        doc = self._responses.doc
        responses = _resolve_pointer(doc, template.item_pointer).get("responses", {})
        for key in (str(status), f"{status // 100}XX", "default"):
            if key in responses:
                break
        else:
            documented = ", ".join(responses) or "none"
            return _ResponseCheck(
                problem=f"status {status} is not a documented response of "
                f"{template.operation_id} (documented: {documented})"
            )
        pointer = f"{template.item_pointer}/responses/{_escape(key)}"
        entry = responses[key]
        ref = entry.get("$ref", "") if isinstance(entry, dict) else ""
        if ref.startswith("#/"):
            pointer, entry = ref[1:], _resolve_pointer(doc, ref[1:])
        if "schema" not in (entry.get("content") or {}).get(_JSON, {}):
            return _ResponseCheck()  # no body documented
        schema_pointer = f"{pointer}/content/{_escape(_JSON)}/schema"
        return _ResponseCheck(validator=self._responses.at(schema_pointer))

    # -- named schemas (gateway payloads) ----------------------------------------------------

    def schema_errors(self, name: str, instance: object) -> list[RequestError]:
        """Errors of `instance` against the published component schema `name`."""
        validator = self._named.get(name)
        if validator is None:
            validator = self._named[name] = self._responses.at(f"/components/schemas/{name}")
        return validator.errors(instance)

    def compiled(self, name: str, schema: dict[str, Any]) -> Checker:
        """A validator, built once per `name`, for a schema of one's own whose `$ref`s point
        into the published description (`ref("Name")`), such as a Gateway event's."""
        validator = self._own.get(name)
        if validator is None:
            validator = self._own[name] = self._responses.of(schema)
        return validator


def ref(name: str) -> dict[str, str]:
    """A `$ref` to the published component schema `name`, for schemas given to `compile`."""
    return {"$ref": f"{DOC_URI}#/components/schemas/{name}"}


@dataclass(frozen=True, slots=True)
class _ResponseCheck:
    validator: Checker | None = None  # None: no body documented
    problem: str | None = None  # the status itself is not documented

    def errors(self, body: object) -> list[RequestError]:
        if self.problem is not None:
            return [RequestError((), self.problem)]
        if self.validator is None:
            if body is NO_BODY:
                return []
            return [RequestError((), "Discord documents no body for this response")]
        if body is NO_BODY:
            return [RequestError((), "a JSON body is documented for this response, none sent")]
        return self.validator.errors(body)


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower() or _JSON


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _resolve_pointer(doc: Any, pointer: str) -> Any:
    node = doc
    for raw in pointer.lstrip("/").split("/"):
        node = node[raw.replace("~1", "/").replace("~0", "~")]
    return node
