"""Build step (setuptools ``build_py``): copy the top-level ``locales/`` and ``schemas/`` into
the package as ``bot/_bundled/``, so wheels carry the bot's messages and the schema.

Only the bot's own messages are bundled (``locales/<locale>/*.ftl``), never the example
server's texts (``locales/<locale>/servers/``), which belong to an admin's configuration.
Listing the same files as sources puts them in the sdist too, so a wheel built from the
sdist is complete. This module is not shipped: nothing imports it at run time.
"""

from __future__ import annotations

from pathlib import Path

from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = Path("bot", "_bundled")


def bundled_sources(root: Path = ROOT) -> list[Path]:
    """Files to bundle, relative to ``root``: every locale's bot messages and the schemas."""
    files = sorted(path for path in root.glob("locales/*/*.ftl") if path.is_file())
    files += sorted(path for path in root.glob("schemas/*.json") if path.is_file())
    return [path.relative_to(root) for path in files]


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's folders (bot/resources.py)
        for source in bundled_sources():
            target = Path(self.build_lib, BUNDLED, source)
            self.mkpath(str(target.parent))
            self.copy_file(str(ROOT / source), str(target))

    def find_package_modules(self, package: str, package_dir: str) -> list[tuple[str, str, str]]:
        modules = super().find_package_modules(package, package_dir)
        return [m for m in modules if (m[0], m[1]) != ("bot", "_build")]

    def get_source_files(self) -> list[str]:
        """The sdist's files: this hook itself (left out of the wheel above) and the bundle."""
        hook = Path(__file__).resolve().relative_to(ROOT)
        return [*super().get_source_files(), str(hook), *map(str, bundled_sources())]
