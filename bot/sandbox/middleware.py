"""The emulator's REST pipeline, mixed into `Emulator`: one middleware that authenticates,
parses the body (JSON or multipart with `payload_json`), applies queued faults and rate limits,
validates the body against Discord's OpenAPI description, runs the handler, turns
`DiscordError` into Discord's error body, and records the exchange; and the CDN route that
serves attachments."""

from __future__ import annotations

import asyncio
import json
import mimetypes
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.sandbox import errors
from bot.sandbox.faults import FaultKind, Faults
from bot.sandbox.oauth2 import BEARER_ROUTES, GRANT_KEY, TOKEN_PATHS, OAuth2
from bot.sandbox.rate_limit_answers import Admission, too_many_requests
from bot.sandbox.rate_limits import RateLimits
from bot.sandbox.recorder import Recorder
from bot.sandbox.rest.common import (
    API_PREFIX,
    FILES_KEY,
    JSON_BODY_KEY,
    UploadedFile,
    json_response,
)

if TYPE_CHECKING:
    from bot.sandbox.conformance import Conformance
    from bot.sandbox.state import EmulatorState

# Routes Discord authenticates by the token in the path rather than the Authorization header.
TOKEN_IN_PATH = ("/interactions/", "/webhooks/")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class RestPipeline:
    """Mixed into `Emulator`: needs `state`, `token`, `recorder`, `conformance`, `faults`,
    `rate_limits`, `oauth2` and `notify()`."""

    state: EmulatorState
    token: str
    recorder: Recorder
    conformance: Conformance
    faults: Faults
    rate_limits: RateLimits
    oauth2: OAuth2

    def notify(self) -> None:  # pragma: no cover - provided by Emulator
        raise NotImplementedError

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(API_PREFIX + "/"):
            return await handler(request)
        if request.path[len(API_PREFIX) :] in TOKEN_PATHS:
            return await handler(request)  # client credentials, form bodies: bot.sandbox.oauth2
        started = time.monotonic()
        path = request.path[len(API_PREFIX) :]
        resource = request.match_info.route.resource
        route = resource.canonical[len(API_PREFIX) :] if resource is not None else path
        parsed: Any = None
        uploads: list[UploadedFile] = []
        admission = Admission()
        try:
            self._authenticate(request, path)
            parsed, uploads = await self._parse_body(request)
            request[JSON_BODY_KEY], request[FILES_KEY] = parsed, uploads
            admission = self.rate_limits.admit(
                request.method, route, path, request.match_info, parsed
            )
            late = None if admission.refused else self.faults.take_late(request.method, route)
            response = admission.refused or await self._apply_fault(request, route)
            if response is None:
                self._validate(request, path, parsed, uploads)
                response = await handler(request)
                if late is not None:  # done, but the answer is slow to come (or never does)
                    await asyncio.sleep(late)
        except errors.DiscordError as exc:
            response = json_response(exc.body(), status=exc.status)
        except web.HTTPException as exc:
            if exc.status == 404:
                response = json_response(errors.not_found_route().body(), status=404)
            elif exc.status == 405:
                response = json_response(
                    {"message": "405: Method Not Allowed", "code": 0}, status=405
                )
            else:
                raise
        return self._record(
            request,
            route=route,
            path=path,
            parsed=parsed,
            uploads=uploads,
            response=admission.stamp(response),
            started=started,
        )

    def _record(
        self,
        request: web.Request,
        *,
        route: str,
        path: str,
        parsed: Any,
        uploads: list[UploadedFile],
        response: web.StreamResponse,
        started: float,
    ) -> web.StreamResponse:
        self.conformance.response(request.method, path, response)
        self.recorder.record(
            method=request.method,
            route=route,
            path=path,
            query=dict(request.query),
            body=parsed,
            files=[u.filename for u in uploads],
            status=response.status,
            at=started,
            headers=response.headers,
        )
        self.notify()
        return response

    def _authenticate(self, request: web.Request, path: str) -> None:
        if path.startswith(TOKEN_IN_PATH):
            return
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer ") and path in BEARER_ROUTES:
            # A user's OAuth2 token: only the routes its scopes open (bot.sandbox.oauth2).
            grant = self.oauth2.bearer(header[len("Bearer ") :])
            if grant is None or BEARER_ROUTES[path] not in grant.scopes:
                raise errors.unauthorized()
            request[GRANT_KEY] = grant
            return
        if header != f"Bot {self.token}":
            raise errors.unauthorized()

    async def _parse_body(self, request: web.Request) -> tuple[Any, list[UploadedFile]]:
        if not request.can_read_body:
            return None, []
        content_type = request.content_type
        if content_type == "multipart/form-data":
            payload: Any = None
            uploads: list[UploadedFile] = []
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                name = part.name or ""  # type: ignore[union-attr]
                data = await part.read()  # type: ignore[union-attr]
                if name == "payload_json":
                    payload = self._loads(data)
                else:
                    uploads.append(
                        UploadedFile(
                            field=name,
                            filename=part.filename or name,  # type: ignore[union-attr]
                            content_type=part.headers.get("Content-Type"),  # type: ignore[union-attr]
                            data=bytes(data),
                        )
                    )
            return payload, uploads
        raw = await request.read()
        if not raw:
            return None, []
        if content_type != "application/json":
            raise errors.DiscordError(400, 50109, "The request body contains invalid JSON.")
        return self._loads(raw), []

    @staticmethod
    def _loads(raw: bytes | bytearray) -> Any:
        try:
            return json.loads(raw)
        except ValueError as exc:
            raise errors.DiscordError(
                400, 50109, "The request body contains invalid JSON."
            ) from exc

    def _validate(
        self, request: web.Request, path: str, parsed: Any, uploads: list[UploadedFile]
    ) -> None:
        multipart = bool(uploads) or request.content_type == "multipart/form-data"
        content_type = "multipart/form-data" if multipart else "application/json"
        problems = self.conformance.request(request.method, path, parsed, content_type)
        if not problems:
            return
        form = errors.FormErrors()
        for problem in problems:
            form.add(problem.path, "BASE_TYPE_INVALID", problem.message)
        raise errors.invalid_form_body(form.tree)

    async def _apply_fault(self, request: web.Request, route: str) -> web.Response | None:
        """The answer of the next queued fault for this request, if any (None: handle it)."""
        method = request.method
        fault = self.faults.take(method, route)
        if fault is None:
            return None
        if fault.kind is FaultKind.DROP:
            if request.transport is not None:
                request.transport.abort()  # the client reads a disconnect, never this answer
            # Recorded as Discord's edge would log it; nothing reaches the client.
            return json_response({"message": "502: Bad Gateway", "code": 0}, status=502)
        if fault.kind is FaultKind.HANG:
            await asyncio.sleep(fault.seconds)
            return None
        if fault.kind is FaultKind.RATE_LIMIT:
            self.rate_limits.record_fault(method, route, fault.scope, fault.seconds)
            headers = self.rate_limits.route_headers(method, route, exhausted_for=fault.seconds)
            return too_many_requests(fault.seconds, scope=fault.scope, headers=headers)
        message = {500: "500: Internal Server Error", 502: "502: Bad Gateway"}.get(
            fault.status, f"{fault.status}: Service Unavailable"
        )
        return json_response({"message": message, "code": 0}, status=fault.status)

    async def _attachment(self, request: web.Request) -> web.Response:
        attachment = self.state.attachments.get(int(request.match_info["attachment_id"]))
        if attachment is None or attachment.filename != request.match_info["filename"]:
            raise web.HTTPNotFound()
        # Discord's CDN is another origin than the client; here attachments share the sandbox
        # page's origin, so a bot-made HTML file (a transcript) is kept from running anything.
        content_type = attachment.content_type
        if not content_type or content_type == "application/octet-stream":
            # Like Discord's CDN, which types a file by its name when the upload did not.
            content_type = mimetypes.guess_type(attachment.filename)[0] or content_type
        return web.Response(
            body=attachment.content,
            headers={
                "Content-Type": content_type or "application/octet-stream",
                "Content-Security-Policy": "sandbox; default-src 'none'; "
                "style-src 'unsafe-inline'; img-src 'self' data:",
                "X-Content-Type-Options": "nosniff",
            },
        )
