"""Every data file the code reads ships in the wheel: `pip install .` (not -e) must work."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def _folder(package: str) -> Path:
    """The source folder of `package`, through the longest `package-dir` entry that maps it."""
    mapped = max(
        (p for p in CONFIG["package-dir"] if package == p or package.startswith(p + ".")), key=len
    )
    rest = package[len(mapped) :].lstrip(".")
    return ROOT / CONFIG["package-dir"][mapped] / rest.replace(".", "/")


def test_every_folder_with_python_modules_is_a_declared_package():
    declared = {_folder(p).resolve() for p in CONFIG["packages"]}
    folders = {
        path.parent.resolve()
        for top in ("paperkg", "extract", "graph")
        for path in (ROOT / top).rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert sorted(map(str, folders - declared)) == []


def test_every_data_file_is_declared_as_package_data():
    packages = {_folder(p).resolve(): p for p in CONFIG["packages"]}
    declared = CONFIG["package-data"]
    missing = []
    for folder, package in packages.items():
        for path in folder.rglob("*"):
            if path.is_dir() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
                continue
            # a file inside a sub-package belongs to that package's own declaration
            if any(
                parent in packages
                for parent in path.parents
                if parent != folder and folder in parent.parents
            ):
                continue
            relative = path.relative_to(folder).as_posix()
            if not any(fnmatch.fnmatch(relative, glob) for glob in declared.get(package, [])):
                missing.append(f"{package}: {relative}")
    assert not missing
