"""``load_servers``: files → diagnostics and, for files without errors, typed specs."""

from __future__ import annotations

import multiprocessing
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

from bot.config import schema_check, semantic, yaml_fast, yaml_limits
from bot.config.build import build_server
from bot.config.diagnostics import ERROR, WARNING, Diagnostic
from bot.config.semantic import MessageCatalog
from bot.config.specs import ServerSpec
from bot.config.yaml_loader import new_yaml, parse
from bot.i18n import message_id

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class LoadResult:
    servers: tuple[ServerSpec, ...]
    errors: tuple[Diagnostic, ...]
    warnings: tuple[Diagnostic, ...]
    # The guild each readable file names, valid or not: whose problems a file's are
    # (``/guichet reload`` shows a server's admins their own files only).
    file_guilds: Mapping[Path, int] = field(default_factory=dict)
    # The files without errors (``servers``' sources), also when their specs were not kept.
    valid_files: tuple[Path, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(slots=True)
class _File:
    """One file's outcome: small enough to come back from a worker process (no document)."""

    path: Path
    diagnostics: list[Diagnostic]
    guild: int | None = None  # the guild it names, valid or not
    # Where its ``guild:`` value is; None when read without positions (looked up if needed).
    guild_at: tuple[int, int] | None = (0, 0)
    spec: ServerSpec | None = None  # built when the file alone has no error

    @property
    def failed(self) -> bool:
        return any(d.severity == ERROR for d in self.diagnostics)


def server_files(paths: Iterable[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Expand directories to their ``*.yaml``/``*.yml`` files (sorted, not recursive)."""
    files: list[Path] = []
    problems: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file())
            if not found:
                empty = message_id("config-no-server-files")
                problems.append(Diagnostic.at(path, (0, 0), "", empty, severity=WARNING))
            files += found
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Diagnostic.at(path, (0, 0), "", message_id("config-no-such-path")))
    return files, problems


def load_servers(
    paths: Sequence[Path],
    catalog: MessageCatalog | None,
    *,
    workers: int = 1,
    fast: bool = True,
    specs: bool = True,
) -> LoadResult:
    """Validate server files (or directories of them); build specs only for files without errors.

    With ``catalog=None`` the Fluent message checks are skipped. ``workers`` > 1 spreads many
    files over that many forked processes (the CLI: a process with no thread or event loop).
    ``fast=False`` reads every file with positions (tests compare both: same result).
    ``specs=False`` still builds each valid file's spec (it must build) but keeps none:
    ``servers`` is empty, ``valid_files`` says which files are valid (``guichet validate``,
    whose workers then send back no spec).
    """
    files, diagnostics = server_files(Path(p) for p in paths)
    return _result(diagnostics, _load_all(files, catalog, workers, fast, specs), specs)


def _result(diagnostics: list[Diagnostic], loaded: list[_File], specs: bool) -> LoadResult:
    _check_across_files(loaded)

    servers, valid = [], []
    for item in loaded:
        diagnostics += item.diagnostics
        if not item.failed:
            valid.append(item.path)
            if item.spec is not None and specs:
                servers.append(item.spec)
    diagnostics.sort(key=lambda d: d.sort_key)
    guilds = {item.path: item.guild for item in loaded if item.guild is not None}
    return LoadResult(
        servers=tuple(servers),
        errors=tuple(d for d in diagnostics if d.severity == ERROR),
        warnings=tuple(d for d in diagnostics if d.severity == WARNING),
        file_guilds=guilds,
        valid_files=tuple(valid),
    )


# Files per worker below which forking costs more than it saves.
PARALLEL_FROM = 100
# What forked workers read: set just before the fork, inherited, never sent.
_SHARED: dict[str, MessageCatalog | None] = {}


def default_workers() -> int:
    """The CPUs this process may use that nothing else uses right now, when forking is how
    this system starts processes: on a busy machine a second worker only adds its own cost
    (measured at 1,000 servers: with one of two cores taken, two workers finish no sooner
    than one process, and then pay for the fork and for sending their results back)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, cpus - _running_elsewhere()))


_LOADAVG = Path("/proc/loadavg")


def _running_elsewhere() -> int:
    """Processes running at this instant besides this one: the run queue of /proc/loadavg
    (the load average lags a minute behind and still counts runs that just ended, such as
    a benchmark's previous run); the load average where that file does not exist."""
    try:
        running = _LOADAVG.read_text(encoding="ascii").split()[3].split("/")[0]
        return max(0, int(running) - 1)
    except (OSError, IndexError, ValueError):
        pass
    try:
        return round(os.getloadavg()[0])
    except OSError:  # pragma: no cover - no load average on this system
        return 0


def _load_all(
    files: list[Path], catalog: MessageCatalog | None, workers: int, fast: bool, specs: bool
) -> list[_File]:
    workers = min(workers, len(files) // PARALLEL_FROM)
    if workers <= 1:
        yaml = new_yaml()
        return [_load_one(path, yaml, catalog, fast) for path in files]
    _SHARED["catalog"] = catalog
    _SHARED["fast"] = fast
    _SHARED["specs"] = specs
    schema_check.compiled()  # once, before the fork: each worker inherits it
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            # Contiguous chunks: each worker reads its share in order, one result list back.
            size = -(-len(files) // workers)
            chunks = [files[i : i + size] for i in range(0, len(files), size)]
            return [item for chunk in pool.map(_load_chunk, chunks) for item in chunk]
    finally:
        _SHARED.clear()


def _load_chunk(files: list[Path]) -> list[_File]:
    yaml = new_yaml()
    catalog = _SHARED.get("catalog")
    fast = bool(_SHARED.get("fast", True))
    loaded = [_load_one(path, yaml, catalog, fast) for path in files]
    if not _SHARED.get("specs", True):
        for item in loaded:  # built, so known to build; not sent back (most of the result)
            item.spec = None
    return loaded


def _read(path: Path) -> str | _File:
    """The file's text, or the file's outcome when it cannot be read."""
    try:
        too_big = yaml_limits.check_size(path, path.stat().st_size)
        if too_big is not None:  # never read a file that large
            return _File(path, [too_big])
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return _File(path, [Diagnostic.at(path, (0, 0), "", message_id("config-not-utf8"))])
    except OSError as exc:
        # The system's own words for the failure (its locale, not ours), quoted.
        unreadable = message_id("config-unreadable")
        reason = exc.strerror or str(exc)
        return _File(path, [Diagnostic.at(path, (0, 0), "", unreadable, reason=reason)])


def _load_one(path: Path, yaml: YAML, catalog: MessageCatalog | None, fast: bool = True) -> _File:
    text = _read(path)
    if isinstance(text, _File):
        return text
    if fast:
        read = without_positions(path, text, yaml, catalog)
        if read is not None:
            return read[0]
    parsed, problems = parse(path, text, yaml)
    if parsed is None:
        return _File(path, problems)
    found = schema_check.check(path, parsed.data, parsed.positions)
    found += semantic.check(path, path.stem, parsed.data, parsed.positions, catalog)
    item = _File(path, found, _guild_of(parsed.data), parsed.positions.value(("guild",)))
    if not item.failed:
        item.spec = build_server(path.stem, path, parsed.data)
    return item


def without_positions(
    path: Path, text: str, yaml: YAML, catalog: MessageCatalog | None
) -> tuple[_File, dict] | None:
    """A file without any diagnostic, read without positions (:mod:`bot.config.yaml_fast`),
    and its document; None when it has one, or when a check needs a position: the caller
    reads it again with positions, and every diagnostic comes from that reading, as it always
    did. ``catalog=None``: its message ids are not checked."""
    data = yaml_fast.load(text, yaml)
    if data is None:
        return None
    if not schema_check.valid_without_floats(data):  # yaml_fast declines floats
        return None
    try:
        if semantic.check(path, path.stem, data, yaml_fast.NO_POSITIONS, catalog):
            return None
    except yaml_fast.PositionsNeeded:
        return None
    spec = build_server(path.stem, path, data)
    return _File(path, [], _guild_of(data), None, spec), data


def _guild_position(item: _File) -> tuple[int, int]:
    """Where ``item``'s ``guild:`` value is, reading it again if it was read without."""
    if item.guild_at is None:
        try:
            parsed, _ = parse(item.path, item.path.read_text(encoding="utf-8"), new_yaml())
        except (OSError, UnicodeDecodeError):  # changed since: no position to give
            parsed = None
        item.guild_at = parsed.positions.value(("guild",)) if parsed else (0, 0)
    return item.guild_at


def _check_across_files(loaded: list[_File]) -> None:
    """One file per guild, and one file per server name (the name picks the .ftl files)."""
    by_guild: dict[int, list[_File]] = defaultdict(list)
    by_name: dict[str, list[_File]] = defaultdict(list)
    for item in loaded:
        by_name[item.path.stem].append(item)
        if item.guild is not None:
            by_guild[item.guild].append(item)

    for guild, items in by_guild.items():
        for item in items if len(items) > 1 else ():
            line, column = _guild_position(item)
            others = ", ".join(
                "{}:{}:{}".format(o.path, *_guild_position(o)) for o in items if o is not item
            )
            twice = message_id("config-guild-elsewhere")
            found = Diagnostic.at(
                item.path, (line, column), "guild", twice, guild=str(guild), others=others
            )
            item.diagnostics.append(found)
    for name, items in by_name.items():
        for item in items if len(items) > 1 else ():
            others = ", ".join(str(o.path) for o in items if o is not item)
            twice = message_id("config-name-elsewhere")
            item.diagnostics.append(
                Diagnostic.at(item.path, (0, 0), "", twice, name=name, others=others)
            )


def _guild_of(data: dict) -> int | None:
    """The guild id a parsed file names, if it names one."""
    guild = data.get("guild")
    if isinstance(guild, str) and guild.isdigit():
        guild = int(guild)
    if isinstance(guild, int) and not isinstance(guild, bool):
        return guild
    return None
