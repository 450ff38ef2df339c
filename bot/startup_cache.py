"""What ``guichet run`` read from the server files last time, kept on disk for the next start.

At 1,000 servers, reading the YAML files (ruamel, the schema and the semantic checks) was most
of a start's time, to find what the previous start had found. The :class:`LoadResult` of the
last start without errors is kept, pickled, under ``$XDG_CACHE_HOME/guichet`` (else
``~/.cache/guichet``), named after a digest of everything it was computed from: the running
code (every module of the package), the libraries that parse and check the files, the schema,
every text of the catalog it was checked against, and each server file's path and bytes. A
start whose inputs have that digest reads it back; any other start (a file edited, added or
removed, a text changed, another Guichet) loads the files as before and replaces it. Files
with errors are never cached, so every diagnostic still comes from the checks themselves.

Only a cache: unreadable, corrupt or unwritable, it is ignored. It holds nothing secret; like
``__pycache__``, whoever may write it may change what the bot runs (it is created 0700).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from bot.config import LoadResult
from bot.config.loader import server_files
from bot.config.schema_check import SCHEMA_PATH

log = logging.getLogger(__name__)

_PACKAGE = Path(__file__).resolve().parent
_LIBRARIES = (
    *("ruamel.yaml", "jsonschema", "jsonschema-rs", "babel", "fluent.runtime", "fluent.syntax"),
)
_PREFIX = "servers-"
KEEP = 4  # cached readings kept in the folder


@functools.cache
def code_digest() -> str:
    """The running Guichet's code and the libraries its loading and rendering use."""
    digest = hashlib.sha256(sys.version.encode())
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}=={version};".encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(_PACKAGE)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "guichet"


def _inputs_digest(servers_dir: Path, texts_digest: str) -> str | None:
    digest = hashlib.sha256(code_digest().encode())
    digest.update(texts_digest.encode())
    try:
        digest.update(hashlib.sha256(Path(SCHEMA_PATH).read_bytes()).digest())
        files, _ = server_files([servers_dir])
        for path in files:
            digest.update(str(path.resolve()).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    except OSError:
        return None  # a file that cannot be read: the loader says so, uncached
    return digest.hexdigest()


def load_servers_cached(
    servers_dir: Path, texts_digest: str, load: Callable[[], LoadResult]
) -> LoadResult:
    """``load()``'s result, from the cache when its inputs are those of the cached one."""
    key = _inputs_digest(servers_dir, texts_digest)
    folder = cache_dir()
    if key is None:
        return load()
    path = folder / f"{_PREFIX}{key}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError):
        cached = pickle.loads(path.read_bytes())  # noqa: S301 - our own file, see the docstring
        if isinstance(cached, LoadResult):
            log.debug("server files read from the start-up cache", extra={"path": str(path)})
            return cached
    result = load()
    if not result.errors:
        _store(folder, path, result)
    return result


def _store(folder: Path, path: Path, result: LoadResult) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # The newest few stay: deployments (or checkouts) of one user do not evict each other.
        kept = sorted(folder.glob(f"{_PREFIX}*.pickle"), key=_mtime, reverse=True)
        for old in kept[KEEP - 1 :]:
            with contextlib.suppress(OSError):
                old.unlink()
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as out:
            out.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        Path(out.name).replace(path)  # whole or absent, for a start reading it meanwhile
    except (OSError, pickle.PicklingError) as exc:
        log.debug("start-up cache not written: %s", exc)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
