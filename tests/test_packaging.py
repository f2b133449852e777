"""Every data file the code reads ships in the wheel: `pip install .` (not -e) must work."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_data_file_is_declared_as_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = {pkg: ROOT / path for pkg, path in config["package-dir"].items()}
    declared = config["package-data"]
    missing = []
    for package in ("paperkg.extract", "paperkg.graph"):
        folder = folders[package]
        for path in folder.rglob("*"):
            if path.is_dir() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
                continue
            relative = path.relative_to(folder).as_posix()
            if not any(fnmatch.fnmatch(relative, glob) for glob in declared.get(package, [])):
                missing.append(f"{package}: {relative}")
    assert not missing
