"""Node positions for the HTML view, computed once in Python so the browser needn't.

vis-network's physics takes minutes to settle on thousands of nodes (PITFALLS.md), and a free
force layout of the notes is a hairball around the hub techniques. The notes already carry the
structure a reader thinks in, the topic headings, so the layout draws that: the heading tree as
a radial tree (each topic gets an angle in proportion to its papers), each topic's papers in a
sunflower just outside it (best rated nearest), each technique at the centre of gravity of the
papers that mention it (pulled towards the middle, so hubs sit centrally and specialised ones
near their topic), and each external work beside the paper that names it. It costs milliseconds
for thousands of papers and is the same on every run (no randomness, integer coordinates).
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
PAPER_SPACING = 30.0  # pixels between neighbouring papers of one topic's sunflower
RING_STEP = 260.0  # minimum gap between the rings of two heading levels
TECHNIQUE_PULL = 0.6  # 1 keeps a technique among its papers, 0 puts it at the centre
TECHNIQUE_GAP = 46.0  # techniques closer than this are pushed apart


def positions(g: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Integer (x, y) for every node of the projected graph."""
    kinds = {n: a.get("type") for n, a in g.nodes(data=True)}
    parent, own = _topic_tree(g, kinds)
    pos: dict[str, tuple[float, float]] = {}
    _place_topics(g, parent, own, pos)
    _place_techniques(g, kinds, pos)
    _place_works(g, kinds, pos)
    for node in sorted(g.nodes):
        pos.setdefault(node, (0.0, 0.0))
    return {n: (int(round(x)), int(round(y))) for n, (x, y) in pos.items()}


def _topic_tree(g, kinds):
    """Each topic's parent heading (or None) and each topic's own papers, best rated first."""
    parent: dict[str, str | None] = {}
    for node in sorted(n for n, k in kinds.items() if k == "topic"):
        ups = sorted(
            t
            for _, t, r in g.out_edges(node, data="relation")
            if r == "broader" and kinds.get(t) == "topic"
        )
        parent[node] = ups[0] if ups else None
    own: dict[str | None, list[str]] = defaultdict(list)
    for paper in sorted(n for n, k in kinds.items() if k == "paper"):
        topics = sorted(t for _, t, r in g.out_edges(paper, data="relation") if r == "subject")
        own[topics[0] if topics and topics[0] in parent else None].append(paper)
    for members in own.values():
        members.sort(key=lambda p: (-(g.nodes[p].get("rating") or 0), p))
    return parent, own


def _sunflower_radius(n: int) -> float:
    return PAPER_SPACING * (1.0 + math.sqrt(max(n, 1)))


def _place_topics(g, parent, own, pos) -> None:
    children: dict[str | None, list[str]] = defaultdict(list)
    for node, up in sorted(parent.items()):
        children[up].append(node)
    # A topic's angle is its share of the room: its own sunflower's width plus its children's,
    # so a one-paper topic is not squeezed into a sliver that would force a huge ring.
    weight: dict[str | None, float] = {}

    def total(node):
        room = 2.2 * _sunflower_radius(len(own.get(node, ()))) if node else 0.0
        weight[node] = room + sum(total(c) for c in children.get(node, ()))
        return weight[node]

    total(None)
    sector: dict[str, tuple[float, float, int]] = {}

    def split(node, a0, a1, depth):
        kids = children.get(node, [])
        if not kids:
            return
        span = (a1 - a0) * sum(weight[k] for k in kids) / weight[node] if node else a1 - a0
        start = a0 + ((a1 - a0) - span) / 2
        for kid in kids:
            width = span * weight[kid] / sum(weight[k] for k in kids)
            sector[kid] = (start, start + width, depth)
            split(kid, start, start + width, depth + 1)
            start += width

    split(None, 0.0, 2 * math.pi, 1)
    # Radii: a level's ring must leave each topic an arc as wide as its sunflower.
    depths = sorted({d for *_, d in sector.values()})
    radius: dict[int, float] = {0: 0.0}
    for depth in depths:
        need = RING_STEP + radius[depth - 1]
        for node, (a0, a1, d) in sector.items():
            if d == depth and own.get(node):
                need = max(need, 2.2 * _sunflower_radius(len(own[node])) / max(a1 - a0, 1e-3))
        radius[depth] = need
    if len(children.get(None, [])) == 1:  # one root heading: put it in the middle
        radius = {d: r - radius[1] for d, r in radius.items()}
    for node, (a0, a1, depth) in sector.items():
        angle = (a0 + a1) / 2
        r = radius[depth]
        pos[node] = (r * math.cos(angle), r * math.sin(angle))
        _sunflower(own.get(node, []), angle, r, pos)
    loose = own.get(None, [])
    if loose:  # papers under no heading: a sunflower of their own below the tree
        outer = max(radius.values()) + RING_STEP + _sunflower_radius(len(loose))
        _sunflower(loose, math.pi / 2, outer, pos)


def _sunflower(papers, angle, r, pos) -> None:
    """Papers around a point pushed outwards from the topic, so they clear its ring."""
    cr = _sunflower_radius(len(papers))
    cx = (r + 0.7 * cr) * math.cos(angle)
    cy = (r + 0.7 * cr) * math.sin(angle)
    for j, paper in enumerate(papers):
        d = PAPER_SPACING * math.sqrt(j + 0.6)
        a = angle + math.pi + j * GOLDEN_ANGLE
        pos[paper] = (cx + d * math.cos(a), cy + d * math.sin(a))


def _place_techniques(g, kinds, pos) -> None:
    techniques = sorted(n for n, k in kinds.items() if k == "technique")
    if not techniques:
        return
    placed = []
    for node in techniques:
        papers = sorted(
            s for s, _, r in g.in_edges(node, data="relation") if r == "mentions" and s in pos
        )
        if papers:
            x = sum(pos[p][0] for p in papers) / len(papers)
            y = sum(pos[p][1] for p in papers) / len(papers)
            pos[node] = (TECHNIQUE_PULL * x, TECHNIQUE_PULL * y)
            placed.append(node)
    # Techniques no paper names (broader terms): beside the ones they group.
    for node in techniques:
        if node in pos:
            continue
        kids = sorted(
            s for s, _, r in g.in_edges(node, data="relation") if r == "broader" and s in pos
        )
        if kids:
            pos[node] = (
                sum(pos[k][0] for k in kids) / len(kids) * 0.9,
                sum(pos[k][1] for k in kids) / len(kids) * 0.9,
            )
        else:
            pos[node] = (0.0, 0.0)
    _spread(techniques, pos)


def _spread(nodes, pos, rounds: int = 60) -> None:
    """Push apart nodes closer than TECHNIQUE_GAP, deterministically (fixed order, no noise).

    Only pairs in neighbouring grid cells of side TECHNIQUE_GAP can be that close, so each
    round looks at those instead of every pair.
    """
    xy = [list(pos[n]) for n in nodes]
    for _ in range(rounds):
        grid: dict[tuple[int, int], list[int]] = {}
        for i, (x, y) in enumerate(xy):
            grid.setdefault(
                (math.floor(x / TECHNIQUE_GAP), math.floor(y / TECHNIQUE_GAP)), []
            ).append(i)
        moved = False
        for i in range(len(xy)):
            cx = math.floor(xy[i][0] / TECHNIQUE_GAP)
            cy = math.floor(xy[i][1] / TECHNIQUE_GAP)
            near = sorted(
                j
                for gx in (cx - 1, cx, cx + 1)
                for gy in (cy - 1, cy, cy + 1)
                for j in grid.get((gx, gy), ())
                if j > i
            )
            for j in near:
                a, b = xy[i], xy[j]
                dx, dy = b[0] - a[0], b[1] - a[1]
                d = math.hypot(dx, dy)
                if d >= TECHNIQUE_GAP:
                    continue
                if d < 1e-6:  # same point: split along a fixed direction per pair
                    angle = (i * GOLDEN_ANGLE) % (2 * math.pi)
                    dx, dy, d = math.cos(angle), math.sin(angle), 1.0
                push = (TECHNIQUE_GAP - d) / 2 / d
                a[0] -= dx * push
                a[1] -= dy * push
                b[0] += dx * push
                b[1] += dy * push
                moved = True
        if not moved:
            break
    for n, (x, y) in zip(nodes, xy, strict=True):
        pos[n] = (x, y)


def _place_works(g, kinds, pos) -> None:
    for k, node in enumerate(sorted(n for n, t in kinds.items() if t == "work")):
        sources = sorted(s for s, _ in g.in_edges(node) if s in pos)
        if not sources:
            pos[node] = (0.0, 0.0)
            continue
        x, y = pos[sources[0]]
        angle = math.atan2(y, x) + (k % 5 - 2) * 0.25
        pos[node] = (x + 70 * math.cos(angle), y + 70 * math.sin(angle))
