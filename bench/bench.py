"""Benchmarks on SaudiNewsNet: extraction throughput, query latency, memory, SHACL.

    python bench/bench.py                 # a fixed sample of 5,000 articles
    python bench/bench.py --full          # all 31,030 articles
    python bench/bench.py --markdown docs/bench.md

Each stage runs in its own process, so that each reports its own peak memory
(``ru_maxrss`` of the process and of its workers). Figures are printed as a table, with
the ratios the issue sets as goals. A benchmark is not a test: nothing here fails on a
slow machine. Skips with a message when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DIPLOKG_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data" / "saudinewsnet"
DAY = "2015-07-21.zip"
SAMPLE = 5000
REPEAT = 3
GIB = 1024**3


def peak_mib() -> float:
    """Peak resident memory of this process and of its finished children, MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def sample_documents(limit: int | None) -> list:
    """The first ``limit`` articles of the corpus (zip files in date order), or all."""
    from kg.read import read_paths

    out = []
    for document in read_paths(sorted(DATA.glob("*.zip"))):
        out.append(document)
        if limit is not None and len(out) >= limit:
            break
    return out


def words(documents) -> int:
    """Words as ``kg build`` counts them."""
    return sum(len(d.text.split()) for d in documents)


# ---- stages, each run in a child process -----------------------------------------


def stage_tokenizer(args) -> dict:
    import spacy

    texts = [d.text for d in sample_documents(args.limit)]
    nlp = spacy.blank("ar")
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "tokens": tokens, "words": sum(len(t.split()) for t in texts)}


def stage_extract(args) -> dict:
    from kg.build import extractor

    documents = sample_documents(args.limit)
    started = time.perf_counter()
    records = extractor("ar", int(args.jobs))(documents)
    seconds = time.perf_counter() - started
    if args.records:
        Path(args.records).write_bytes(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))
    return {"seconds": seconds, "articles": len(documents), "words": words(documents)}


def stage_graph(args) -> dict:
    """Graph in memory, then the same records into a store; N-Triples left for the rest."""
    from kg import store
    from kg.build import to_graph

    records = pickle.loads(Path(args.records).read_bytes())  # noqa: S301 - our own file
    started = time.perf_counter()
    graph = to_graph(records)
    graph_seconds = time.perf_counter() - started
    Path(args.nt).write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    by_id = {r.document.id: r for r in records}
    started = time.perf_counter()
    store.update(args.store, [r.document for r in records], lambda ds: [by_id[d.id] for d in ds])
    store_seconds = time.perf_counter() - started
    return {"graph_seconds": graph_seconds, "store_seconds": store_seconds, "triples": len(graph)}


def _timed(run, repeat: int = REPEAT) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = len(run().rows)
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def stage_queries(args) -> dict:
    from rdflib import Graph

    from kg import query as q
    from kg import store

    out: dict = {}
    if args.backend == "rdflib":
        graph = Graph()
        graph.parse(args.nt, format="nt")
        target = {"run": lambda t, b: q.run(graph, t, b, timeout=args.timeout)}
    else:
        opened = store.open_graph(args.store)
        target = {
            "run": lambda t, b: store.run(args.store, t, b, timeout=args.timeout, store=opened)
        }
    for name in q.names():
        text, bindings = q.named(name)
        try:
            seconds, rows = _timed(lambda t=text, b=bindings: target["run"](t, b))
            out[name] = {"ms": seconds * 1000, "rows": rows}
        except Exception as err:  # noqa: BLE001 - a timeout is a figure too
            out[name] = {"ms": None, "error": str(err)}
    return out


def stage_validate(args) -> dict:
    from rdflib import Graph

    from kg.validate import validate

    graph = Graph()
    graph.parse(args.nt, format="nt")
    before = peak_mib()
    started = time.perf_counter()
    report = validate(graph)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "conforms": report.conforms, "before_mib": before}


def stage_day(args) -> dict:
    """`kg build DAY --no-validate` (start-up included) beside blank("ar").pipe."""
    import spacy

    from kg.read import read_paths

    day = DATA / DAY
    texts = [d.text for d in read_paths([day])]
    nlp = spacy.blank("ar")
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    tokenizer = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        command = [str(Path(sys.executable).parent / "kg"), "build", str(day), "-q"]
        command += ["-o", f"{tmp}/day.ttl", "--no-validate"]
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        build = time.perf_counter() - started
    return {
        "words": sum(len(t.split()) for t in texts),
        "articles": len(texts),
        "tokenizer_seconds": tokenizer,
        "build_seconds": build,
    }


STAGES = {
    "tokenizer": stage_tokenizer,
    "extract": stage_extract,
    "graph": stage_graph,
    "queries": stage_queries,
    "validate": stage_validate,
    "day": stage_day,
}


def child(args) -> None:
    """Run one stage and print its figures as JSON, with this process's peak memory."""
    result = STAGES[args.stage](args)
    result["peak_mib"] = peak_mib()
    print(json.dumps(result))


def spawn(stage: str, *extra: str) -> dict:
    """Run ``stage`` in a fresh Python process; its JSON figures."""
    command = [sys.executable, str(Path(__file__).resolve()), "--stage", stage, *extra]
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---- the report ------------------------------------------------------------------


def machine() -> dict:
    """CPU model, cores, RAM, Python and library versions."""
    import pyoxigraph
    import pyshacl
    import rdflib
    import spacy

    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / GIB
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(ram, 1),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "rdflib": rdflib.__version__,
        "pyoxigraph": pyoxigraph.__version__,
        "pyshacl": pyshacl.__version__,
        "pipeline": _pipeline(),
    }


def _pipeline() -> str:
    from kg.nlp import build_pipeline

    return "blank(ar) + " + ", ".join(build_pipeline("ar").pipe_names)


def measure(limit: int | None, jobs: int, timeout: float) -> dict:
    """Every figure, each stage in its own process."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        records, nt, st = f"{tmp}/records.pickle", f"{tmp}/graph.nt", f"{tmp}/store"
        lim = ["--limit", str(limit)] if limit else []
        fig: dict = {"machine": machine()}
        fig["tokenizer"] = spawn("tokenizer", *lim)
        fig["extract_1"] = spawn("extract", *lim, "--jobs", "1", "--records", records)
        fig["extract_n"] = spawn("extract", *lim, "--jobs", str(jobs))
        fig["extract_n"]["jobs"] = jobs
        fig["graph"] = spawn("graph", "--records", records, "--nt", nt, "--store", st)
        common = ["--nt", nt, "--store", st, "--timeout", str(timeout)]
        fig["q_rdflib"] = spawn("queries", *common, "--backend", "rdflib")
        fig["q_store"] = spawn("queries", *common, "--backend", "store")
        fig["validate"] = spawn("validate", "--nt", nt)
        fig["day"] = spawn("day") if (DATA / DAY).exists() else None
    return fig


def _rate(n: float, seconds: float) -> str:
    return f"{n / seconds:,.0f}"


def table(fig: dict) -> list[tuple[str, str, str]]:
    """Rows of (figure, value, ratio or goal)."""
    tok, one, many = fig["tokenizer"], fig["extract_1"], fig["extract_n"]
    tok_rate = tok["words"] / tok["seconds"]
    rows = [
        ("sample", f"{one['articles']:,} articles, {one['words']:,} words", ""),
        ("bare tokenizer blank(ar).pipe", f"{_rate(tok['words'], tok['seconds'])} words/s", "1"),
    ]
    for label, ex in (
        ("extraction, 1 process", one),
        (f"extraction, {many['jobs']} processes", many),
    ):
        rate = ex["words"] / ex["seconds"]
        rows.append(
            (
                label,
                f"{rate:,.0f} words/s, {ex['articles'] / ex['seconds']:,.0f} articles/s, "
                f"{ex['seconds']:.1f} s, peak {ex['peak_mib']:,.0f} MiB",
                f"{rate / tok_rate:.1%} of tokenizer (goal >= 25%)",
            )
        )
    g = fig["graph"]
    rows.append(
        (
            "corroborate + map (to_graph)",
            f"{g['graph_seconds']:.1f} s, {g['triples']:,} triples",
            "",
        )
    )
    rows.append(
        (
            "write store (Oxigraph bulk load)",
            f"{g['store_seconds']:.1f} s, peak {g['peak_mib']:,.0f} MiB",
            "",
        )
    )
    for name, r in fig["q_rdflib"].items():
        if not isinstance(r, dict):
            continue  # peak_mib
        s = fig["q_store"][name]
        goal = " (goal < 200 ms)" if name in {"disputed", "unconfirmed"} else ""
        ratio = f"rdflib/store {r['ms'] / s['ms']:,.1f}x" if r["ms"] and s["ms"] else "-"
        rows.append((f"query {name}: rdflib | store", f"{_ms(r)} | {_ms(s)}", ratio + goal))
    rows.append(
        (
            "query peak memory: rdflib | store",
            f"{fig['q_rdflib']['peak_mib']:,.0f} | {fig['q_store']['peak_mib']:,.0f} MiB",
            "",
        )
    )
    v = fig["validate"]
    rows.append(
        (
            "SHACL validation",
            f"{v['seconds']:.1f} s, conforms={v['conforms']}, peak {v['peak_mib']:,.0f} MiB (graph loaded: {v['before_mib']:,.0f})",
            "",
        )
    )
    if fig.get("day"):
        d = fig["day"]
        build, bare = d["words"] / d["build_seconds"], d["words"] / d["tokenizer_seconds"]
        rows.append(
            (
                f"{DAY}: kg build --no-validate (start-up incl.)",
                f"{build:,.0f} words/s ({d['articles']:,} articles, {d['build_seconds']:.1f} s)",
                f"1/{bare / build:.1f} of tokenizer (acceptance: no less than 1/20)",
            )
        )
        rows.append(
            (f"{DAY}: blank(ar).pipe", f"{bare:,.0f} words/s ({d['tokenizer_seconds']:.1f} s)", "")
        )
    peak = max(x["peak_mib"] for x in (one, many, g, v, fig["q_rdflib"], fig["q_store"]))
    rows.append(("peak memory of any stage", f"{peak:,.0f} MiB", "goal < 4 GiB"))
    return rows


def _ms(entry: dict) -> str:
    return f"{entry['ms']:,.1f} ms ({entry['rows']} rows)" if entry.get("ms") else "timed out"


def render_text(rows) -> str:
    """A plain table."""
    width = [max(len(r[i]) for r in rows) for i in range(2)]
    return "\n".join(f"{a.ljust(width[0])}  {b.ljust(width[1])}  {c}".rstrip() for a, b, c in rows)


def render_markdown(fig: dict, rows, command: str) -> str:
    """The figures and the machine, for docs/bench.md."""
    m = fig["machine"]
    lines = [
        "# Benchmarks",
        "",
        f"`{command}`, on {time.strftime('%Y-%m-%d')}.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM; Python {m['python']},"
        f" spaCy {m['spacy']}, rdflib {m['rdflib']}, pyoxigraph {m['pyoxigraph']},"
        f" pySHACL {m['pyshacl']}. Pipeline: {m['pipeline']}.",
        "",
        "| figure | value | ratio / goal |",
        "|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or, with --stage, one stage of it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="All articles, not a sample.")
    parser.add_argument("--sample", type=int, default=SAMPLE, help="Articles in the sample.")
    parser.add_argument(
        "--jobs", type=int, default=2, help="Worker processes for the parallel run."
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="Per query, seconds.")
    parser.add_argument("--markdown", type=Path, help="Also write the table to this file.")
    parser.add_argument("--json", type=Path, help="Also write every figure as JSON.")
    for hidden in ("--stage", "--limit", "--records", "--nt", "--store", "--backend"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.limit:
        args.limit = int(args.limit)
    if args.stage:
        child(args)
        return 0
    if not DATA.is_dir() or not any(DATA.glob("*.zip")):
        print(f"bench: skipped: no SaudiNewsNet zip files in {DATA} (set DIPLOKG_SHARED)")
        return 0
    limit = None if args.full else args.sample
    print(
        f"bench: {'all articles' if args.full else f'{limit:,} articles'} of {DATA} ...",
        file=sys.stderr,
    )
    fig = measure(limit, args.jobs, args.timeout)
    rows = table(fig)
    print(render_text(rows))
    if args.markdown:
        command = "make bench-full" if args.full else "make bench"
        args.markdown.write_text(render_markdown(fig, rows, command), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(fig, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
