"""Catalog loading, diagnostics, negotiation, fallback and formatting."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from bot.i18n import Catalog, CatalogError, MessageFormatError, MissingMessageError, format_datetime

from .conftest import WriteTree

BASIC = {
    "en-US/common.ftl": (
        "hello = Hello\n"
        "only-en = English only\n"
        "ticket = Ticket #{ NUMBER($number, useGrouping: 0) }\n"
        "plain = { $number }\n"
        "greet = Hi { $name }\n"
        "items = { $count ->\n    [one] one item\n   *[other] { $count } items\n}\n"
        "button =\n    .label = Press\n"
    ),
    "en-US/more.ftl": "second-file = From another file\n",
    "fr/common.ftl": (
        "hello = Bonjour\n"
        "ticket = Ticket nº { NUMBER($number, useGrouping: 0) }\n"
        "plain = { $number }\n"
        "greet = Salut { $name }\n"
        "items = { $count ->\n    [one] { $count } élément\n   *[other] { $count } éléments\n}\n"
        "button =\n    .label = Appuyer\n"
    ),
    "fr/servers/demo.ftl": "panel-title = Support (serveur)\nhello = Bienvenue sur Demo\n",
    "en-US/servers/demo.ftl": "panel-title = Support (server)\n",
}


@pytest.fixture
def tree(write_tree: WriteTree) -> Catalog:
    return Catalog.load(write_tree(BASIC), strict=True)


# --- loading -------------------------------------------------------------------------------


def test_locales_and_message_ids(tree: Catalog) -> None:
    assert tree.locales == ("en-US", "fr")
    assert tree.message_ids("fr") == {"hello", "ticket", "plain", "greet", "items", "button"}
    assert "second-file" in tree.message_ids("en-US")
    assert tree.message_ids("fr", "demo") == {"panel-title", "hello"}
    assert tree.message_ids("en-US", "nope") == frozenset()
    assert tree.servers("fr") == {"demo"}


def test_syntax_error_fails_with_file_line_and_column(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "en-US/common.ftl": "ok = fine\nbroken { oops\nafter = still here\n",
            "fr/servers/demo.ftl": "a = A\n\nb = { $x\n",
        }
    )
    with pytest.raises(CatalogError) as caught:
        Catalog.load(root)
    errors = {(e.path.relative_to(root).as_posix(), e.line) for e in caught.value.errors}
    # the unclosed placeable is noticed at the end of the file, and says where it began
    assert errors == {("en-US/common.ftl", 2), ("fr/servers/demo.ftl", 4)}
    first = next(e for e in caught.value.errors if e.path.name == "common.ftl")
    assert first.column == 8  # where "=" was expected
    assert "common.ftl:2:8: E0003" in str(caught.value)
    second = next(e for e in caught.value.errors if e.path.name == "demo.ftl")
    assert second.entry_line == 3
    assert "entry starting at line 3" in str(second)


def test_duplicate_ids_across_files_are_refused(write_tree: WriteTree) -> None:
    root = write_tree({"en-US/a.ftl": "x = 1\n", "en-US/b.ftl": "y = 2\n\nx = 3\n"})
    with pytest.raises(CatalogError) as caught:
        Catalog.load(root)
    (error,) = caught.value.errors
    assert (error.path.name, error.line) == ("b.ftl", 3)
    assert "duplicate id 'x'" in error.message


def test_a_server_may_reuse_a_bot_id(tree: Catalog) -> None:
    assert tree.translate("hello", "fr", server="demo") == "Bienvenue sur Demo"


def test_unknown_locale_folder_and_missing_default_are_reported(write_tree: WriteTree) -> None:
    root = write_tree({"fr/common.ftl": "a = A\n", "klingon-xx/common.ftl": "a = A\n"})
    with pytest.raises(CatalogError) as caught:
        Catalog.load(root)
    messages = " | ".join(e.message for e in caught.value.errors)
    assert "'klingon-xx' is not a locale" in messages
    assert "en-US is missing" in messages


def test_missing_root_is_a_catalog_error(tmp_path) -> None:
    with pytest.raises(CatalogError, match="not found"):
        Catalog.load(tmp_path / "absent")


# --- negotiation and fallback ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("requested", "expected"),
    [
        ("fr", "fr"),
        ("fr-FR", "fr"),
        ("fr-CA", "fr"),
        ("en-US", "en-US"),
        ("en-us", "en-US"),
        ("en-GB", "en-US"),
        ("en", "en-US"),
        ("pt-BR", None),
        ("ja", None),
        ("", None),
        (None, None),
    ],
)
def test_negotiate(tree: Catalog, requested: str | None, expected: str | None) -> None:
    assert tree.negotiate(requested) == expected


def test_fallback_chain(tree: Catalog) -> None:
    assert tree.fallback_chain("fr") == ("fr", "en-US")
    assert tree.fallback_chain("pt-BR", "fr") == ("fr", "en-US")
    assert tree.fallback_chain("en-GB", "fr") == ("en-US", "fr")
    assert tree.fallback_chain(None, None) == ("en-US",)


def test_unshipped_locale_falls_back_to_the_server_default_then_english(tree: Catalog) -> None:
    assert tree.translate("hello", "pt-BR", server_locale="fr") == "Bonjour"
    assert tree.translate("hello", "pt-BR") == "Hello"
    assert tree.translate("only-en", "fr") == "English only"
    assert tree.translate("second-file", "fr") == "From another file"


def test_server_messages_first_then_the_bots(tree: Catalog) -> None:
    assert tree.translate("panel-title", "fr", server="demo") == "Support (serveur)"
    assert tree.translate("panel-title", "en-GB", server="demo") == "Support (server)"
    assert tree.translate("greet", "fr", server="demo", name="Ana") == "Salut Ana"
    with pytest.raises(MissingMessageError):
        tree.translate("panel-title", "fr")  # not a bot message


def test_attributes(tree: Catalog) -> None:
    assert tree.translate("button.label", "fr") == "Appuyer"
    assert tree.has("button.label", "en-US")
    assert not tree.has("button", "en-US")  # no value, only an attribute
    assert not tree.has("button.nope", "en-US")


def test_has_is_exact(tree: Catalog) -> None:
    assert tree.has("hello", "fr")
    assert not tree.has("only-en", "fr")
    assert not tree.has("hello", "pt-BR")
    assert tree.has("panel-title", "fr", "demo")
    assert not tree.has("panel-title", "fr")


# --- strictness ----------------------------------------------------------------------------


def test_strict_missing_message_raises(tree: Catalog) -> None:
    with pytest.raises(MissingMessageError) as caught:
        tree.translate("no-such-id", "fr", server_locale="fr")
    assert caught.value.chain == ("fr", "en-US")


def test_lenient_missing_message_logs_and_returns_the_id(
    write_tree: WriteTree, caplog: pytest.LogCaptureFixture
) -> None:
    lenient = Catalog.load(write_tree(BASIC), strict=False)
    with caplog.at_level(logging.WARNING, logger="bot.i18n.catalog"):
        assert lenient.translate("no-such-id", "fr") == "no-such-id"
    assert "no-such-id" in caplog.text


def test_formatting_errors_raise_when_strict_and_log_otherwise(
    write_tree: WriteTree, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_tree(BASIC)
    with pytest.raises(MessageFormatError, match="name"):
        Catalog.load(root, strict=True).translate("greet", "fr")
    with caplog.at_level(logging.WARNING, logger="bot.i18n.catalog"):
        text = Catalog.load(root).translate("greet", "fr")
    assert text.startswith("Salut")
    assert "greet" in caplog.text


# --- formatting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "ungrouped", "grouped"),
    [("en-US", "Ticket #12345", "12,345"), ("fr", "Ticket nº 12345", "12\u202f345")],
)
def test_ticket_numbers_are_not_grouped(
    tree: Catalog, locale: str, ungrouped: str, grouped: str
) -> None:
    assert tree.translate("ticket", locale, number=12345) == ungrouped
    # without the option Babel groups digits, so the option is what makes the difference
    assert tree.translate("plain", locale, number=12345) == grouped


@pytest.mark.parametrize("locale", ["en-US", "fr"])
@pytest.mark.parametrize("msg_id", ["ticket-label", "error-unknown-ticket"])
def test_shipped_ticket_messages_do_not_group_numbers(
    catalog: Catalog, locale: str, msg_id: str
) -> None:
    assert "12345" in catalog.translate(msg_id, locale, number=12345)


def test_no_unicode_isolation_marks(tree: Catalog) -> None:
    text = tree.translate("greet", "fr", name="Ana")
    assert text == "Salut Ana"
    assert "\u2068" not in text
    assert "\u2069" not in text


@pytest.mark.parametrize(
    ("locale", "count", "expected"),
    [
        ("en-US", 0, "0 items"),
        ("en-US", 1, "one item"),
        ("en-US", 2, "2 items"),
        ("fr", 0, "0 élément"),  # French: 0 and 1 are singular
        ("fr", 1, "1 élément"),
        ("fr", 2, "2 éléments"),
    ],
)
def test_plurals(tree: Catalog, locale: str, count: int, expected: str) -> None:
    assert tree.translate("items", locale, count=count) == expected


def test_format_datetime_follows_the_locale() -> None:
    moment = datetime(2025, 3, 4, 15, 30, tzinfo=UTC)
    us, gb, fr = (format_datetime(moment, loc, format="short") for loc in ("en-US", "en-GB", "fr"))
    assert us.startswith("3/4/25")
    assert gb.startswith("04/03/2025")
    assert fr.startswith("04/03/2025")
    assert "15:30" in fr
    assert format_datetime(moment, "xx-unknown", format="short") == us
    assert format_datetime(moment.replace(tzinfo=None), "en-US", format="short") == us


def test_a_bot_file_changed_between_two_loads_is_checked_again(write_tree: WriteTree) -> None:
    """What the bot's files hold is checked once while they are unchanged (validate loads the
    catalog twice, a reload again): an edit in between is seen by the next load."""
    root = write_tree({"en-US/common.ftl": "a = { b }\nb = B\n", "en-US/servers/s.ftl": "x = X\n"})
    first = Catalog.load(root)
    assert Catalog.load(root, server_texts=root).message_ids("en-US") == first.message_ids("en-US")
    (root / "en-US" / "common.ftl").write_text("a = { b }\nb = { a }\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        Catalog.load(root, server_texts=root)
    assert {e.msg_id for e in caught.value.errors} == {"ftl-limit-reference-cycle"}
    (root / "en-US" / "common.ftl").write_text("a = { b }\nb = B\n", encoding="utf-8")
    assert Catalog.load(root).message_ids("en-US") == {"a", "b"}
