"""The memory a build takes across its processes: the peak of their summed PSS.

A build forks workers that share most of their pages with it, so the largest process's
`ru_maxrss` undercounts the build and a sum of every process's RSS counts shared pages
twice. PSS (proportional set size) splits each shared page among its sharers: summed over
the processes alive at one moment, it is the memory the build holds then.

`python bench/memory.py PID` samples PID and its descendants (not itself) every 250 ms until
its standard input closes, then prints the peak in MB. Linux only (/proc/PID/smaps_rollup).
"""

from __future__ import annotations

import os
import select
import sys
from pathlib import Path

INTERVAL = 0.25  # memory grows over seconds; a tighter loop slows the build it watches


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def tree_of(root: int) -> list[int]:
    """`root` and every process below it."""
    tree, out, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(tree.get(pid, ()))
    return out


def pss_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # gone since the listing
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    root, me = int(sys.argv[1]), os.getpid()
    peak = 0
    while True:
        total = sum(pss_kb(pid) for pid in tree_of(root) if pid != me)
        peak = max(peak, total)
        ready, _, _ = select.select([sys.stdin], [], [], INTERVAL)
        if ready and not sys.stdin.read(1):  # closed: the build is over
            break
    print(f"{peak / 1024:.1f}")


if __name__ == "__main__":
    main()
