from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config.specs import PanelKind, PanelSpec, ServerSpec, Style, SystemSpec, TopicSpec
from bot.domain.custom_ids import Action, decode
from bot.reconcile import panels
from bot.reconcile.panels import (
    ELLIPSIS,
    Emoji,
    Field,
    PanelMessage,
    canonical_hash,
    render_panel,
)

from .fixtures import ACME, BISTRO


def dict_translate(texts: dict[str, str]):
    """A dict-backed translate with Catalog.translate's signature; unknown ids fail loudly."""

    def translate(msg_id, locale, *, server=None, server_locale=None, **args):
        return texts[msg_id]

    return translate


def one_system_server(n_topics: int, kind: PanelKind, **texts: str) -> tuple[ServerSpec, PanelSpec]:
    topics = tuple(
        TopicSpec(f"t{i}", f"label-{i}", f"desc-{i}", emoji="⭐") for i in range(n_topics)
    )
    system = SystemSpec(id="sys", style=Style.THREAD, channel=1, topics=topics)
    panel = PanelSpec("p", 10, "sys", "title", "text", kind=kind, placeholder="ph")
    server = ServerSpec("s", Path("s.yaml"), 1, "en-US", (system,), (panel,))
    return server, panel


def generic_texts(n: int, **overrides: str) -> dict[str, str]:
    texts = {"title": "Title", "text": "Text", "ph": "Pick"}
    for i in range(n):
        texts[f"label-{i}"] = f"Label {i}"
        texts[f"desc-{i}"] = f"Description {i}"
    texts.update(overrides)
    return texts


def test_buttons_render_in_server_locale_with_stable_custom_ids(translate):
    message = render_panel(ACME, ACME.panels[0], translate)
    assert message.locale == "en-US"
    assert message.embed.title == "Need help?"
    assert message.embed.colour == 0x3366FF
    assert message.select is None
    assert [b.label for b in message.buttons] == ["Billing", "Technical problem", "Something else"]
    parsed = decode(message.buttons[0].custom_id)
    assert parsed is not None
    assert (parsed.action, parsed.parts) == (Action.OPEN, ("support", "billing"))
    assert message.buttons[0].emoji == Emoji("💳")
    assert message.buttons[1].emoji == Emoji("gear", 123456789012345678)
    assert message.buttons[2].emoji is None


def test_french_server_renders_french(translate):
    message = render_panel(BISTRO, BISTRO.panels[0], translate)
    assert message.embed.title == "Bienvenue au comptoir"
    assert message.locale == "fr"


def test_select_menu_uses_pick_custom_id_and_topic_values(translate):
    message = render_panel(ACME, ACME.panels[1], translate)
    assert message.rows == ()
    assert message.select is not None
    parsed = decode(message.select.custom_id)
    assert parsed is not None
    assert (parsed.action, parsed.parts) == (Action.PICK, ("support",))
    assert message.select.placeholder == "What is it about?"
    assert [o.value for o in message.select.options] == ["billing", "tech", "other"]
    assert message.select.options[0].description == "Invoices, refunds and payment methods"
    assert message.select.options[2].description is None


def test_panel_topics_filter_keeps_only_listed_topics(translate):
    message = render_panel(ACME, ACME.panels[2], translate)
    assert [b.topic for b in message.buttons] == ["tech"]


@pytest.mark.parametrize(
    ("count", "sizes"), [(5, [5]), (6, [5, 1]), (25, [5] * 5), (11, [5, 5, 1])]
)
def test_buttons_are_laid_out_five_per_row(count, sizes):
    server, panel = one_system_server(count, PanelKind.BUTTONS)
    message = render_panel(server, panel, dict_translate(generic_texts(count)))
    assert [len(row) for row in message.rows] == sizes
    assert message.truncations == ()


def test_more_than_25_buttons_are_cut_and_reported():
    server, panel = one_system_server(27, PanelKind.BUTTONS)
    message = render_panel(server, panel, dict_translate(generic_texts(27)))
    assert len(message.buttons) == 25
    assert len(message.rows) == 5
    assert message.buttons[-1].topic == "t24"
    assert panels.Truncation(Field.BUTTONS, 27, 25) in message.truncations


def test_more_than_25_options_are_cut_and_reported():
    server, panel = one_system_server(30, PanelKind.SELECT)
    message = render_panel(server, panel, dict_translate(generic_texts(30)))
    assert message.select is not None
    assert len(message.select.options) == 25
    assert message.truncations == (panels.Truncation(Field.OPTIONS, 30, 25),)


def test_long_texts_are_truncated_with_ellipsis_and_reported():
    texts = generic_texts(
        1,
        title="T" * 300,
        text="D" * 5000,
        **{"label-0": "L" * 81},
    )
    server, panel = one_system_server(1, PanelKind.BUTTONS)
    message = render_panel(server, panel, dict_translate(texts))
    assert len(message.embed.title) == 256
    assert message.embed.title.endswith(ELLIPSIS)
    assert message.embed.title[:-1] == "T" * 255
    assert len(message.embed.description) == 4096
    assert len(message.buttons[0].label) == 80
    assert {(t.field, t.length, t.limit, t.topic) for t in message.truncations} == {
        (Field.EMBED_TITLE, 300, 256, None),
        (Field.EMBED_DESCRIPTION, 5000, 4096, None),
        (Field.BUTTON_LABEL, 81, 80, "t0"),
    }


def test_texts_at_the_limit_are_kept_whole():
    texts = generic_texts(1, title="T" * 256, **{"label-0": "L" * 80})
    server, panel = one_system_server(1, PanelKind.BUTTONS)
    message = render_panel(server, panel, dict_translate(texts))
    assert message.embed.title == "T" * 256
    assert message.buttons[0].label == "L" * 80
    assert message.truncations == ()


def test_select_option_texts_are_cut_at_100():
    texts = generic_texts(1, **{"label-0": "x" * 101, "desc-0": "y" * 150})
    server, panel = one_system_server(1, PanelKind.SELECT)
    message = render_panel(server, panel, dict_translate(texts))
    assert message.select is not None
    option = message.select.options[0]
    assert (len(option.label), len(option.description or "")) == (100, 100)
    assert {t.field for t in message.truncations} == {Field.OPTION_LABEL, Field.OPTION_DESCRIPTION}


def test_payload_is_what_discord_expects(translate):
    payload = render_panel(ACME, ACME.panels[0], translate).to_discord_payload()
    embed = payload["embeds"][0]
    assert embed == {
        "title": "Need help?",
        "description": "Pick the topic that fits best and we will open a private ticket.",
        "color": 0x3366FF,
    }
    (row,) = payload["components"]
    assert row["type"] == 1
    assert [c["type"] for c in row["components"]] == [2, 2, 2]
    assert row["components"][1]["emoji"] == {
        "id": "123456789012345678",
        "name": "gear",
        "animated": False,
    }
    select = render_panel(ACME, ACME.panels[1], translate).to_discord_payload()["components"]
    assert select[0]["components"][0]["type"] == 3
    assert select[0]["components"][0]["options"][0] == {
        "label": "Billing",
        "value": "billing",
        "description": "Invoices, refunds and payment methods",
        "emoji": {"name": "💳"},
    }


def test_content_hash_is_stable_for_the_same_input(translate, catalog):
    first = render_panel(ACME, ACME.panels[0], translate)
    second = render_panel(ACME, ACME.panels[0], catalog.translate)
    assert first == second
    assert first.content_hash == second.content_hash
    assert len(first.content_hash) == 64


def test_content_hash_is_sha256_of_canonical_json(translate):
    message = render_panel(ACME, ACME.panels[0], translate)
    canonical = json.dumps(
        {"format": panels.RENDER_FORMAT, "payload": message.to_discord_payload()},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    assert message.content_hash == hashlib.sha256(canonical.encode()).hexdigest()
    # Key order never matters.
    assert canonical_hash({"b": 1, "a": [1, "é"]}) == canonical_hash({"a": [1, "é"], "b": 1})


def test_content_hash_changes_with_label_colour_order_and_format(translate, monkeypatch):
    base = render_panel(ACME, ACME.panels[0], translate)
    relabelled = replace(
        base, rows=((replace(base.rows[0][0], label="Invoices"), *base.rows[0][1:]),)
    )
    recoloured = replace(base, embed=replace(base.embed, colour=0x000000))
    reordered = replace(base, rows=(tuple(reversed(base.rows[0])),))
    hashes = {m.content_hash for m in (base, relabelled, recoloured, reordered)}
    assert len(hashes) == 4
    # A new render format changes every hash, so a rendering change edits every panel once.
    monkeypatch.setattr(panels, "RENDER_FORMAT", panels.RENDER_FORMAT + 1)
    assert render_panel(ACME, ACME.panels[0], translate).content_hash not in hashes


def test_truncation_notes_and_locale_do_not_change_the_hash(translate):
    base = render_panel(ACME, ACME.panels[0], translate)
    noted = replace(base, locale="fr", truncations=(panels.Truncation(Field.EMBED_TITLE, 1, 1),))
    assert noted.content_hash == base.content_hash


def test_custom_emoji_parsing():
    assert Emoji.parse("<a:party:42>") == Emoji("party", 42, animated=True)
    assert str(Emoji.parse("<a:party:42>")) == "<a:party:42>"
    assert Emoji.parse("🎫") == Emoji("🎫")


def test_empty_select_panel_has_no_components():
    server, panel = one_system_server(0, PanelKind.SELECT)
    message = render_panel(server, panel, dict_translate(generic_texts(0)))
    assert message.to_discord_payload()["components"] == []
    assert isinstance(message, PanelMessage)


@pytest.mark.parametrize("index", [0, 1, 2])
def test_stored_payload_reads_back_into_the_same_panel(translate, index):
    """What apply stores beside the record rebuilds the panel (and so diffs field by field)."""
    message = render_panel(ACME, ACME.panels[index], translate)
    again = PanelMessage.from_discord_payload(json.loads(message.to_json()))
    assert again.to_discord_payload() == message.to_discord_payload()
    assert again.content_hash == message.content_hash
    assert [b.topic for b in again.buttons] == [b.topic for b in message.buttons]
