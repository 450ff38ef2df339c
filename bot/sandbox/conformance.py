"""The emulator held to Discord's description, both ways: request bodies the bot sends (a
mismatch is Discord's 400 / 50035 and the bot's fault), responses and Gateway payloads the
emulator sends (a mismatch is the emulator's fault: real Discord would never send it).

Every check is counted on the emulator's `Recorder` (and the process-wide `recorder.SUITE`), and
every mismatch recorded there as a `Violation`; tests fail on any left at teardown.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

from bot.sandbox.openapi import NO_BODY, RequestError
from bot.sandbox.openapi.gateway_events import DISPATCH, DISPATCHES, FRAMES
from bot.sandbox.recorder import Recorder, Violation

if TYPE_CHECKING:
    from aiohttp import web

    from bot.sandbox.openapi import OpenApiValidator

JSON = "application/json"


class Conformance:
    def __init__(self, validator: OpenApiValidator | None, recorder: Recorder) -> None:
        self.validator = validator
        self.recorder = recorder

    @property
    def enabled(self) -> bool:
        return self.validator is not None

    # ---------------------------------------------------------------- REST
    def request(self, method: str, path: str, body: Any, content_type: str) -> list[RequestError]:
        """Problems with a request body (recorded as a violation); [] when it fits."""
        if self.validator is None or body is None:
            return []
        started = time.perf_counter()
        problems = self.validator.request_errors(method, path, body, content_type)
        self.recorder.validated_one("request", time.perf_counter() - started)
        if problems:
            self.recorder.violation(Violation(method, path, tuple(map(str, problems))))
        return problems

    def response(self, method: str, path: str, response: web.StreamResponse) -> None:
        """Check a response the emulator is about to send. Fault-injected 5xx answers are left
        out: the description documents none, and Discord's own are not JSON at all."""
        if self.validator is None or response.status >= 500:
            return
        started = time.perf_counter()
        raw = getattr(response, "body", None)
        problems: list[str] = []
        body: Any = NO_BODY
        if raw:
            if response.headers.get("Content-Type") != JSON:
                problems.append(f"Content-Type is {response.headers.get('Content-Type')!r}")
            try:
                body = json.loads(raw)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                problems.append("the body is not JSON")
        if not problems:
            found = self.validator.response_errors(method, path, response.status, body)
            problems = [str(p) for p in found]
        self.recorder.validated_one("response", time.perf_counter() - started)
        if problems:
            self.recorder.violation(
                Violation(method, path, tuple(problems), kind="response", status=response.status)
            )

    # ------------------------------------------------------------- Gateway
    def frame(self, frame: dict[str, Any]) -> None:
        """Check one Gateway payload the emulator is about to send: its frame, and a
        dispatch's data against the event's schema (see `openapi.gateway_events`)."""
        if self.validator is None:
            return
        started = time.perf_counter()
        op = frame.get("op")
        where = str(frame.get("t")) if op == DISPATCH else f"op {op}"
        problems = self._errors(f"frame {op}", FRAMES.get(op), frame)  # type: ignore[arg-type]
        if op == DISPATCH and not problems:
            event = str(frame.get("t"))
            problems = self._errors(event, DISPATCHES.get(event), frame.get("d"), prefix="d")
        self.recorder.validated_one("gateway", time.perf_counter() - started)
        if problems:
            self.recorder.violation(Violation("GATEWAY", where, tuple(problems), kind="gateway"))

    def _errors(
        self, name: str, schema: dict[str, Any] | None, instance: Any, prefix: str = ""
    ) -> list[str]:
        if schema is None:
            return [f"no schema for {name}: the emulator sends what nobody checks"]
        assert self.validator is not None
        found = self.validator.compiled(name, schema).errors(instance)
        return [f"{prefix}.{e}" if prefix and e.path else str(e) for e in found]
