"""The ``kg`` command: each subcommand parses, calls one kg function, reports.

Results go to stdout or files; progress, logs and errors to stderr. A KgError becomes
one line ``kg: error: ...`` and its exit code (1 failed input, 2 usage), never a
traceback.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

import click

from kg import __version__
from kg.errors import InputError, KgError, UsageError, ValidationError

log = logging.getLogger("kg")


class Progress:
    """Counts documents on stderr, at most one line every ``every`` seconds."""

    def __init__(self, every: float = 2.0, quiet: bool = False) -> None:
        self.every, self.quiet = every, quiet
        self.started = self.last = time.monotonic()
        self.documents = self.words = 0

    def __call__(self, record) -> None:
        self.documents += 1
        self.words += len(record.document.text.split())
        now = time.monotonic()
        if not self.quiet and now - self.last >= self.every:
            self.last = now
            rate = self.words / max(now - self.started, 1e-9)
            click.echo(
                f"  {self.documents} documents, {self.words} words ({rate:,.0f} words/s)", err=True
            )


# The --store option of the commands that read a graph (kg build --store writes one).
STORE_OPTION = click.option(
    "--store",
    type=click.Path(path_type=Path),
    help="Use the graph of this store (kg build --store).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv: debug).")
def cli(verbose: int) -> None:
    """diplokg: knowledge graphs of diplomatic statements and agreements from news text."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="kg: %(levelname)s: %(message)s", stream=sys.stderr)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Turtle file to write (atomically).",
)
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    help="Add the inputs to this on-disk store (created if absent; see kg/store.py).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Extract on this many worker processes.",
)
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check of the graph.")
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be read.")
@click.option("--lang", default="ar", show_default=True, help="Language of the inputs.")
@click.option("-q", "--quiet", is_flag=True, help="No progress lines.")
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=2_000_000,
    show_default=True,
    help="Refuse documents longer than this many characters.",
)
def build(
    inputs: tuple[Path, ...],
    output: Path | None,
    store: Path | None,
    jobs: int,
    no_validate: bool,
    strict: bool,
    lang: str,
    quiet: bool,
    max_chars: int,
) -> None:
    """Build the graph of INPUT files and folders (.txt, .html, .jsonl, .json, .zip)."""
    from dataclasses import replace

    from kg.build import BuildStats, extractor, to_graph, write_graph
    from kg.read import read_paths

    failed: list[str] = []

    def on_error(err: InputError) -> None:
        failed.append(str(err))
        click.echo(f"kg: error: {err}", err=True)

    documents = (
        replace(d, language=lang)
        for d in read_paths(inputs, strict=strict, on_error=on_error, max_chars=max_chars)
    )
    stats = BuildStats()
    progress = Progress(quiet=quiet)
    if store is not None:
        _build_store(store, documents, lang, jobs, progress, not no_validate, output, stats)
        if failed:
            raise InputError(f"{len(failed)} input(s) could not be read (see above)")
        return
    if output is None:
        raise UsageError("give -o FILE (a Turtle file), --store DIR, or both")
    records = extractor(lang, jobs, progress)(documents)
    for record in records:
        stats.add(record)
    if not records:
        raise InputError("no document could be read from the inputs")
    graph = to_graph(records, stats)
    if not no_validate:
        from kg.validate import validate

        report = validate(graph)
        if not report.conforms:
            raise ValidationError(
                "the graph does not conform to the shapes (nothing written):\n" + report.text()
            )
    write_graph(graph, output)
    seconds = time.monotonic() - progress.started
    click.echo(f"{stats.summary()}; {len(graph)} triples -> {output} in {seconds:.1f} s", err=True)
    if failed:
        raise InputError(f"{len(failed)} input(s) could not be read (see above)")


def _build_store(store, documents, lang, jobs, progress, validate, output, stats) -> None:
    from kg.build import build_store, extractor

    result = build_store(store, documents, extractor(lang, jobs, progress), validate, output, stats)
    seconds = time.monotonic() - progress.started
    if result.graph_rewritten:
        click.echo(f"{stats.summary()}; {result.triples} triples", err=True)
    where = f"{store}" + (f" and {output}" if output else "")
    click.echo(f"{result.summary()} -> {where} in {seconds:.1f} s", err=True)


def _load(path: Path | None, store: Path | None = None):
    if store is not None:
        if path is not None:
            raise UsageError("give either GRAPH or --store DIR, not both")
        from kg.store import load_rdflib

        return load_rdflib(store)
    if path is None:
        raise UsageError("give a GRAPH file or --store DIR")
    from kg.validate import load_graph

    return load_graph(path)


@cli.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@STORE_OPTION
def validate(graph: Path | None, store: Path | None) -> None:
    """Check GRAPH (or the graph of --store DIR) against the SHACL shapes of the contract."""
    from kg.validate import validate as check

    report = check(_load(graph, store))
    graph = graph or store
    if not report.conforms:
        click.echo(report.text())
        raise ValidationError(f"{graph}: does not conform ({len(report.violations)} violations)")
    click.echo(f"{graph}: conforms")


@cli.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.argument("name", required=False)
@STORE_OPTION
@click.option(
    "--sparql",
    "sparql_file",
    type=click.Path(path_type=Path),
    help="Run the SELECT or ASK query in this file instead of a named one.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "tsv", "json"]), default="text", show_default=True
)
@click.option(
    "--timeout",
    type=float,
    default=60.0,
    show_default=True,
    help="Stop the query after this many seconds.",
)
@click.option("--list", "list_names", is_flag=True, help="List the named queries.")
def query(
    graph: Path | None,
    name: str | None,
    store: Path | None,
    sparql_file: Path | None,
    fmt: str,
    timeout: float,
    list_names: bool,
) -> None:
    """Run a named query (disputed, unconfirmed, confirmed, agreements, statements,
    leaders, regions, conditions) or --sparql FILE on GRAPH, or on --store DIR (in
    Oxigraph: `kg query --store DIR NAME`)."""
    from kg import query as q

    if store is not None and graph is not None and name is None:
        graph, name = None, str(graph)  # kg query --store DIR NAME
    if list_names:
        click.echo("\n".join(q.names()))
        return
    if (name is None) == (sparql_file is None):
        raise UsageError(
            f"give either a query NAME or --sparql FILE (named queries: {', '.join(q.names())})"
        )
    if sparql_file is not None:
        text, bindings, where = q.read_sparql(sparql_file), {}, str(sparql_file)
    else:
        (text, bindings), where = q.named(name), name
    q.prepare(text, where)
    if store is not None and graph is None:
        from kg import store as st

        result = st.run(store, text, bindings, timeout=timeout, where=where)
    else:
        result = q.run(_load(graph, store), text, bindings, timeout=timeout, where=where)
    click.echo(q.format_result(result, fmt))


@cli.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json"]), required=True)
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path))
def export(graph: Path | None, store: Path | None, fmt: str, output: Path) -> None:
    """Write GRAPH (or --store DIR's graph) as a networkx projection: GraphML, GEXF, JSON."""
    from kg.export import export as write

    nodes, edges = write(_load(graph, store), fmt, output)
    click.echo(f"{nodes} nodes, {edges} edges -> {output}", err=True)


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="PNG file to write (atomically).",
)
@click.option("--title", help="Title above the picture (default: the graph's file name).")
@click.option(
    "--max-agreements",
    type=click.IntRange(min=1),
    default=40,
    show_default=True,
    help="Draw only this many agreements, the most talked-about.",
)
@click.option("--no-english", is_flag=True, help="Arabic labels only.")
def draw(
    graph: Path, output: Path, title: str | None, max_agreements: int, no_english: bool
) -> None:
    """Draw GRAPH's leaders, agreements (coloured by status) and regions as a PNG."""
    from kg.draw import draw_graph

    nodes, edges = draw_graph(
        _load(graph),
        output,
        title=title or graph.stem,
        english=not no_english,
        max_agreements=max_agreements,
    )
    click.echo(f"{nodes} nodes, {edges} edges -> {output}", err=True)


@cli.command(name="eval")
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("golds", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--texts",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Folder holding the documents' texts (default: next to the gold, "
    "../corpus beside it, examples/).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(graph: Path, golds: tuple[Path, ...], texts: tuple[Path, ...], as_json: bool) -> None:
    """Score GRAPH against gold YAML files (GOLD-FORMAT.md): every metric."""
    from kg import evaluate as ev

    loaded = [ev.load_gold(g) for g in golds]
    found = {}
    for gold in loaded:
        dirs = [*texts, Path(gold.path).parent.parent / "corpus", Path("examples")]
        text = ev.read_document_text(gold, dirs)
        if text is not None:
            found[gold.document] = text
    scores = ev.score(_load(graph), loaded, found)
    if as_json:
        click.echo(json.dumps(ev.to_dict(scores), ensure_ascii=False, indent=2))
    else:
        click.echo(ev.format_report(scores))


@cli.command(name="ner-eval")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print {micro: {p, r, f1}, PERS: ...}.")
def ner_eval(path: Path, as_json: bool) -> None:
    """Score the whole entity layer on a `word TAG` (BIO) file such as ANERcorp's test.txt."""
    from kg.ner_eval import evaluate_file, format_scores

    scores = evaluate_file(path)
    click.echo(json.dumps(scores, indent=2) if as_json else format_scores(scores))


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI, turning errors into one line and an exit code."""
    try:
        cli.main(args=argv, prog_name="kg", standalone_mode=False)
    except KgError as err:
        click.echo(f"kg: error: {err}", err=True)
        return err.exit_code
    except click.exceptions.Exit as err:
        return err.exit_code
    except click.ClickException as err:
        err.show()
        return err.exit_code
    except click.Abort:
        click.echo("kg: aborted", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("kg: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
