"""A minimal Language Server Protocol client (JSON-RPC over stdio) to ask an editor's YAML
language server what a person would see: hovers, completions, diagnostics."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

SETTINGS = {"validate": True, "hover": True, "completion": True}


class LanguageServer:
    def __init__(self, command: list[str], root: Path) -> None:
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._next_id = 0
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        capabilities = {
            "textDocument": {
                "completion": {"completionItem": {"snippetSupport": True}},
                "hover": {"contentFormat": ["markdown"]},
            }
        }
        self.request(
            "initialize",
            {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities},
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": SETTINGS}})
        self._versions: dict[str, int] = {}

    def _send(self, message: dict[str, Any]) -> None:
        assert self._process.stdin is not None
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self._process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self._process.stdin.flush()

    def _receive(self) -> dict[str, Any]:
        assert self._process.stdout is not None
        length = 0
        while (line := self._process.stdout.readline().decode()) not in ("\r\n", ""):
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message = json.loads(self._process.stdout.read(length))
        if message.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif "id" in message and "method" in message:  # the server asks for its settings
            self._send(
                {"id": message["id"], "result": [SETTINGS] * len(message["params"]["items"])}
            )
        return message

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self._next_id += 1
        self._send({"id": self._next_id, "method": method, "params": params})
        while True:
            message = self._receive()
            if message.get("id") == self._next_id and "method" not in message:
                return message.get("result")

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.resolve().as_uri()
        content = path.read_text(encoding="utf-8") if text is None else text
        version = self._versions.get(uri, 0) + 1
        self._versions[uri] = version
        if version == 1:
            document = {"uri": uri, "languageId": "yaml", "version": 1, "text": content}
            self.notify("textDocument/didOpen", {"textDocument": document})
        else:
            self.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"text": content}],
                },
            )
        return uri

    def hover(self, uri: str, line: int, character: int) -> str:
        result = self.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        return (result or {}).get("contents", {}).get("value", "")

    def completion(self, uri: str, line: int, character: int) -> list[dict[str, Any]]:
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        return result["items"] if isinstance(result, dict) else (result or [])

    def wait_diagnostics(self, uri: str, timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        self.diagnostics.pop(uri, None)
        while time.monotonic() < deadline:
            self.hover(uri, 0, 0)  # a round trip: notifications arrive meanwhile
            if self.diagnostics.get(uri):
                return self.diagnostics[uri]
            time.sleep(0.2)
        return []

    def close(self) -> None:
        self._process.kill()
        self._process.wait(timeout=10)
