"""paperkg from Python: build or open a graph, query it, and hand it to rdflib, networkx,
pyvis or pandas; query a remote endpoint, serve a graph, push it to a lab's server. The
`paperkg` command is a thin skin over these functions: each command is one call here.

    import paperkg
    kg = paperkg.build("notes/", out="output")       # or paperkg.open("output")
    kg.query("top-rated", min_rating=9).to_pandas()
    kg.papers()[0].title, kg.networkx(), kg.pyvis(), kg.rdf
    paperkg.remote("http://127.0.0.1:7878/query").query("top-rated")

Only what a call needs is imported when it is made: querying needs pyoxigraph alone;
rdflib, networkx, pyvis, pandas and spaCy load on the first call that uses them. Every
error is a `paperkg.errors.PaperkgError` (the CLI maps each class to its exit code).
"""

from __future__ import annotations

import html as html_escape
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Self

from paperkg.errors import InputError, OutputError, StoreError
from paperkg.graph.outputs.export import FORMATS

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph
    import pyvis.network
    import rdflib

    from paperkg.extract.candidates import Candidate
    from paperkg.extract.evaluation import Scores
    from paperkg.extract.language.vocabulary import Vocabulary
    from paperkg.extract.reading.inspection import FileLayout
    from paperkg.graph.rdf.validate import ValidationReport
    from paperkg.graph.remote.live_view import LiveView
    from paperkg.graph.remote.protocol import Credentials
    from paperkg.graph.remote.push import PushReport
    from paperkg.graph.remote.server import Server
    from paperkg.graph.store import catalog
    from paperkg.graph.store.query import QueryResult, SavedQuery
    from paperkg.graph.store.rows import Rows
    from paperkg.run.outputs import BuildReport

DEFAULT_OUT = "output"  # the output folder of `build` and of every command that reads one
EXPORT_FORMATS = tuple(FORMATS)  # the registry's names (graph/outputs/export.py)

__all__ = [
    "DEFAULT_OUT",
    "EXPORT_FORMATS",
    "Graph",
    "RemoteGraph",
    "build",
    "candidates",
    "evaluate",
    "inspect",
    "live_view",
    "open",
    "push",
    "queries",
    "remote",
    "serve",
    "view_page",
    "vocabulary",
    "watch",
]


def _paths(items: str | Path | Iterable[str | Path]) -> list[str | Path]:
    return [items] if isinstance(items, str | Path) else list(items)


def build(
    notes: str | Path | Iterable[str | Path],
    out: str | Path = DEFAULT_OUT,
    vocab: str | Path | Iterable[str | Path] = (),
    html: bool = True,
    strict: bool = False,
    workers: int | None = None,
    *,
    extensions: Iterable[str] = (),
    follow_symlinks: bool = False,
    force: bool = False,
    note: Callable[[str], None] | None = None,
) -> Graph:
    """Build the graph of notes files or folders into `out` and open it.

    Writes graph.ttl, graph.jsonld, graph.graphml, graph.html (unless `html=False`) and the
    Oxigraph store, all or nothing; only notes files that changed are extracted again.
    `vocab` adds your own SKOS technique files. The returned graph's `report` has the
    counts, warnings and timings. Raises `StrictError` (with `.warnings`) when `strict`
    and a warning was met, `InputError` subclasses for unreadable notes, vocabularies or
    an output folder that cannot be written; nothing is written then. `workers` caps the
    processes that extract a big build's notes (default: one per CPU).

    Folders are searched for *.md, *.markdown, *.mdx and *.qmd, plus `extensions`
    (`[".txt"]`); a symlink out of a given folder is skipped with a warning unless
    `follow_symlinks`. `out` must be new, empty or a folder paperkg built before (else
    `OutputError`); `force` builds beside other files there, never overwriting them.
    `note` is called, before anything is read, with one line for each file given by name
    that is read as Markdown though its extension is not a Markdown one.
    """
    from paperkg.extract.reading.finding import NotesSearch, extension_notes
    from paperkg.run.outputs import build_outputs

    if note is not None:
        for line in extension_notes(_paths(notes), NotesSearch.of(extensions)):
            note(line)
    try:
        report = build_outputs(
            _paths(notes),
            out,
            vocab_files=_paths(vocab),
            html=html,
            strict=strict,
            workers=workers,
            search=NotesSearch.of(extensions, follow_symlinks),
            force=force,
        )
    except OSError as err:  # a full disk, a read-only or vanished output folder
        where = str(err.filename or "")
        if where and not where.startswith((str(out), str(Path(out).resolve()))):
            raise  # not about the output folder: a bug (say a missing package file)
        raise OutputError(f"{out}: cannot write the outputs ({err.strerror or err})") from err
    return Graph(out, report=report)


def leave_builds_unfreed() -> None:
    """For a process that ends with `os._exit` after its one command (the `paperkg` script):
    builds leave what they made to that exit instead of freeing it object by object. A
    notebook or a server must not call it: each build's records and triples would stay."""
    from paperkg.run.outputs import leave_unfreed

    leave_unfreed()


def open(out: str | Path = DEFAULT_OUT) -> Graph:  # noqa: A001 - paperkg.open, like sqlite3's
    """Open the graph `paperkg build` wrote into `out` (read-only); `StoreError` if none."""
    return Graph(out)


def inspect(notes: str | Path | Iterable[str | Path]) -> tuple[FileLayout, ...]:
    """How each notes file is read: per file the level its papers were found at (list
    items, table rows, headings, one paper per file), the evidence, the number of papers,
    the first titles and the candidates left out. Nothing is written; no NLP runs."""
    from paperkg.extract.reading.inspection import inspect_notes

    return inspect_notes(_paths(notes))


def evaluate(
    notes: str | Path | Iterable[str | Path],
    gold: str | Path,
    vocab: str | Path | Iterable[str | Path] = (),
) -> Scores:
    """Score extraction of `notes` against a hand-labelled gold JSON Lines file.

    Returns `Scores` (`.entries`, `.techniques`, `.related`, each with precision, recall
    and f1; `.as_dict()`; `.errors` one line per miss or extra). Nothing is written.
    """
    from paperkg.extract.evaluation import evaluate as score
    from paperkg.extract.language.vocabulary import load_vocabulary
    from paperkg.run.collect import extract_notes

    gold = Path(gold)
    if not gold.is_file():
        raise InputError(f"{gold}: no such file")
    vocabulary = load_vocabulary(_paths(vocab))
    paths = _paths(notes)
    extraction = extract_notes(paths, vocabulary)
    # gold `file` keys are relative to the folders given; links between notes count, as
    # the records carry them resolved
    records = [item for f in extraction.files for item in f.entries]
    try:
        return score(records, gold, vocabulary, roots=paths)
    except OSError as err:
        raise InputError(f"{gold}: cannot read the gold file ({err.strerror or err})") from err
    except (ValueError, KeyError, TypeError) as err:  # not JSON Lines in the gold format
        raise InputError(f"{gold}: not a gold file in the paperkg format ({err})") from err


def watch(
    notes: str | Path | Iterable[str | Path],
    out: str | Path = DEFAULT_OUT,
    vocab: str | Path | Iterable[str | Path] = (),
    html: bool = True,
    strict: bool = False,
    workers: int | None = None,
    *,
    echo: Callable[[str, bool], None],
    quiet: bool = False,
    extensions: Iterable[str] = (),
    follow_symlinks: bool = False,
    force: bool = False,
) -> None:
    """Build as `build` does, then again on every save of a notes or vocabulary file, until
    Ctrl-C. Each build's lines (summary, warnings unless `quiet`, errors) go to
    `echo(line, is_error)` as they come: a watch has no single result to return."""
    from paperkg.extract.reading.finding import NotesSearch
    from paperkg.run.watch import WatchOptions, watch_build

    options = WatchOptions(
        tuple(str(p) for p in _paths(notes)),
        str(out),
        tuple(str(p) for p in _paths(vocab)),
        html,
        strict,
        quiet,
        workers,
        NotesSearch.of(extensions, follow_symlinks),
        force,
    )
    watch_build(options, echo)


def view_page(out: str | Path = DEFAULT_OUT) -> Path:
    """The HTML view a build wrote into `out` (graph.html, one self-contained file), as an
    absolute path to open in a browser; `InputError` if there is none (`--no-html`)."""
    page = Path(out) / "graph.html"
    if not page.is_file():
        raise InputError(f"{page}: no HTML view here; run `paperkg build` first")
    return page.resolve()


def live_view(out: str | Path = DEFAULT_OUT, port: int = 0, interval_ms: int = 500) -> LiveView:
    """Serve the HTML view of `out` on 127.0.0.1 (`port=0`: a free one) so that it reloads
    itself when a build replaces it (`paperkg view --watch`), keeping the open topics, the
    selection and the search; returns it running (`.url`, `.wait()`, `.stop()`; a context
    manager). The page polls the server every `interval_ms`; graph.html on disk is not
    changed. `StoreError` for a folder paperkg did not build, `InputError` for one built
    without the view, `ServeError` if the port is taken.
    """
    from paperkg.graph.remote.live_view import start_live_view
    from paperkg.run.output_folder import is_paperkg_folder

    if not is_paperkg_folder(out):
        raise StoreError(
            f"{out}: not a folder `paperkg build` wrote; view --watch serves only those"
        )
    return start_live_view(view_page(out), port, interval_ms)


def queries() -> tuple[SavedQuery, ...]:
    """The saved queries `Graph.query` and `paperkg query` know by name: each with its
    description, parameters (and which are required) and SPARQL text."""
    from paperkg.graph.store.query import saved_queries

    return tuple(saved_queries().values())


def vocabulary(vocab: str | Path | Iterable[str | Path] = ()) -> Vocabulary:
    """The technique vocabulary a build uses: the built-in one, with your own SKOS Turtle
    files `vocab` merged in (`VocabularyError` names a file that cannot be used)."""
    from paperkg.extract.language.vocabulary import load_vocabulary

    return load_vocabulary(_paths(vocab))


def candidates(
    notes: str | Path | Iterable[str | Path],
    vocab: str | Path | Iterable[str | Path] = (),
    min_count: int = 1,
) -> list[Candidate]:
    """Terms of `notes` that look like techniques or named works but are not in the
    vocabulary, seen at least `min_count` times, most frequent first (`paperkg vocab
    candidates`): each with its count, first place (file:line) and known head, if any."""
    from paperkg.extract.candidates import find_candidates

    found = find_candidates(_paths(notes), vocabulary(vocab))
    return [c for c in found if c.count >= min_count]


def remote(query_url: str, user: str | None = None, password: str = "") -> RemoteGraph:
    """A graph on a SPARQL 1.1 Protocol endpoint (a `paperkg serve`, or a lab's server that
    `push` fills), queried as a built one is; `user` and `password` for basic auth."""
    return RemoteGraph(query_url, user, password)


def serve(
    out: str | Path = DEFAULT_OUT,
    host: str = "127.0.0.1",
    port: int = 7878,
    writable: bool = False,
    warn: Callable[[str], None] | None = None,
) -> Server:
    """Start Oxigraph's SPARQL server over the store `paperkg build` wrote into `out` and
    return it running (`.endpoint.query_url`, `.view`, `.wait()`, `.stop()`; a context
    manager). Read-only unless `writable`; `port=0` takes a free port (a notebook's second
    server, a test). A `host` other than loopback is passed to `warn` (default: Python's
    `warnings`) before the server starts. `StoreError` for a folder paperkg did not build (a
    writable server would write into it), `ServeError` if it cannot start.
    """
    from paperkg.graph.remote.server import (
        Server,
        free_port,
        is_loopback,
        start_server,
        view_uri,
    )
    from paperkg.graph.store.disk import store_path
    from paperkg.run.output_folder import is_paperkg_folder

    location = store_path(out)
    if not location.is_dir():
        raise StoreError(f"{out}: no graph here; run `paperkg build NOTES -o {out}` first")
    if not is_paperkg_folder(out):
        raise StoreError(f"{out}: not a folder `paperkg build` wrote; serve serves only those")
    if not is_loopback(host):
        message = f"listening on {host}: other machines can reach the endpoint"
        if warn is None:
            import warnings

            warnings.warn(message, stacklevel=2)
        else:
            warn(message)
    process, endpoint = start_server(location, host, port or free_port(host), writable)
    return Server(process, endpoint, writable, view_uri(out))


def push(
    update_url: str,
    out: str | Path = DEFAULT_OUT,
    user: str | None = None,
    password: str = "",
    batch: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PushReport:
    """Push the graph built into `out` to a SPARQL 1.1 Update endpoint, each notes file's
    named graph replaced, in INSERT DATA requests of `batch` triples (default 2,000; split
    smaller when the server refuses them as too large). `progress(sent, total)` is called
    with the triples sent so far, once before the first request and after each one.
    Returns the `PushReport` (`.summary_line(update_url)`); `EndpointError` when the server
    cannot be reached or refuses, `StoreError` when there is no build in `out`.
    """
    from paperkg.graph.remote.protocol import check_url
    from paperkg.graph.remote.push import BATCH_TRIPLES, named_graphs, push_graphs

    check_url(update_url)
    with Graph(out) as graph:
        graphs = named_graphs(graph.rdf)
    total = sum(len(g.triples) for g in graphs)
    sent = 0

    def step(triples: int) -> None:
        nonlocal sent
        sent += triples
        if progress is not None:
            progress(sent, total)

    step(0)
    credentials = _credentials(user, password)
    return push_graphs(graphs, update_url, credentials, batch or BATCH_TRIPLES, step)


def _credentials(user: str | None, password: str) -> Credentials | None:
    """HTTP basic credentials when a user is given (none else, whatever the password)."""
    if not user:
        return None
    from paperkg.graph.remote.protocol import Credentials

    return Credentials(user, password)


def _prepared(sparql: str, params: Mapping[str, Any] | None) -> tuple[str, dict[str, Any]]:
    """The text of SPARQL text, `@file.rq` or a saved query's name, and its parameters,
    checked against the saved query's (a misspelt or missing one is a `QueryError`)."""
    from paperkg.graph.store.query import check_parameters, query_text, saved_queries

    text = query_text(sparql)
    params = dict(params or {})
    saved = saved_queries().get(sparql)
    if saved is not None:
        check_parameters(saved, params)
    return text, params


class _Answers:
    """What a built graph and a remote one share: `query()` over their own `result()`."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Let go of what the graph holds open."""

    def result(self, sparql: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        """The answer as RDF terms; each kind of graph runs the query its own way."""
        raise NotImplementedError

    def query(self, sparql: str, /, **params: Any) -> Rows | bool | rdflib.Graph:
        """Run SPARQL text, `@file.rq` or a saved query by name (see `queries()`).

        Parameters bind query variables as values, never as text: `min_rating=9` (a number),
        `technique="LoRA"` (text follows the CLI's rules: `http(s)://…`, `urn:…`, `<…>` are
        IRIs, digits numbers). SELECT gives `Rows` (named tuples of Python values, with
        `.to_pandas()`), ASK a bool, CONSTRUCT and DESCRIBE an rdflib Graph.
        """
        from paperkg.graph.store.rows import Rows

        result = self.result(sparql, params)
        if result.kind == "ASK":
            return bool(result.boolean)
        if result.kind == "CONSTRUCT":
            return result.graph
        return Rows.of(result)

    @staticmethod
    def saved_queries() -> dict[str, str]:
        """The saved queries by name, with their descriptions."""
        return {q.name: q.description for q in queries()}


class RemoteGraph(_Answers):
    """A graph on a SPARQL 1.1 Protocol endpoint: the same queries, saved ones included,
    with the same parameters and rows as on a built graph (paperkg's prefixes are declared
    for the server). A query the server rejects (HTTP 400) is a `QueryError`, like a local
    syntax error; a server that cannot be reached or fails otherwise an `EndpointError`.
    """

    def __init__(self, query_url: str, user: str | None = None, password: str = "") -> None:
        self.url = query_url
        self._credentials = _credentials(user, password)

    def __repr__(self) -> str:
        return f"paperkg.RemoteGraph({self.url!r})"

    def result(self, sparql: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        """Run SPARQL text, `@file.rq` or a saved query's name on the endpoint; cells are
        rdflib terms. The CLI prints this; `query()` is the same with Python values."""
        from paperkg.graph.remote.remote_query import run_remote  # urllib: remote only

        text, params = _prepared(sparql, params)
        return run_remote(self.url, text, params, self._credentials)


class Graph(_Answers):
    """A built graph, read-only: SPARQL, typed records, and the libraries you already use.

    It reads the store as it was when opened: open it again after a rebuild.
    """

    def __init__(self, out: str | Path = DEFAULT_OUT, report: BuildReport | None = None):
        from paperkg.graph.store.disk import built_store

        self.out = Path(out)
        self.report = report
        built_store(self.out)  # no graph here: fail now, not at the first query
        self._opened: tuple[pyoxigraph.Store, bool] | None = None
        self._closed = False
        self._rdf: rdflib.Dataset | None = None

    def __repr__(self) -> str:
        return f"paperkg.Graph({str(self.out)!r})"

    def close(self) -> None:
        """Let go of the store (also done when the graph is garbage collected)."""
        if self._rdf is not None:
            self._rdf.close()
            self._rdf = None
        self._opened = None
        self._closed = True

    @property
    def _store(self) -> pyoxigraph.Store:
        """The pyoxigraph store, opened read-only on first use (a build need not open it)."""
        if self._closed:
            raise InputError(f"{self.out}: this graph was closed")
        if self._opened is None:
            from paperkg.graph.store.disk import read_only_store

            self._opened = read_only_store(self.out)
        return self._opened[0]

    @property
    def _union(self) -> bool:
        """Whether queries read the union of the named graphs (stores before bulk_load's copy)."""
        self._store  # noqa: B018 - opens the store
        return self._opened[1]

    # -- SPARQL -------------------------------------------------------------------------

    def result(self, sparql: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        """Run SPARQL text, `@file.rq` or a saved query's name; cells are RDF terms.

        The CLI prints this; `query()` is the same with Python values.
        """
        from paperkg.graph.store.query import run_on_store

        text, params = _prepared(sparql, params)
        return run_on_store(self._store, text, params, union=self._union)

    def _select(self, text: str) -> Rows:
        from paperkg.graph.store.query import run_on_store
        from paperkg.graph.store.rows import Rows

        return Rows.of(run_on_store(self._store, text, union=self._union))

    # -- typed records --------------------------------------------------------------------

    def papers(self) -> tuple[catalog.Paper, ...]:
        """Every paper of the notes as a `Paper` record (title, url, rating, topics, ...)."""
        from paperkg.graph.store import catalog

        return catalog.papers(self._select)

    def papers_frame(self):
        """Every paper as a row of a pandas DataFrame: title, url, year, authors, rating,
        topics, tags, techniques and notes (`file:line` places); list cells "; " joined.
        pandas is imported only here (`pip install paperkg[pandas]`)."""
        import pandas as pd

        def joined(items: tuple[str, ...]) -> str:
            return "; ".join(items)

        columns = ("iri", "title", "url", "year", "authors", "rating", "starred")
        columns += ("topics", "tags", "techniques", "notes")
        rows = [
            (
                p.iri,
                p.title,
                p.url,
                p.year,
                joined(p.authors),
                p.rating,
                p.starred,
                joined(p.topics),
                joined(p.tags),
                joined(p.techniques),
                joined(p.notes),
            )
            for p in self.papers()
        ]
        frame = pd.DataFrame(rows, columns=list(columns))
        frame["year"] = frame["year"].astype("Int64")
        return frame

    def techniques(self) -> tuple[catalog.Technique, ...]:
        """The techniques papers mention, most mentioned first, as `Technique` records."""
        from paperkg.graph.store import catalog

        return catalog.techniques(self._select)

    def topics(self) -> tuple[catalog.Topic, ...]:
        """The topics (headings) with their heading paths, as `Topic` records."""
        from paperkg.graph.store import catalog

        return catalog.topics(self._select)

    def stats(self, top: int = 10) -> catalog.Stats:
        """Counts by type, top techniques and fullest topics (`paperkg stats`)."""
        from paperkg.graph.store import catalog
        from paperkg.graph.store.query import saved_queries

        return catalog.stats(self._select, lambda name: saved_queries()[name].text, top)

    # -- other libraries ------------------------------------------------------------------

    @property
    def rdf(self) -> rdflib.Dataset:
        """An rdflib Dataset over the store (Oxigraph answers its SPARQL): named graphs per
        notes file, their union as the default graph."""
        if self._rdf is None:
            from paperkg.graph.store.disk import dataset_over

            self._rdf = dataset_over(self._store)
        return self._rdf

    def networkx(self) -> nx.MultiDiGraph:
        """The property graph GraphML and the HTML view are drawn from: one node per paper,
        topic, technique and outside work (keyed by IRI), edges with a `relation`."""
        from paperkg.graph.outputs.projection import to_networkx

        return to_networkx(self.rdf)

    def pyvis(
        self, subgraph: nx.MultiDiGraph | None = None, **options: Any
    ) -> pyvis.network.Network:
        """A pyvis Network styled like the HTML view (colours, shapes, sizes, labels), with
        vis-network inlined so it works offline and in Jupyter (`notebook=True`, `.show()`).

        `subgraph` draws part of `networkx()` instead of all of it; `options` go to pyvis'
        `Network` (height, width, notebook, select_menu, ...).
        """
        from paperkg.graph.outputs.network import to_pyvis

        return to_pyvis(self.networkx() if subgraph is None else subgraph, **options)

    def _repr_html_(self) -> str:
        """The paperkg HTML view itself in a sandboxed iframe (a notebook cell's display)."""
        page = self.out / "graph.html"
        if page.is_file():
            text = page.read_text("utf-8")
        else:  # built with html=False
            from paperkg.graph.outputs.projection import mentions_by_paper
            from paperkg.graph.outputs.view import render_view

            text = render_view(self.networkx(), mentions=mentions_by_paper(self.rdf))
        return (
            '<iframe sandbox="allow-scripts" style="width:100%;height:640px;border:0" '
            f'title="paperkg view of {html_escape.escape(str(self.out))}" '
            f'srcdoc="{html_escape.escape(text, quote=True)}"></iframe>'
        )

    # -- exports and checks ---------------------------------------------------------------

    def export(
        self, fmt: str, to: str | Path | IO[bytes] | None = None, overwrite: bool = True
    ) -> Path | bytes | None:
        """Write the graph in one of `EXPORT_FORMATS` (turtle, jsonld, ntriples, nquads,
        graphml, ...).

        To a path (written atomically; returns it), to a binary stream, or with `to=None`
        returned as bytes. With `overwrite=False` an existing file is refused (`OutputError`)
        before anything is made (`paperkg export --to` without `--force`).
        """
        if fmt not in FORMATS:
            raise InputError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
        target = Path(to) if isinstance(to, str | Path) else None
        if target is not None and not overwrite and (target.exists() or target.is_symlink()):
            raise OutputError(f"{to}: already exists; not overwritten (--force replaces it)")
        data = FORMATS[fmt].write(self._store, self._union)
        if isinstance(to, str | Path):
            from paperkg.graph.outputs.atomic import write_atomic

            return write_atomic(to, lambda handle: handle.write(data))
        if to is None:
            return data
        to.write(data)
        return None

    def validate(self) -> ValidationReport:
        """Check the graph against the paperkg RDF contract (SHACL shapes, pyshacl)."""
        from paperkg.graph.outputs.union import union_graph
        from paperkg.graph.rdf.validate import validate_graph

        return validate_graph(union_graph(self.rdf))
