"""Immutable typed specs built from a validated server file.

Nothing downstream of ``bot.config`` reads raw YAML dicts: the loader turns a
validated document into these frozen dataclasses. Every text field holds a
Fluent message id (resolved per locale by ``bot.i18n``), never literal text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from bot.config.resource_specs import Ref, Resources
from bot.domain.working_hours import WorkingHours

# A Discord id, or a declared resource's key until the spec is bound (bot.config.binding).
Id = int | Ref


class Style(StrEnum):
    """Where a ticket lives."""

    CHANNEL = "channel"  # a text channel in ``SystemSpec.category``
    THREAD = "thread"  # a private thread in ``SystemSpec.channel``


class Approval(StrEnum):
    AUTOMATIC = "automatic"
    MANUAL = "manual"  # requests wait in ``SystemSpec.reception`` for accept/refuse


class OnClose(StrEnum):
    KEEP = "keep"  # locked, reopenable
    DELETE = "delete"
    DELETE_IF_ADMIN = "delete-if-admin"  # deleted when staff closes, kept when the opener does


class OnLeave(StrEnum):
    """What an opener's leaving the server does to their open tickets."""

    CLOSE = "close"
    NOTIFY = "notify"  # staff are told in the ticket and the log channel
    IGNORE = "ignore"


class PanelKind(StrEnum):
    BUTTONS = "buttons"
    SELECT = "select"


class ButtonColour(StrEnum):
    """A topic's button on buttons panels (Discord's styles 1 to 4)."""

    PRIMARY = "primary"
    SECONDARY = "secondary"
    SUCCESS = "success"
    DANGER = "danger"


class QuestionStyle(StrEnum):
    SHORT = "short"
    PARAGRAPH = "paragraph"


# Placeholders a ``channel_name`` template may use.
NAME_PLACEHOLDERS: frozenset[str] = frozenset({"number", "member", "topic"})


@dataclass(frozen=True, slots=True)
class QuestionSpec:
    id: str
    label: str  # Fluent id
    style: QuestionStyle = QuestionStyle.SHORT
    required: bool = True
    min_length: int | None = None
    max_length: int | None = None
    placeholder: str | None = None  # Fluent id


@dataclass(frozen=True, slots=True)
class TopicSpec:
    id: str
    label: str  # Fluent id
    description: str | None = None  # Fluent id
    emoji: str | None = None  # unicode emoji or "<:name:id>" custom emoji
    welcome: str | None = None  # Fluent id
    questions: tuple[QuestionSpec, ...] = ()
    button_style: ButtonColour = ButtonColour.PRIMARY


@dataclass(frozen=True, slots=True)
class AutoCloseSpec:
    """Close a ticket nobody answered: warn after ``after_seconds``, close ``warning_seconds``
    later unless a message came (the opener's only, unless ``anyone_counts``)."""

    after_seconds: int
    warning_seconds: int = 86400
    anyone_counts: bool = False
    exclude_on_hold: bool = True


@dataclass(frozen=True, slots=True)
class CloseSummarySpec:
    """On close, the opener is sent a summary by DM (in the kept ticket when DMs are closed),
    with the transcript attached (``transcript``) and a 1-5 rating (``feedback``)."""

    transcript: bool = False
    feedback: bool = False


@dataclass(frozen=True, slots=True)
class SystemSpec:
    id: str
    style: Style
    topics: tuple[TopicSpec, ...]
    category: Id | None = None  # channel style: parent category
    overflow_categories: tuple[Id, ...] = ()  # used in order once `category` is full
    max_open_tickets: int | None = None  # open tickets of the system, all members; None: no cap
    channel: Id | None = None  # thread style: parent text channel
    approval: Approval = Approval.AUTOMATIC
    reception: Id | None = None
    handlers: tuple[Id, ...] = ()  # role ids; empty means the server's staff roles
    open_roles: tuple[Id, ...] = ()  # only these roles may open; empty: everyone
    blocked_roles: tuple[Id, ...] = ()  # these roles may not open (wins over open_roles)
    mention_handlers: bool = False
    require_reason: bool = False  # closing asks for a reason
    require_open_reason: bool = False  # opening asks for a reason (every opening path)
    max_open_per_member: int = 3
    cooldown_seconds: int = 0
    channel_name: str = "ticket-{number}"
    on_close: OnClose = OnClose.KEEP
    transcripts: bool = True
    keep_attachments_kib: int = 2048  # attachments up to this are kept in the transcript
    claim_hides: bool = False
    enabled: bool = True  # a disabled system refuses new tickets with a clear message
    auto_close: AutoCloseSpec | None = None
    on_leave: OnLeave = OnLeave.IGNORE  # the opener left the server
    on_hold_reminder_seconds: int | None = None  # on hold this long: the opener is reminded
    working_hours: WorkingHours | None = None  # None: always open
    close_summary: CloseSummarySpec | None = None  # None: the opener gets no summary

    def topic(self, topic_id: str) -> TopicSpec | None:
        return next((t for t in self.topics if t.id == topic_id), None)


@dataclass(frozen=True, slots=True)
class PanelSpec:
    id: str
    channel: Id
    system: str
    title: str  # Fluent id
    text: str  # Fluent id
    kind: PanelKind = PanelKind.BUTTONS
    topics: tuple[str, ...] = ()  # empty means every topic of the system, in order
    color: int | None = None  # 0xRRGGBB
    image: str | None = None  # https URL
    placeholder: str | None = None  # Fluent id, select menus only


@dataclass(frozen=True, slots=True)
class TagSpec:
    """A canned reply (``/ticket tag``): texts are Fluent ids of the server's .ftl files."""

    id: str
    text: str  # posted in the ticket, in the opener's locale
    label: str | None = None  # shown to staff in suggestions; None: the id


@dataclass(frozen=True, slots=True)
class ServerSpec:
    name: str  # file stem, e.g. "example" for servers/example.yaml; names its .ftl files
    source: Path
    guild: int
    locale: str  # default locale for public texts (panels, logs, reception, transcripts)
    systems: tuple[SystemSpec, ...]
    panels: tuple[PanelSpec, ...] = ()
    staff_roles: tuple[Id, ...] = ()
    log_channel: Id | None = None
    transcript_channel: Id | None = None
    resources: Resources = field(default_factory=Resources)
    tags: tuple[TagSpec, ...] = ()
    max_open_tickets: int | None = None  # open tickets in the server; None: no cap
    # The spec as written, with its references, once bound (bot.config.binding).
    unbound: ServerSpec | None = field(default=None, compare=False, repr=False)

    def system(self, system_id: str) -> SystemSpec | None:
        return next((s for s in self.systems if s.id == system_id), None)

    def panel(self, panel_id: str) -> PanelSpec | None:
        return next((p for p in self.panels if p.id == panel_id), None)

    def tag(self, tag_id: str) -> TagSpec | None:
        return next((t for t in self.tags if t.id == tag_id), None)

    def handler_roles(self, system: SystemSpec) -> tuple[Id, ...]:
        """Roles that handle tickets of ``system``: its own handlers, else the staff roles."""
        return system.handlers or self.staff_roles

    def panel_topics(self, panel: PanelSpec) -> tuple[TopicSpec, ...]:
        system = self.system(panel.system)
        if system is None:
            return ()
        if not panel.topics:
            return system.topics
        return tuple(t for t in (system.topic(i) for i in panel.topics) if t is not None)
