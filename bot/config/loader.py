"""``load_servers``: files → diagnostics and, for files without errors, typed specs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import schema_check, semantic, yaml_limits
from bot.config.build import build_server
from bot.config.diagnostics import ERROR, WARNING, Diagnostic
from bot.config.semantic import MessageCatalog
from bot.config.specs import ServerSpec
from bot.config.yaml_loader import ParsedFile, new_yaml, parse
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

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(slots=True)
class _File:
    path: Path
    parsed: ParsedFile | None
    diagnostics: list[Diagnostic]

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


def load_servers(paths: Sequence[Path], catalog: MessageCatalog | None) -> LoadResult:
    """Validate server files (or directories of them); build specs only for files without errors.

    With ``catalog=None`` the Fluent message checks are skipped.
    """
    files, diagnostics = server_files(Path(p) for p in paths)
    yaml = new_yaml()
    loaded = [_load_one(path, yaml, catalog) for path in files]
    _check_across_files(loaded)

    servers = []
    for item in loaded:
        diagnostics += item.diagnostics
        if item.parsed is not None and not item.failed:
            servers.append(build_server(item.path.stem, item.path, item.parsed.data))
    diagnostics.sort(key=lambda d: d.sort_key)
    guilds = {item.path: guild for item in loaded if (guild := _guild_of(item)) is not None}
    return LoadResult(
        servers=tuple(servers),
        errors=tuple(d for d in diagnostics if d.severity == ERROR),
        warnings=tuple(d for d in diagnostics if d.severity == WARNING),
        file_guilds=guilds,
    )


def _load_one(path: Path, yaml: object, catalog: MessageCatalog | None) -> _File:
    try:
        too_big = yaml_limits.check_size(path, path.stat().st_size)
        if too_big is not None:  # never read a file that large
            return _File(path, None, [too_big])
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return _File(path, None, [Diagnostic.at(path, (0, 0), "", message_id("config-not-utf8"))])
    except OSError as exc:
        # The system's own words for the failure (its locale, not ours), quoted.
        unreadable = message_id("config-unreadable")
        reason = exc.strerror or str(exc)
        return _File(path, None, [Diagnostic.at(path, (0, 0), "", unreadable, reason=reason)])
    parsed, problems = parse(path, text, yaml)
    if parsed is None:
        return _File(path, None, problems)
    found = schema_check.check(path, parsed.data, parsed.positions)
    found += semantic.check(path, path.stem, parsed.data, parsed.positions, catalog)
    return _File(path, parsed, found)


def _check_across_files(loaded: list[_File]) -> None:
    """One file per guild, and one file per server name (the name picks the .ftl files)."""
    by_guild: dict[int, list[_File]] = defaultdict(list)
    by_name: dict[str, list[_File]] = defaultdict(list)
    for item in loaded:
        by_name[item.path.stem].append(item)
        guild = _guild_of(item)
        if guild is not None:
            by_guild[guild].append(item)

    for guild, items in by_guild.items():
        for item in items if len(items) > 1 else ():
            assert item.parsed is not None
            line, column = item.parsed.positions.value(("guild",))
            others = ", ".join(_located(o.path, o, ("guild",)) for o in items if o is not item)
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


def _guild_of(item: _File) -> int | None:
    """The guild id a parsed file names, if it names one."""
    if item.parsed is None:
        return None
    guild = item.parsed.data.get("guild")
    if isinstance(guild, str) and guild.isdigit():
        guild = int(guild)
    if isinstance(guild, int) and not isinstance(guild, bool):
        return guild
    return None


def _located(path: Path, item: _File, node: tuple[str, ...]) -> str:
    assert item.parsed is not None
    line, column = item.parsed.positions.value(node)
    return f"{path}:{line}:{column}"
