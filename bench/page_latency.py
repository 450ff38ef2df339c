"""Click to answer on the sandbox page, as a person sees it in Chromium.

Runs the real bot against the emulator with the sandbox page mounted (the example server with
automatic approval, no cooldown, 50 open tickets a member), opens the page in Debian's
Chromium (headless, through Playwright), and times in the page itself, with
``performance.now()``, from the click (``element.click()``) until the bot's answer is in the
DOM: the whole path a click takes (form posted, the interaction delivered over the Gateway,
the bot's callback, the change event, the region fetched and merged). Three answers:

- the topic picked in the select panel → the bot's modal shown;
- the modal submitted → the ephemeral "your ticket is ready" shown;
- Claim clicked by a handler → the ephemeral confirmation shown.

    .venv/bin/python bench/page_latency.py [--tickets 10] [--screenshots docs]

``--screenshots DIR`` also writes the README's pictures of the main screens there.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the browser helpers live with the browser tests

from bot.discord_app.bot import GuichetBot  # noqa: E402
from bot.runtime import load_runtime  # noqa: E402
from bot.sandbox.discord_client import configure_discord_for, start_client, stop_client  # noqa: E402
from bot.sandbox.launch import sandbox_emulator  # noqa: E402
from bot.storage import Database  # noqa: E402
from tests.e2e.browser.chromium import chromium_path, headless_chromium  # noqa: E402
from tests.e2e.browser.steps import act_as, open_channel, open_page, run_command  # noqa: E402

# Click `selector` in the page and resolve with the milliseconds until more than `seen`
# elements match `done`.
TIME_CLICK = """([selector, done, seen]) => new Promise((resolve) => {
  const start = performance.now();
  const check = () => {
    if (document.querySelectorAll(done).length > seen) {
      observer.disconnect();
      resolve(performance.now() - start);
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  document.querySelector(selector).click();
})"""
ANSWERS = ("select → modal", "modal → reply", "claim → reply")


def edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


async def timed(page: Any, selector: str, done: str) -> float:
    seen = await page.locator(done).count()
    return float(await asyncio.wait_for(page.evaluate(TIME_CLICK, [selector, done, seen]), 10))


async def open_ticket(page: Any, number: int, shots: Path | None) -> tuple[float, float]:
    await page.locator("summary.dropdown-toggle").last.click()
    if shots and number == 1:
        await page.screenshot(path=str(shots / "sandbox-panel.png"))
    to_modal = await timed(
        page, '.options button.option[value="billing"]', "dialog[data-modal][open]"
    )
    dialog = page.locator("dialog[data-modal][open]")
    await dialog.locator("input:not([type=hidden])").first.fill(f"FR-2024-{number:04d}")
    if shots and number == 1:
        await page.screenshot(path=str(shots / "sandbox-modal.png"))
    to_reply = await timed(page, "dialog[data-modal] [data-modal-submit]", ".message.ephemeral")
    return to_modal, to_reply


async def bench(tickets: int, shots: Path | None) -> dict[str, list[float]]:
    executable = chromium_path()
    if executable is None:
        raise SystemExit("needs Chromium: apt-get install -y chromium")
    work = Path(tempfile.mkdtemp(prefix="guichet-page-bench-"))
    shutil.copytree(REPO / "servers", work / "servers")
    shutil.copytree(REPO / "locales", work / "locales")
    edit(
        work / "servers" / "example.yaml",
        ("approval: manual", "approval: automatic"),
        ("cooldown: 1h30m", "cooldown: 0s"),
        ("max_open_per_member: 2", "max_open_per_member: 50"),
        ("claim_hides: true", "claim_hides: false"),
    )
    runtime = load_runtime(work / "servers", work / "locales")
    emulator = sandbox_emulator(runtime.servers, runtime.catalog)
    await emulator.start()
    db = await Database.open(work / "bench.sqlite3")
    bot = GuichetBot(
        runtime,
        db,
        servers_dir=work / "servers",
        locales_dir=work / "locales",
        guild_ready_timeout=0.05,
    )
    configure_discord_for(emulator.url)
    task = await start_client(bot, emulator.token)
    await asyncio.wait_for(bot.panels_synced.wait(), 10)
    guild = next(iter(emulator.state.guilds.values()))
    people = {m.user.username: m for m in guild.members.values()}
    times: dict[str, list[float]] = {name: [] for name in ANSWERS}
    try:
        async with headless_chromium(
            work / "profile", executable=executable, viewport={"width": 1280, "height": 800}
        ) as browser:
            page = await browser.new_page()
            page.on("dialog", lambda dialog: dialog.accept())
            await open_page(page, emulator.page_url)
            await act_as(page, people["member-fr"])
            await open_channel(page, "support-select")
            for number in range(1, tickets + 1):
                to_modal, to_reply = await open_ticket(page, number, shots)
                times["select → modal"].append(to_modal)
                times["modal → reply"].append(to_reply)
            await act_as(page, people["staff-1"])
            for number in range(1, tickets + 1):
                await open_channel(page, f"facturation-{number}")
                claim = '[data-region="messages"] form[data-act] input[value^="guichet:claim:"]'
                button = f"{claim} ~ button"
                times["claim → reply"].append(await timed(page, button, ".message.ephemeral"))
                if number == 1 and shots:
                    await run_command(page, "/ticket statut", {"valeur": "En attente"})
                    await page.locator(".message.ephemeral").nth(1).wait_for()
                    await page.screenshot(path=str(shots / "sandbox-ticket.png"))
                    await page.set_viewport_size({"width": 390, "height": 844})
                    await page.screenshot(path=str(shots / "sandbox-phone.png"))
                    await page.set_viewport_size({"width": 1280, "height": 800})
            if shots:
                await act_as(page, people["member-en-us"])
                await open_channel(page, "support-select")
                await page.locator("#composer-text").fill("/ticket open")
                await page.locator("[data-command-menu] .command").first.click()
                topic = page.locator("[data-autocomplete-for=topic]")
                await topic.fill("b")
                await page.locator("[data-suggestions] .suggestion").first.wait_for()
                await page.screenshot(path=str(shots / "sandbox-command.png"))
    finally:
        await stop_client(bot, task)
        await db.close()
        await emulator.stop()
        shutil.rmtree(work, ignore_errors=True)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=10)
    parser.add_argument("--screenshots", type=Path, default=None)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    times = asyncio.run(bench(args.tickets, args.screenshots))
    print(f"sandbox page, click to answer shown, {args.tickets} tickets (ms)")
    print(f"{'answer':<16}{'median':>8}{'p90':>8}{'max':>8}")
    for name, values in times.items():
        ordered = sorted(values)
        p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
        print(f"{name:<16}{statistics.median(values):>8.1f}{p90:>8.1f}{max(values):>8.1f}")
    print("command: .venv/bin/python bench/page_latency.py --tickets", args.tickets)


if __name__ == "__main__":
    main()
