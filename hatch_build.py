"""Compile the gettext catalogs (.po -> .mo) into the package at build time."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        tool = Path(self.root) / "tools" / "i18n.py"
        spec = importlib.util.spec_from_file_location("mediate_i18n_tool", tool)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.compile_catalogs(Path(self.root))
