"""Node positions for the HTML view, computed once in Python so the browser needn't.

vis-network's physics takes minutes to settle on thousands of nodes (pyvis #204), and a free
force layout of the notes is a hairball around the hub techniques. The notes already carry the
structure a reader thinks in, the topic headings, so the layout draws that:

- the top-level topics (the "map": the first heading level with more than one topic) each get
  a rectangular region of the plane; regions are packed in columns with wide streets between;
- inside a region, the topic's title row, then one block per sub-topic (depth-first, so a
  sub-topic's own sub-topics follow it): a header, then its papers in rows, best rated first,
  each with a row wide enough for a two-line title beside its dot, so titles never collide;
- on the topic map a region shows as a bubble at its centre, sized by its papers;
- each technique at the centre of gravity of the papers that mention them, moved into the
  nearest street so it never sits on a paper; each external work in the street nearest the
  paper that names it.

Everything is sorted before use and rounded to integers: same graph, same positions. It costs
milliseconds for thousands of papers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
from paperkg.graph.outputs.projection import Projection

COLUMN = 300.0  # width of one column of papers (a dot and a two-line title)
ROW = 38.0  # height of one paper's row
HEADER = 44.0  # a sub-topic's header row
TITLE = 70.0  # a region's title row (the top-level topic)
BLOCK_GAP = 40.0  # between the blocks of one region
STREET = 320.0  # between regions: room for techniques and works
MARGIN = 36.0  # techniques and works keep this far from any region
NODE_GAP = 64.0  # techniques and works closer than this are moved apart
REGION_MIN = (620.0, 440.0)  # a small topic still gets room for its bubble and label
VIEW_ASPECT = 1.3  # width / height the packing aims for (a laptop screen beside the list)
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True)
class Region:
    """A top-level topic's share of the plane, and its bubble on the topic map."""

    topic: str | None  # None: papers under no top-level topic
    box: tuple[int, int, int, int]  # x0, y0, x1, y1
    bubble: tuple[int, int, int]  # centre x, centre y, radius
    papers: int


@dataclass(frozen=True)
class Layout:
    """Where every node goes, the regions of the top-level topics, and each paper's topic."""

    positions: dict[str, tuple[int, int]]
    regions: tuple[Region, ...]
    home: dict[str, str] = field(default_factory=dict)  # paper -> the topic it is drawn under


@dataclass(frozen=True)
class _Block:
    header: str | None  # the sub-topic heading the block (None: the region topic's own papers)
    papers: tuple[str, ...]


def positions(g: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Integer (x, y) for every node of the projected graph."""
    return layout(g).positions


def layout(g: nx.MultiDiGraph | Projection | GraphReading) -> Layout:
    """The whole layout: positions, regions of the top-level topics, each paper's topic."""
    read = GraphReading.of(g)
    kinds = {n: a.get("type") for n, a in read.attrs.items()}
    parent, children = _topic_tree(read, kinds)
    home = _homes(read, kinds, parent)
    own: dict[str | None, list[str]] = defaultdict(list)
    for paper, topic in sorted(home.items()):
        own[topic].append(paper)
    for paper in sorted(n for n, k in kinds.items() if k == "paper" and n not in home):
        own[None].append(paper)
    for members in own.values():
        members.sort(key=lambda p: (-(read.attrs[p].get("rating") or 0), p))

    top, wrappers = map_topics(parent, children, own)
    # a topic none of whose papers is drawn under it (a tag every paper of which has another
    # home) gets no bubble on the map: "0 papers" would be wrong; the topic filter finds them
    top = [t for t in top if own.get(t) or any(own.get(d) for d in _descendants(t, children))]
    pos: dict[str, tuple[float, float]] = {}
    shapes = []
    for topic in top:
        blocks = [_Block(None, tuple(own.get(topic, ())))]
        blocks += [_Block(t, tuple(own.get(t, ()))) for t in _descendants(topic, children)]
        shapes.append((topic, _region_shape(blocks)))
    loose = [p for t in [None, *wrappers] for p in own.get(t, ())]
    if loose:
        shapes.append((None, _region_shape([_Block(None, tuple(loose))])))
    regions = _pack_regions(shapes, pos, read)
    x0 = min((r.box[0] for r in regions), default=0)
    y0 = min((r.box[1] for r in regions), default=0)
    x1 = max((r.box[2] for r in regions), default=0)
    for k, topic in enumerate(wrappers):  # headings above the map: over it, in the middle
        pos[topic] = ((x0 + x1) / 2 + (k - (len(wrappers) - 1) / 2) * 260, y0 - STREET / 2)
    boxes = [r.box for r in regions]
    placed: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    _place_techniques(read, kinds, pos, boxes, placed)
    _place_works(read, kinds, pos, boxes, placed)
    for node in sorted(read.attrs):
        pos.setdefault(node, (0.0, 0.0))
    return Layout(
        positions={n: (int(round(x)), int(round(y))) for n, (x, y) in sorted(pos.items())},
        regions=tuple(regions),
        home=home,
    )


@dataclass(frozen=True)
class GraphReading:
    """The graph as the layout and the view read it: each node's attributes, and each
    node's edges out and in with their relations, gathered in one pass (asking networkx
    for one node's edges at a time cost the view a fifth of its time at 5,000 papers).
    Read from a networkx graph, or from a projection as a graph of it would hold it (a
    watch makes no networkx graph: kept_projection.py)."""

    attrs: dict[str, dict]
    out: dict[str, list[tuple[str, str | None]]]
    into: dict[str, list[tuple[str, str | None]]]

    @classmethod
    def of(cls, g: nx.MultiDiGraph | Projection | GraphReading) -> GraphReading:
        if isinstance(g, GraphReading):
            return g
        out: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        into: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        if isinstance(g, Projection):
            nodes = g.nodes
            edges = (
                (s, t, r) for s, targets in g.edges.items() if s in nodes
                for t, r in targets if t in nodes
            )  # fmt: skip
        else:
            nodes, edges = dict(g.nodes(data=True)), g.edges(data="relation")
        for s, t, relation in edges:
            out[s].append((t, relation))
            into[t].append((s, relation))
        return cls(nodes, out, into)


def _topic_tree(g: GraphReading, kinds):
    """Each topic's parent heading (or None), and each topic's children, sorted."""
    parent: dict[str, str | None] = {}
    for node in sorted(n for n, k in kinds.items() if k == "topic"):
        ups = sorted(
            t for t, r in g.out.get(node, ()) if r == "broader" and kinds.get(t) == "topic"
        )
        parent[node] = ups[0] if ups else None
    children: dict[str | None, list[str]] = defaultdict(list)
    for node, up in sorted(parent.items()):
        children[up].append(node)
    return parent, children


def _homes(g: GraphReading, kinds, parent) -> dict[str, str]:
    """The topic each paper is drawn under: its first note's heading, else its first topic."""
    home = {}
    for paper in sorted(n for n, k in kinds.items() if k == "paper"):
        topics = sorted(t for t, r in g.out.get(paper, ()) if r == "subject" and t in parent)
        if not topics:
            continue
        named = [t for t in topics if g.attrs[t].get("label") == g.attrs[paper].get("topic")]
        home[paper] = (named or topics)[0]
    return home


def map_topics(parent, children, own) -> tuple[list[str], list[str]]:
    """The topics of the first view, and the single-child headings above them.

    Notes often wrap everything in one heading ("Papers by topic"): a map of that one topic
    says nothing, so the map is the first level below such wrappers that has more than one
    topic (or a topic with papers of its own).
    """
    level = list(children.get(None, []))
    wrappers: list[str] = []
    while len(level) == 1 and children.get(level[0]) and not own.get(level[0]):
        wrappers.append(level[0])
        level = list(children[level[0]])
    return level, wrappers


def _descendants(topic, children) -> list[str]:
    out: list[str] = []
    for kid in children.get(topic, []):
        out.append(kid)
        out.extend(_descendants(kid, children))
    return out


def _block_size(block: _Block) -> tuple[int, float, float]:
    """Columns, width and height of a block: about as wide as tall, never wider than needed."""
    n = len(block.papers)
    head = HEADER if block.header else 0.0
    if not n:
        return 1, COLUMN, head
    cols = max(1, min(n, round(math.sqrt(n * ROW / COLUMN))))
    rows = math.ceil(n / cols)
    return cols, cols * COLUMN, head + rows * ROW


def _masonry(sizes: list[tuple[float, float]], columns: int, gap: float):
    """Top-left corners of items dropped, in order, into the shortest of `columns` columns."""
    heights = [0.0] * columns
    widths = [0.0] * columns
    slots = []
    for w, h in sizes:
        c = min(range(columns), key=lambda k: (heights[k], k))
        slots.append((c, heights[c]))
        heights[c] += h + gap
        widths[c] = max(widths[c], w)
    lefts = [0.0]
    for w in widths[:-1]:
        lefts.append(lefts[-1] + w + gap)
    corners = [(lefts[c], y) for c, y in slots]
    width = sum(widths) + gap * (columns - 1)
    height = max(heights) - gap if sizes else 0.0
    return corners, width, height


def _best_masonry(sizes, gap, aspect=VIEW_ASPECT):
    """The column count whose packing fits a screen of that aspect at the largest zoom."""
    if not sizes:
        return [], 0.0, 0.0
    best = None
    for columns in range(1, len(sizes) + 1):
        corners, width, height = _masonry(sizes, columns, gap)
        scale = min(aspect / max(width, 1.0), 1.0 / max(height, 1.0))
        if best is None or scale > best[0] + 1e-12:
            best = (scale, corners, width, height)
    return best[1:]


def _region_shape(blocks: list[_Block]):
    """Relative positions of a region's nodes, and its size: title row, then the blocks."""
    blocks = [b for b in blocks if b.header or b.papers]
    sizes = [_block_size(b) for b in blocks]
    corners, width, height = _best_masonry([(w, h) for _, w, h in sizes], BLOCK_GAP)
    rel: dict[str, tuple[float, float]] = {}
    for block, (cols, _, _), (bx, by) in zip(blocks, sizes, corners, strict=True):
        top = TITLE + by
        if block.header:
            rel[block.header] = (bx + 10, top + HEADER / 2)
            top += HEADER
        rows = math.ceil(len(block.papers) / cols) if block.papers else 0
        for j, paper in enumerate(block.papers):
            col, row = divmod(j, rows)  # down the first column, then the next
            rel[paper] = (bx + col * COLUMN + 12, top + row * ROW + ROW / 2)
    return rel, max(width, REGION_MIN[0]), max(TITLE + height, REGION_MIN[1])


def _pack_regions(shapes, pos, g: GraphReading) -> list[Region]:
    sizes = [(w, h) for _, (_, w, h) in shapes]
    corners, _, _ = _best_masonry(sizes, STREET)
    counts = [sum(1 for n in rel if g.attrs[n].get("type") == "paper") for _, (rel, _, _) in shapes]
    # One scale for every bubble (area ~ papers), the largest that keeps each inside its region.
    unit = min(
        (0.42 * min(w, h) / math.sqrt(max(n, 1)) for (w, h), n in zip(sizes, counts, strict=True)),
        default=1.0,
    )
    regions = []
    for (topic, (rel, w, h)), (x, y), n in zip(shapes, corners, counts, strict=True):
        for node, (dx, dy) in rel.items():
            pos[node] = (x + dx, y + dy)
        if topic is not None:
            pos[topic] = (x + 16, y + TITLE / 2)
        radius = max(24.0, unit * math.sqrt(max(n, 1)))
        regions.append(
            Region(
                topic=topic,
                box=(round(x), round(y), round(x + w), round(y + h)),
                bubble=(round(x + w / 2), round(y + h / 2), round(radius)),
                papers=n,
            )
        )
    return regions


def _outside(x, y, boxes) -> tuple[float, float]:
    """The point itself, or the nearest point just outside the region that contains it."""
    for x0, y0, x1, y1 in boxes:
        if x0 - MARGIN < x < x1 + MARGIN and y0 - MARGIN < y < y1 + MARGIN:
            exits = [
                (x - (x0 - MARGIN), (x0 - MARGIN, y)),
                ((x1 + MARGIN) - x, (x1 + MARGIN, y)),
                (y - (y0 - MARGIN), (x, y0 - MARGIN)),
                ((y1 + MARGIN) - y, (x, y1 + MARGIN)),
            ]
            return min(exits)[1]
    return x, y


def _inside(x, y, boxes) -> bool:
    return any(
        x0 - MARGIN < x < x1 + MARGIN and y0 - MARGIN < y < y1 + MARGIN for x0, y0, x1, y1 in boxes
    )


def _free_spot(x, y, boxes, placed) -> tuple[float, float]:
    """The nearest point to (x, y) outside every region and NODE_GAP from placed nodes."""
    x, y = _outside(x, y, boxes)
    for k in range(4000):
        r = NODE_GAP * 0.5 * math.sqrt(k)
        cx, cy = x + r * math.cos(k * GOLDEN_ANGLE), y + r * math.sin(k * GOLDEN_ANGLE)
        if _inside(cx, cy, boxes):
            continue
        cell = (math.floor(cx / NODE_GAP), math.floor(cy / NODE_GAP))
        near = (
            p
            for gx in (cell[0] - 1, cell[0], cell[0] + 1)
            for gy in (cell[1] - 1, cell[1], cell[1] + 1)
            for p in placed.get((gx, gy), ())
        )
        if all(math.hypot(cx - px, cy - py) >= NODE_GAP for px, py in near):
            placed[cell].append((cx, cy))
            return cx, cy
    return x, y


def _place_techniques(g: GraphReading, kinds, pos, boxes, placed) -> None:
    """Each technique near the middle of its papers, hubs first so they get the best spots."""
    techniques = sorted(n for n, k in kinds.items() if k == "technique")
    papers_of = {
        t: sorted(s for s, r in g.into.get(t, ()) if r == "mentions" and s in pos)
        for t in techniques
    }
    target: dict[str, tuple[float, float]] = {}
    for t in techniques:
        if papers_of[t]:
            ps = papers_of[t]
            target[t] = (sum(pos[p][0] for p in ps) / len(ps), sum(pos[p][1] for p in ps) / len(ps))
    for t in techniques:  # broader terms no paper names: beside the ones they group
        if t in target:
            continue
        kids = sorted(s for s, r in g.into.get(t, ()) if r == "broader" and s in target)
        if kids:
            target[t] = (
                sum(target[k][0] for k in kids) / len(kids),
                sum(target[k][1] for k in kids) / len(kids),
            )
    for t in sorted(target, key=lambda t: (-len(papers_of[t]), t)):
        pos[t] = _free_spot(*target[t], boxes, placed)


def _place_works(g: GraphReading, kinds, pos, boxes, placed) -> None:
    for node in sorted(n for n, t in kinds.items() if t == "work"):
        sources = sorted(s for s, _ in g.into.get(node, ()) if s in pos)
        if sources:
            pos[node] = _free_spot(*pos[sources[0]], boxes, placed)
