"""What a person does on the sandbox page, in Playwright terms: switch who they are, open a
channel, pick in a select menu, fill a modal, click a button, run a slash command."""

from __future__ import annotations

import re
from typing import Any

from bot.sandbox.state import Member

MESSAGES = '[data-region="messages"]'


async def open_page(page: Any, url: str) -> None:
    await page.goto(url)
    await page.wait_for_selector("body[data-ready=true]")


async def act_as(page: Any, member: Member) -> None:
    """Choose ``member`` in "Seen as"; the page reloads as them."""
    async with page.expect_navigation():
        await page.select_option("#who", str(member.id))
    await page.wait_for_selector("body[data-ready=true]")


async def open_channel(page: Any, name: str) -> None:
    link = page.locator(".channels a", has_text=re.compile(rf"^\W*{re.escape(name)}$"))
    async with page.expect_navigation():
        await link.click()
    await page.wait_for_selector("body[data-ready=true]")


async def choose(page: Any, placeholder: str, option: str) -> None:
    """Open the select menu showing ``placeholder`` and pick ``option``."""
    await page.locator("summary.dropdown-toggle", has_text=placeholder).click()
    await page.locator(".options button.option", has_text=option).click()


async def click_button(page: Any, label: str) -> None:
    await page.locator(f"{MESSAGES} button.btn", has_text=label).last.click()


async def fill_modal(page: Any, title: str, values: dict[str, str]) -> None:
    """Fill the open modal's fields, found by their labels, and submit it."""
    dialog = page.locator("dialog[data-modal][open]")
    await dialog.locator("h2", has_text=title).wait_for()
    for label, value in values.items():
        await dialog.get_by_label(label, exact=False).fill(value)
    await dialog.locator("[data-modal-submit]").click()
    await dialog.wait_for(state="detached")


async def run_command(page: Any, typed: str, options: dict[str, str]) -> None:
    """Type ``typed`` (``/ticket statut``) in the composer, pick it in the command list, fill
    ``options`` (by option name as shown; a select takes the choice's label) and run it."""
    box = page.locator("#composer-text")
    await box.fill(typed)
    await page.locator("[data-command-menu] .command", has_text=typed).first.click()
    form = page.locator("[data-command-form] [data-slash-form]")
    await form.wait_for()
    for name, value in options.items():
        field = form.locator(".slash-option", has=page.locator(".option-name", has_text=name))
        select = field.locator("select")
        if await select.count():
            await select.select_option(label=value)
        else:
            await field.locator("input:not([type=hidden])").fill(value)
    await form.locator("[data-slash-submit]").click()
    await form.wait_for(state="detached")


async def message_with(page: Any, text: str) -> Any:
    found = page.locator(f"{MESSAGES} .message", has_text=text).last
    await found.wait_for()
    return found
