"""paperkg's version, in a module of its own: the CLI prints it and the extraction cache keys
on it, and neither may import the package's API to read it (`paperkg/__init__.py` does)."""

__version__ = "0.1.0"
