"""The Gateway's faults for tests: connections dropped, told to reconnect (op 7), sessions
invalidated (op 9), a heartbeat requested (op 1), as Discord does them (developer docs, "Gateway":
Reconnect, Invalid Session, Heartbeat). Mixed into :class:`bot.sandbox.gateway.Gateway`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.sandbox.gateway_protocol import Close, Op
from bot.sandbox.gateway_session import Connection, Session

if TYPE_CHECKING:
    from bot.sandbox.server import Emulator


class GatewayFaults:
    """``self`` is the :class:`~bot.sandbox.gateway.Gateway`."""

    emulator: Emulator
    reconnect_grace: float
    _open: set[Connection]
    forget: Callable[[Session], None]  # the Gateway's: ends a session

    def _live(self) -> list[Connection]:
        return [c for c in self._open if not c.closing and not c.socket.closed]

    async def drop(self, *, code: int = Close.UNKNOWN_ERROR) -> int:
        """Close every open connection with `code` (4000 by default: sessions stay
        resumable; a code of `ENDS_SESSION` ends them). Returns how many were closed."""
        live = self._live()
        for connection in live:
            connection.close(code)
        await self._flushed(live)
        return len(live)

    async def reconnect(self) -> int:
        """Op 7 RECONNECT to every connection; one still open after `reconnect_grace` seconds
        is closed (4000), as Discord does a few seconds later."""
        live = self._live()
        for connection in live:
            connection.send(Op.RECONNECT, None)
        self.emulator.spawn(self._close_stragglers(live))
        return len(live)

    def invalidate_sessions(self, *, resumable: bool) -> int:
        """Op 9 INVALID_SESSION to every identified connection; unless `resumable`, their
        sessions end (a RESUME then gets INVALID_SESSION false and the client identifies)."""
        live = [c for c in self._live() if c.session is not None]
        for connection in live:
            connection.send(Op.INVALID_SESSION, resumable)
            if not resumable and connection.session is not None:
                self.forget(connection.session)
        return len(live)

    def request_heartbeat(self) -> int:
        """Op 1 from the server: each client must heartbeat at once."""
        live = self._live()
        for connection in live:
            session = connection.session
            connection.send(Op.HEARTBEAT, session.seq if session is not None else None)
        return len(live)

    async def _close_stragglers(self, connections: list[Connection]) -> None:
        await asyncio.sleep(self.reconnect_grace)
        for connection in connections:
            if not connection.socket.closed:
                connection.close(Close.UNKNOWN_ERROR)

    @staticmethod
    async def _flushed(connections: list[Connection]) -> None:
        """Wait (1 s at most) until these connections' writers have sent their close."""
        waits = [asyncio.create_task(c.finished.wait()) for c in connections]
        if waits:
            _, pending = await asyncio.wait(waits, timeout=1.0)
            for task in pending:
                task.cancel()
