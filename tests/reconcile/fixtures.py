"""A fixed set of server specs, server texts and records shared by the reconcile tests."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from bot.config.specs import (
    PanelKind,
    PanelSpec,
    ServerSpec,
    Style,
    SystemSpec,
    TopicSpec,
)
from bot.domain.records import PanelRecord
from bot.i18n import Catalog
from bot.reconcile.desired import desired_panels
from bot.reconcile.panels import PanelMessage, Translate, render_panel
from bot.reconcile.plan import DesiredPanel

LOCALES = Path(__file__).resolve().parents[2] / "locales"

ACME_EN = f"""\
support-title = Need help?
support-text = Pick the topic that fits best and we will open a private ticket.
support-title-old = Help desk
faq-title = Questions
faq-text = Choose a topic below.
faq-placeholder = What is it about?
new-title = Technical help
new-text = Something broken? Open a ticket.
topic-billing = Billing
topic-billing-desc = Invoices, refunds and payment methods
topic-tech = Technical problem
topic-other = Something else
long-title = {"A title far too long for Discord, " * 9}
long-text = Short text.
faq-placeholder-old = Pick one
topic-billing-desc-old = Invoices
"""

BISTRO_FR = """\
accueil-title = Bienvenue au comptoir
accueil-text = Choisissez un sujet pour ouvrir un ticket.
menu-title = Réservations
menu-text = Dites-nous ce qu’il vous faut.
topic-table = Réserver une table
topic-table-desc = Jusqu’à 12 personnes
topic-event = Privatiser la salle
"""

# Texts in the other locale, so each server file is complete in both.
ACME_FR = ACME_EN.replace("Need help?", "Besoin d’aide ?")
BISTRO_EN = BISTRO_FR.replace("Bienvenue au comptoir", "Welcome to the counter")


def make_catalog(root: Path) -> Catalog:
    """A strict Catalog over this area's plan.ftl plus the fixture servers' texts."""
    texts = {
        "en-US": {"acme": ACME_EN, "bistro": BISTRO_EN},
        "fr": {"acme": ACME_FR, "bistro": BISTRO_FR},
    }
    for locale, servers in texts.items():
        (root / locale / "servers").mkdir(parents=True)
        for name in ("plan.ftl", "gitops.ftl"):
            shutil.copy(LOCALES / locale / name, root / locale / name)
        for name, text in servers.items():
            (root / locale / "servers" / f"{name}.ftl").write_text(text, encoding="utf-8")
    return Catalog.load(root, strict=True)


SUPPORT = SystemSpec(
    id="support",
    style=Style.CHANNEL,
    category=9001,
    topics=(
        TopicSpec("billing", "topic-billing", "topic-billing-desc", emoji="💳"),
        TopicSpec("tech", "topic-tech", emoji="<:gear:123456789012345678>"),
        TopicSpec("other", "topic-other"),
    ),
)

ACME = ServerSpec(
    name="acme",
    source=Path("servers/acme.yaml"),
    guild=1001,
    locale="en-US",
    systems=(SUPPORT,),
    panels=(
        PanelSpec("main", 2001, "support", "support-title", "support-text", color=0x3366FF),
        PanelSpec(
            "faq",
            2002,
            "support",
            "faq-title",
            "faq-text",
            kind=PanelKind.SELECT,
            placeholder="faq-placeholder",
        ),
        PanelSpec("new-one", 2003, "support", "new-title", "new-text", topics=("tech",)),
        PanelSpec("long", 2004, "support", "long-title", "long-text", topics=("other", "billing")),
    ),
)

AIDE = SystemSpec(
    id="aide",
    style=Style.THREAD,
    channel=9002,
    topics=(
        TopicSpec("table", "topic-table", "topic-table-desc", emoji="🍽️"),
        TopicSpec("event", "topic-event"),
    ),
)

BISTRO = ServerSpec(
    name="bistro",
    source=Path("servers/bistro.yaml"),
    guild=1002,
    locale="fr",
    systems=(AIDE,),
    panels=(
        PanelSpec("accueil", 3001, "aide", "accueil-title", "accueil-text"),
        PanelSpec("menu", 3002, "aide", "menu-title", "menu-text", kind=PanelKind.SELECT),
    ),
)

SERVERS = (ACME, BISTRO)

# What the previous configuration looked like (a PR's base branch): faq had another title,
# colour, placeholder and billing description, and no "other" topic.
ACME_BEFORE = replace(
    ACME,
    systems=(
        replace(
            SUPPORT,
            topics=(
                replace(SUPPORT.topics[0], description="topic-billing-desc-old"),
                *SUPPORT.topics[1:],
            ),
        ),
    ),
    panels=(
        ACME.panels[0],
        replace(
            ACME.panels[1],
            title="support-title-old",
            placeholder="faq-placeholder-old",
            topics=("billing", "tech"),
            color=0x112233,
        ),
        *ACME.panels[2:],
    ),
)


def desired(translate: Translate) -> dict[tuple[int, str], DesiredPanel]:
    return {(d.guild_id, d.panel_id): d for d in desired_panels(SERVERS, translate)}


def previous(translate: Translate) -> dict[tuple[int, str], PanelMessage]:
    return {(ACME.guild, p.id): render_panel(ACME_BEFORE, p, translate) for p in ACME_BEFORE.panels}


def records(translate: Translate) -> list[PanelRecord]:
    """The store before the plan: one of each case (see test_golden)."""
    want = desired(translate)
    old_faq = previous(translate)[(1001, "faq")]
    return [
        PanelRecord(1001, "main", 2001, 5001, want[(1001, "main")].message.content_hash),
        PanelRecord(1001, "faq", 2002, 5002, old_faq.content_hash),
        PanelRecord(1001, "legacy", 2001, 5003, "0" * 64),
        PanelRecord(1002, "accueil", 3000, 6001, want[(1002, "accueil")].message.content_hash),
        PanelRecord(1002, "menu", 3002, 6002, want[(1002, "menu")].message.content_hash),
    ]


MISSING = frozenset({6002})  # bistro's menu message was deleted by hand
