"""Bind a server spec: every :class:`Ref` to a declared resource becomes its Discord id.

The ids of declared resources are known once the reconciler has created or adopted them (the
store's records); until then a reference stays unresolved, and binding leaves it out (an
optional field empty, a role dropped from a list, a panel whose channel does not exist yet
not planned), so nothing downstream ever sees a key where it expects an id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from bot.config.resource_specs import Ref
from bot.config.specs import Id, PanelSpec, ServerSpec, SystemSpec


def _one(value: Id | None, ids: Mapping[str, int]) -> int | None:
    if isinstance(value, Ref):
        return ids.get(value.key)
    return value


def _many(values: tuple[Id, ...], ids: Mapping[str, int]) -> tuple[int, ...]:
    return tuple(found for v in values if (found := _one(v, ids)) is not None)


def refs(spec: ServerSpec) -> set[str]:
    """The keys ``spec`` names where an id is expected."""
    values: list[Id | None] = [*spec.staff_roles, spec.log_channel, spec.transcript_channel]
    for system in spec.systems:
        values += [system.category, system.channel, system.reception, *system.handlers]
        values += [*system.open_roles, *system.blocked_roles, *system.overflow_categories]
    values += [p.channel for p in spec.panels]
    return {v.key for v in values if isinstance(v, Ref)}


def unresolved(spec: ServerSpec, ids: Mapping[str, int]) -> set[str]:
    return {key for key in refs(spec) if key not in ids}


def bind_server(spec: ServerSpec, ids: Mapping[str, int]) -> ServerSpec:
    """``spec`` with ``ids`` (declared key → Discord id) put in place of its references;
    a bound spec is bound again from the file's version it keeps."""
    spec = spec.unbound or spec
    if not refs(spec):
        return spec

    def system(s: SystemSpec) -> SystemSpec:
        return replace(
            s,
            category=_one(s.category, ids),
            channel=_one(s.channel, ids),
            reception=_one(s.reception, ids),
            handlers=_many(s.handlers, ids),
            overflow_categories=_many(s.overflow_categories, ids),
            open_roles=_many(s.open_roles, ids),
            blocked_roles=_many(s.blocked_roles, ids),
        )

    def panels() -> tuple[PanelSpec, ...]:
        out = []
        for panel in spec.panels:
            channel = _one(panel.channel, ids)
            if channel is not None:
                out.append(replace(panel, channel=channel))
        return tuple(out)

    return replace(
        spec,
        staff_roles=_many(spec.staff_roles, ids),
        log_channel=_one(spec.log_channel, ids),
        transcript_channel=_one(spec.transcript_channel, ids),
        systems=tuple(system(s) for s in spec.systems),
        panels=panels(),
        unbound=spec,
    )
