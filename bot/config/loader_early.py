"""Reading server files while the catalog loads: ``guichet validate`` on idle cores.

Everything a server file is checked for needs only the file, but for its Fluent ids, which
need the catalog (the bot's texts and every server's ``.ftl`` files: a third of validating
1,000 servers). :func:`start` forks workers that read the files without positions and run
every check but those while the caller loads the catalog; :meth:`Pending.finish` then looks
up each file's ids. A file with any problem, or whose ids are not all found, is read again
with positions and the catalog, as :func:`bot.config.loader.load_servers` reads it, so every
diagnostic is that function's (tests/config/test_positions_on_demand.py compares them).
With a single worker (a busy machine, fewer than 100 files) nothing starts early:
:meth:`finish` is ``load_servers``.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.config import loader, schema_check, semantic
from bot.config.loader import LoadResult, _File
from bot.config.semantic import MessageCatalog
from bot.config.yaml_loader import new_yaml


@dataclass(frozen=True, slots=True)
class _Unchecked:
    """A file without problem but for its message ids, not looked up yet."""

    item: _File
    locale: object
    text_ids: tuple[str, ...]


# What a first pass gives for one file: its outcome, a file to look up, or a file to read
# again with positions and the catalog.
_First = _File | _Unchecked | Path


class Pending:
    """Server files being read; :meth:`finish` with the catalog, or :meth:`cancel`."""

    def __init__(self, paths: Sequence[Path], workers: int, specs: bool) -> None:
        self.files, self.diagnostics = loader.server_files(Path(p) for p in paths)
        self.workers, self.specs = workers, specs
        self.pool: Any = None
        self.first: Any = None
        # The caller loads the catalog meanwhile, on a core of its own: one worker fewer
        # (measured on two cores: one early worker 0.68 s, two 0.72 s, none 0.88 s).
        early = min(workers - 1, len(self.files) // loader.PARALLEL_FROM)
        if workers <= 1 or early < 1:
            return
        workers = early
        _FIRST["specs"] = specs
        schema_check.compiled()  # once, before the fork: each worker inherits it
        self.pool = multiprocessing.get_context("fork").Pool(workers)
        size = -(-len(self.files) // workers)
        chunks = [self.files[i : i + size] for i in range(0, len(self.files), size)]
        self.first = self.pool.map_async(_first_pass, chunks)

    def finish(self, catalog: MessageCatalog | None) -> LoadResult:
        """What ``load_servers(paths, catalog, workers=..., specs=...)`` gives."""
        if self.pool is None:
            loaded = loader._load_all(self.files, catalog, self.workers, True, self.specs)
            return loader._result(self.diagnostics, loaded, self.specs)
        try:
            first: list[_First] = [entry for chunk in self.first.get() for entry in chunk]
        finally:
            self.cancel()
        # By position, as self.files: a file named twice (a folder and a file in it) is two.
        loaded: list[Any] = list(first)
        again: list[int] = []
        for index, entry in enumerate(first):
            if isinstance(entry, Path):
                again.append(index)
            elif isinstance(entry, _Unchecked):
                known = catalog is None or semantic.messages_known(
                    entry.item.path.stem, entry.locale, entry.text_ids, catalog
                )
                if known:
                    loaded[index] = entry.item
                else:
                    again.append(index)
        files = [self.files[index] for index in again]
        for index, item in zip(
            again, loader._load_all(files, catalog, self.workers, False, self.specs), strict=True
        ):
            loaded[index] = item
        return loader._result(self.diagnostics, loaded, self.specs)

    def cancel(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
        _FIRST.clear()


def start(paths: Sequence[Path], *, workers: int, specs: bool = True) -> Pending:
    """Start reading the server files of ``paths`` in ``workers`` forked processes."""
    return Pending(paths, workers, specs)


# What forked workers read: set just before the fork, inherited, never sent.
_FIRST: dict[str, bool] = {}


def _first_pass(files: list[Path]) -> list[_First]:
    yaml = new_yaml()
    specs = _FIRST.get("specs", True)
    out: list[_First] = []
    for path in files:
        text = loader._read(path)
        if isinstance(text, _File):
            out.append(text)  # unreadable: no catalog needed to say so
            continue
        read = loader.without_positions(path, text, yaml, None)
        if read is None:
            out.append(path)
            continue
        item, data = read
        if not specs:
            item.spec = None  # built, so known to build; not sent back
        out.append(_Unchecked(item, data.get("locale"), semantic.named_messages(data)))
    return out
