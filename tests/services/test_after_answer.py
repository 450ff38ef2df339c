"""`after_answer`: a post the member does not wait for runs once the handler is done (at once
outside a handler), a failing one is only logged, and a graceful stop waits for it."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.services.log_queue import LineQueue, after_answer, answer_first


async def test_inside_a_handler_it_waits_for_the_handler_outside_it_runs_now() -> None:
    order: list[str] = []

    async def notice() -> None:
        order.append("notice")

    await after_answer(notice)
    assert order == ["notice"]
    order.clear()
    with answer_first():
        await after_answer(notice)
        await asyncio.sleep(0.01)
        order.append("answer")
    queue = LineQueue(None, None)  # type: ignore[arg-type]  # no line: neither is used
    await queue.idle()
    assert order == ["answer", "notice"]


async def test_a_failing_job_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    async def broken() -> None:
        raise RuntimeError("boom")

    with answer_first():
        await after_answer(broken)
    await LineQueue(None, None).idle()  # type: ignore[arg-type]
    assert [r.message for r in caplog.records if r.levelno == logging.ERROR] == [
        "after_answer.failed"
    ]
