"""Let `python -m paperkg` run the same CLI as the `paperkg` script."""

from paperkg.cli import run

run()
