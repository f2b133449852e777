"""Where a fenced code block opens or closes: the rewriters that run before parsing
(`html_blocks`, `admonitions`, `definition_lists`) leave what is inside one as it is, as
code, never as notes to rewrite."""

from __future__ import annotations

import re

FENCE = re.compile(r"^\s{0,3}(```|~~~)")
