"""A server's bundle is layered over its locale's bot bundle (bot/i18n/bundles.py): the same
translations as the copy it replaces, without a copy of the bot's messages per server."""

from __future__ import annotations

from bot.i18n import Catalog
from bot.i18n.bundles import ServerBundle

from .conftest import LOCALES, WriteTree

FILES = {
    "en-US/common.ftl": (
        "-brand = Guichet\n"
        "greet = Hello from { -brand }\n"
        "shared = the bot's text\n"
        "uses-server = Ask { server-only }\n"
        "server-only = (the bot has none)\n"
        "count = { $n ->\n    [one] one ticket\n   *[other] { $n } tickets\n}\n"
    ),
    "en-US/servers/shop.ftl": (
        "-brand = Shop\n"
        "shared = the shop's text\n"
        "server-only = the shop's desk\n"
        "brand = { -brand }\n"
    ),
    "en-US/servers/other.ftl": "panel = Other\n",
}


def test_server_entries_win_over_the_bots_even_inside_bot_messages(
    write_tree: WriteTree,
) -> None:
    catalog = Catalog.load(write_tree(FILES), strict=True)
    shop = {"server": "shop", "server_locale": "en-US"}
    assert catalog.translate("shared", "en-US", **shop) == "the shop's text"
    # A bot message formatted for the shop reads the shop's term and message, as the copy did.
    assert catalog.translate("greet", "en-US", **shop) == "Hello from Shop"
    assert catalog.translate("uses-server", "en-US", **shop) == "Ask the shop's desk"
    assert catalog.translate("brand", "en-US", **shop) == "Shop"
    assert catalog.translate("count", "en-US", n=2, **shop) == "2 tickets"
    # The same compiled bot message, formatted for another server or none, reads theirs.
    other = {"server": "other", "server_locale": "en-US"}
    assert catalog.translate("greet", "en-US", **other) == "Hello from Guichet"
    assert catalog.translate("greet", "en-US") == "Hello from Guichet"
    assert catalog.translate("uses-server", "en-US", **other) == "Ask (the bot has none)"
    assert catalog.has("brand", "en-US", "shop") and not catalog.has("brand", "en-US", "other")


def test_server_bundles_share_the_bot_bundle(write_tree: WriteTree) -> None:
    catalog = Catalog.load(write_tree(FILES), strict=True)
    for server in ("shop", "other"):
        catalog.translate("greet", "en-US", server=server, server_locale="en-US")
    bot = catalog._bundle("en-US", None)
    shop, other = catalog._bundle("en-US", "shop"), catalog._bundle("en-US", "other")
    assert isinstance(shop, ServerBundle) and isinstance(other, ServerBundle)
    assert shop._bot is bot and other._bot is bot
    # Only the server's own entries are held (and compiled) per server.
    assert set(shop._own_messages) == {"shared", "server-only", "brand"}
    assert set(other._own_messages) == {"panel"}
    assert "greet" in bot._compiled and "greet" not in shop._compiled


def test_every_shipped_message_formats_as_in_a_copied_bundle() -> None:
    """The example server's bundle against a FluentBundle holding copies, as before."""
    from fluent.runtime import FluentBundle

    catalog = Catalog.load(LOCALES, strict=True)
    for locale in catalog.locales:
        files = catalog._files[locale]
        copied = FluentBundle([locale], use_isolating=False)
        copied.add_resource(files.servers["example"].resource)
        for parsed in files.bot:
            copied.add_resource(parsed.resource)
        layered = catalog._bundle(locale, "example")
        assert set(layered._messages) == set(copied._messages)
        for msg_id in sorted(copied._messages):
            args = {"number": 7, "count": 2, "n": 3}
            want, got = copied.get_message(msg_id), layered.get_message(msg_id)
            if want.value is not None:
                assert layered.format_pattern(got.value, args) == copied.format_pattern(
                    want.value, args
                ), msg_id
            for name, pattern in want.attributes.items():
                assert layered.format_pattern(got.attributes[name], args) == (
                    copied.format_pattern(pattern, args)
                ), f"{msg_id}.{name}"
