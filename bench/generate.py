"""Synthetic notes at N times the example's size, seeded, so the benchmark measures a lab's archive.

The shape comes from the example notes themselves (`notes/iccv2023.md`): replica 0 *is* the
example, byte for byte, so 1x benchmarks exactly what users see; replica k >= 1 copies the
example's "Papers by topic" part (same headings, ratings, summaries, comment lengths, image
lines, titles split over two lines) with every paper made a different one: a new code name
before the title's colon, a new CVF- or arXiv-style link, a rating nudged by one, and now and
then a cross-reference to another paper of the same replica with a relation cue. Each replica
is one notes file (~124 entries), so a 40x build reads 40 files. Same (scale, seed), same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
from functools import cache
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "notes" / "iccv2023.md"
PAPERS_HEADING = "# Papers by topic"
# The first link of an entry whose text looks like a title: `[Title](http...)`, maybe over
# lines, maybe with [bracketed] words inside; not an image, not a bare "[released](...)".
_TITLE_LINK = re.compile(
    r"(?<!!)\[((?:[^\[\]]|\[[^\[\]]*\])*?[A-Z0-9](?:[^\[\]]|\[[^\[\]]*\])*?)\]"
    r"\((https?://[^)\s]+)\)",
    re.S,
)
_RATING = re.compile(r"^(- (?:\[\*\] )?\[)(\d+)(/10\])")
_CVF = re.compile(r"openaccess\.thecvf\.com/content/[^/]+/(?:html|papers)/([A-Za-z-]+)_")
_VENUES = (("ICCV", 2023), ("CVPR", 2023), ("CVPR", 2024), ("ICCV", 2021), ("WACV", 2024))
_CUES = ("similar to", "improves on", "based on", "compared with", "see also", "unlike")
_ONSETS = tuple("bcdfgklmnprstvz") + ("br", "dr", "gr", "kr", "pl", "st", "tr")
_VOWELS = ["a", "e", "i", "o", "u", "ia", "ea"]


@cache
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def _blocks(papers: str) -> list[str]:
    """The papers part cut into blocks: a heading, an entry with its following lines, or text."""
    blocks: list[str] = []
    for line in papers.split("\n"):
        if line.startswith(("#", "- ")) or not blocks:
            blocks.append(line)
        else:
            blocks[-1] += "\n" + line
    return blocks


def _code_name(rng: random.Random, taken: set[str]) -> str:
    """A pronounceable new acronym ("Dravelo"), never used before in this generation."""
    while True:
        n = rng.choice((2, 3, 3, 4))
        name = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(n)).capitalize()
        if name not in taken:
            taken.add(name)
            return name


def _new_title(title: str, name: str) -> str:
    """Swap the acronym before the colon for the code name, or prefix it; keep line breaks."""
    head, sep, rest = title.partition(":")
    if sep and len(head.split()) <= 3:
        return f"{name}:{rest}"
    return f"{name}: {title}"


def _new_link(old: str, title: str, n: int, rng: random.Random) -> str:
    """A CVF-style link for CVF papers (mostly), an arXiv one (/abs/ or /pdf/vN) otherwise."""
    cvf = _CVF.search(old)
    if cvf and rng.random() < 0.8:
        venue, year = rng.choice(_VENUES)
        words = re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", title)[:10]
        return (
            f"https://openaccess.thecvf.com/content/{venue}{year}/html/"
            f"{cvf.group(1)}_{'_'.join(words)}_{venue}_{year}_paper.html"
        )
    yy, mm = 21 + n % 4, 1 + (n // 4) % 12
    ident = f"{yy:02d}{mm:02d}.{10000 + n:05d}"
    if rng.random() < 0.3:
        return f"https://arxiv.org/pdf/{ident}v{rng.randint(1, 3)}"
    return f"https://arxiv.org/abs/{ident}"


def _replica(papers: list[str], k: int, seed: int, taken: set[str]) -> str:
    """Replica k of the papers part: every entry a new paper, same shape."""
    rng = random.Random(f"{seed}:{k}")
    entries = [i for i, b in enumerate(papers) if b.startswith("- ") and _TITLE_LINK.search(b)]
    names = {i: _code_name(rng, taken) for i in entries}
    out = list(papers)
    for j, i in enumerate(entries):
        block = papers[i]
        match = _TITLE_LINK.search(block)
        title = _new_title(match.group(1), names[i])
        url = _new_link(match.group(2), " ".join(title.split()), k * 1000 + j, rng)
        block = f"{block[: match.start()]}[{title}]({url}){block[match.end() :]}"
        block = _RATING.sub(lambda m: _nudge(m, rng), block, count=1)
        if rng.random() < 0.15:
            other = names[rng.choice(entries)]
            if other != names[i]:
                first, sep, rest = block.partition("\n")
                block = f"{first} {rng.choice(_CUES)} {other}.{sep}{rest}"
        out[i] = block
    return f"Personal notes, batch {k}\n\n" + "\n".join(out)


def _nudge(m: re.Match, rng: random.Random) -> str:
    rating = min(10, max(1, int(m.group(2)) + rng.choice((-1, 0, 0, 1))))
    return f"{m.group(1)}{rating}{m.group(3)}"


def generate_files(scale: int, seed: int = 0) -> list[tuple[str, str]]:
    """(file name, text) for each notes file of a `scale`x archive; file 0 is the example."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    text = example_text()
    start = text.index(PAPERS_HEADING)
    papers = _blocks(text[start:])
    taken: set[str] = set()
    files = [("notes-000.md", text)]
    for k in range(1, scale):
        files.append((f"notes-{k:03d}.md", _replica(papers, k, seed, taken)))
    return files


def generate_notes(scale: int, seed: int = 0) -> str:
    """The whole archive as one Markdown document (for tools that want a single file)."""
    return "\n\n".join(text for _, text in generate_files(scale, seed))


def generate_noted_copies(copies: int) -> str:
    """The example's entries noted `copies` times in one file: the same papers each time.

    As when a lab pools its notes: copy K tags every link with `?utm_source=copyK` (which
    paperkg strips, so the paper stays one node) and puts a copy suffix after every title
    (so each paper carries `copies` title and link variants, one per note).
    """
    if copies < 1:
        raise ValueError("copies must be at least 1")
    text = example_text()
    start = text.index(PAPERS_HEADING)  # the introduction's sample entry stays as it is
    out = []
    for k in range(copies):

        def variant(m: re.Match, k: int = k) -> str:
            url = m.group(2)
            url += ("&" if "?" in url else "?") + f"utm_source=copy{k}"
            return f"[{m.group(1)} (copy {k})]({url})"

        papers = _TITLE_LINK.sub(variant, text[start:])
        out.append(f"Pooled notes, copy {k}\n\n" + text[:start] + papers)
    return "\n\n".join(out)


def write_notes(folder: str | Path, scale: int, seed: int = 0) -> list[Path]:
    """Write the archive's notes files into `folder` (created); return their paths, sorted."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate_files(scale, seed):
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = write_notes(args.folder, args.scale, args.seed)
    print(f"wrote {len(paths)} notes files to {args.folder}")


if __name__ == "__main__":
    main()
