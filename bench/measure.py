"""One scale of the benchmark, run alone in its own process so its peak RSS is its own.

`python bench/measure.py NOTES_DIR OUT_DIR` builds the notes in NOTES_DIR with the same
`build_outputs` the CLI uses, then times every saved query on the Oxigraph store the build
left and on rdflib's in-memory store holding the same quads, and prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import time
import traceback
from pathlib import Path
from queue import Empty

# The saved queries as first written, without the tuning for Oxigraph (sub-query joins,
# lowercase sort keys): rdflib's nested-loop evaluator is slow on the tuned forms, so it is
# also timed on these and the stricter ratio takes its better time of the two.
PLAIN_QUERIES = Path(__file__).resolve().parent / "plain_queries"

# Values for the parameters saved queries require; optional ones keep the query's default.
SAMPLE_BINDINGS = {
    "technique": "CLIP",
    "paper": "diffusion",
    "min_rating": "8",
    "topic": "GANs",
    "name": "wang",
}


def peak_rss_mb() -> float:
    """This process's peak resident set size (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_worker_rss_mb() -> float:
    """The largest peak RSS of the extraction workers the build forked (0 if none); their
    pages shared with this process at the fork count in both figures."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def timed_build(notes: list[Path], out: Path) -> dict:
    """Run the whole build, imports included; if the HTML stage fails, build without it."""
    start = time.perf_counter()
    from paperkg.run.outputs import build_outputs

    html_error = None
    try:
        report = build_outputs(notes, out, html=True)
    except Exception as err:  # the HTML view is being reworked: measure the rest anyway
        html_error = f"{type(err).__name__}: {err}"
        traceback.print_exc(file=sys.stderr)
        start = time.perf_counter()
        report = build_outputs(notes, out, html=False)
    wall = time.perf_counter() - start
    s = report.summary
    return {
        "wall": wall,
        "seconds": report.seconds,
        "papers": s.papers,
        "triples": s.triples,
        "files": report.files,
        "html_error": html_error,
    }


def _time_query(ds, text: str, bindings: dict, repeat: int) -> tuple[list[float], int]:
    """Seconds of each run on an rdflib dataset (rows converted to rdflib terms)."""
    from paperkg.graph.store.query import run_query

    return _timed(lambda: run_query(ds, text, bindings), repeat)


def _time_command_path(graph, text: str, bindings: dict, repeat: int) -> tuple[list[float], int]:
    """Seconds of each run the way `paperkg query` runs it: `Graph.result` on the store
    opened read-only by pyoxigraph, rows of pyoxigraph terms (no rdflib conversion)."""
    return _timed(lambda: graph.result(text, bindings), repeat)


def _timed(run, repeat: int) -> tuple[list[float], int]:
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
        rows = len(result.rows)
    return times, rows


def _time_in_child(ds, text: str, bindings: dict, repeat: int, timeout: float):
    """rdflib's engine can take minutes on one query: time it in a forked child we can stop.

    Returns (seconds, rows), or (None, None) when it ran past `timeout` seconds.
    """
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()

    def work() -> None:
        queue.put(_time_query(ds, text, bindings, repeat))

    child = ctx.Process(target=work, daemon=True)
    child.start()
    try:
        times, rows = queue.get(timeout=timeout)
    except Empty:
        child.kill()
        child.join()
        return None, None
    child.join()
    return times, rows


def memory_copy(ds):
    """The same triples in rdflib's pure-Python memory store, queried the same way.

    oxrdflib hands simple literals back typed xsd:string; rdflib's engine would then not
    match them against a plain-literal parameter (`"clip"`) and answer with no rows, so they
    are copied plain, as RDF 1.1 has them.
    """
    from paperkg.graph.rdf.namespaces import bind_prefixes
    from rdflib import Dataset, Literal
    from rdflib.namespace import XSD

    def plain(term):
        if isinstance(term, Literal) and term.datatype == XSD.string:
            return Literal(str(term))
        return term

    mem = Dataset(default_union=bool(ds.default_union))
    bind_prefixes(mem)
    if ds.default_union:  # a store from before the union was materialised: copy the graphs
        for s, p, o, g in ds.quads((None, None, None, None)):
            mem.graph(getattr(g, "identifier", g)).add((s, p, plain(o)))
    else:
        mem.addN((s, p, plain(o), mem.default_graph) for s, p, o in ds.triples((None, None, None)))
    return mem


def a_paper(ds) -> str:
    """The IRI of the first paper noted (by file and line): a fixed pick for the lookups."""
    from paperkg.graph.store.query import run_query

    query = """SELECT ?p WHERE { ?p pkg:notedIn ?e . ?e pkg:line ?l ; pkg:notesFile/pkg:path ?f }
               ORDER BY ?f ?l ?p LIMIT 1"""
    return str(run_query(ds, query).rows[0][0])


def time_queries(out: Path, repeat: int, memory_repeat: int, timeout: float) -> list[dict]:
    """Each saved query: min and median ms on Oxigraph, then on rdflib's memory store, with
    the same text and with its plain form (each given up after `timeout` s: the ratio is
    then a lower bound)."""
    from paperkg.graph.store.disk import load_store
    from paperkg.graph.store.query import saved_queries

    import paperkg

    ds = load_store(out)
    graph = paperkg.open(out)
    mem = memory_copy(ds)
    rows = []
    cases = []
    for name, saved in sorted(saved_queries().items()):
        required = getattr(saved, "required", saved.parameters)
        bindings = {p: SAMPLE_BINDINGS[p] for p in required if p in SAMPLE_BINDINGS}
        cases.append((name, saved, bindings))
        if "paper" in bindings:  # the same query given one paper's exact IRI
            cases.append((f"{name} (by IRI)", saved, {"paper": f"<{a_paper(ds)}>"}))
    for name, saved, bindings in cases:
        row = {"query": name, "bindings": bindings}
        try:
            _time_command_path(graph, saved.text, bindings, 1)  # warm caches and the parser
            ox, n_ox = _time_command_path(graph, saved.text, bindings, repeat)
            rd, n_rd = _time_in_child(mem, saved.text, bindings, memory_repeat, timeout)
        except Exception as err:
            row["error"] = f"{type(err).__name__}: {err}"
            rows.append(row)
            continue
        row.update(
            oxigraph_ms=min(ox) * 1000,
            oxigraph_median_ms=statistics.median(ox) * 1000,
            rdflib_ms=min(rd) * 1000 if rd else None,
            rdflib_timeout_ms=timeout * 1000,
            rows=n_ox,
            rdflib_rows=n_rd,
        )
        plain = PLAIN_QUERIES / f"{saved.name}.rq"
        if plain.is_file():
            text = plain.read_text("utf-8")
            rd, n_rd = _time_in_child(mem, text, bindings, memory_repeat, timeout)
            row.update(rdflib_plain_ms=min(rd) * 1000 if rd else None, rdflib_plain_rows=n_rd)
        rows.append(row)
    graph.close()
    ds.close()
    return rows


def _memory_sampler() -> subprocess.Popen | None:
    """bench/memory.py watching this process and the workers its build forks (a process,
    not a thread: the build forks only where no other thread runs)."""
    if not Path("/proc/self/smaps_rollup").exists():
        return None
    script = Path(__file__).resolve().parent / "memory.py"
    return subprocess.Popen(
        [sys.executable, str(script), str(os.getpid())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def _peak_pss(sampler: subprocess.Popen | None) -> float | None:
    """The build's peak memory over all its processes (summed PSS), in MB."""
    if sampler is None:
        return None
    out, _ = sampler.communicate("")
    return float(out) if out.strip() else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notes", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--query-repeat", type=int, default=5)
    parser.add_argument("--memory-repeat", type=int, default=1)
    parser.add_argument("--memory-timeout", type=float, default=5.0)
    parser.add_argument("--no-queries", action="store_true")
    parser.add_argument(
        "--memory", action="store_true", help="sample the summed PSS of the build's processes"
    )
    args = parser.parse_args()
    notes = sorted(args.notes.glob("*.md"))
    sampler = _memory_sampler() if args.memory else None
    result = timed_build(notes, args.out)
    # the workers' peak before the sampler ends: once reaped it counts among the children
    result["peak_worker_rss_mb"] = peak_worker_rss_mb()
    result["peak_pss_mb"] = _peak_pss(sampler)
    result["peak_rss_mb"] = peak_rss_mb()  # the build's peak, before the memory copy
    if not args.no_queries:
        result["queries"] = time_queries(
            args.out, args.query_repeat, args.memory_repeat, args.memory_timeout
        )
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
