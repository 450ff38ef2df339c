"""Renders off the event loop: a worker process gives what the loop would, small jobs stay on
the loop, and a worker that fails says why."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from bot.i18n import Catalog
from bot.transcripts.job import RenderJob, render_job
from bot.transcripts.worker import InlineRenderer, ProcessRenderer, RenderError

from .conftest import REPO, meta
from .test_job import discord_message, kept_files, pages_of


def never(*_args: object, **_kwargs: object) -> str:
    raise AssertionError("rendered on the event loop")


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_the_worker_process_renders_what_the_loop_would(
    catalog: Catalog, locale: str
) -> None:
    raw = [discord_message(i) for i in range(150)]
    job = RenderJob(meta(locale), pages_of(raw), len(raw), kept_files(raw))
    # ``never`` as the bot's translate: only the worker's own catalog can have rendered it.
    worker = ProcessRenderer(lambda: (REPO / "locales", True), never, inline_below=100)

    rendered = await worker.render(job)

    expected = render_job(job, catalog.translate)
    assert rendered == expected
    assert catalog.translate("transcript-header-closed-by", locale) in rendered.text
    assert gzip.decompress(rendered.html_gz) == rendered.html


async def test_a_few_messages_render_on_the_loop(catalog: Catalog) -> None:
    calls: list[str] = []

    def translate(msg_id: str, locale: str | None, **args: object) -> str:
        calls.append(msg_id)
        return catalog.translate(msg_id, locale, **args)

    raw = [discord_message(i) for i in range(3)]
    worker = ProcessRenderer(lambda: (Path("/nowhere"), True), translate)
    rendered = await worker.render(RenderJob(meta(), pages_of(raw), 3))
    assert calls and rendered.message_count == 3
    assert rendered == await InlineRenderer(catalog.translate).render(
        RenderJob(meta(), pages_of(raw), 3)
    )


async def test_a_worker_that_fails_says_why(tmp_path: Path) -> None:
    raw = [discord_message(i) for i in range(120)]
    worker = ProcessRenderer(lambda: (tmp_path / "missing", True), never)
    with pytest.raises(RenderError, match="locales folder not found"):
        await worker.render(RenderJob(meta(), pages_of(raw), len(raw)))


async def test_the_worker_started_while_the_history_is_read_takes_the_job(
    catalog: Catalog,
) -> None:
    raw = [discord_message(i) for i in range(150)]
    job = RenderJob(meta("fr"), pages_of(raw), len(raw))
    worker = ProcessRenderer(lambda: (REPO / "locales", True), never)
    worker.expect(99)  # a few messages so far: they might render on the loop
    assert worker._spare is None
    worker.expect(100)
    spare = worker._spare
    assert spare is not None
    worker.expect(150)  # one worker, however many pages follow
    assert worker._spare is spare

    assert await worker.render(job) == render_job(job, catalog.translate)
    assert worker._spare is None
    assert (await spare).returncode == 0  # the job went to the worker started early


async def test_closing_ends_a_waiting_worker() -> None:
    worker = ProcessRenderer(lambda: (REPO / "locales", True), never)
    worker.expect(500)
    assert worker._spare is not None
    process = await worker._spare
    worker.close()
    assert await process.wait() != 0
