"""Writing bench/results/report.json and report.md: every figure beside its budget."""

from __future__ import annotations

import json
from pathlib import Path

from bench.budgets import FIGURES, misses
from bench.databases import KINDS
from bench.paths import RESULTS

NAMES = {
    "page_weight": "Pupil page weight",
    "offline_recovery": "Answers kept offline, delivered",
    "throughput": "Submission throughput",
    "faults": "Faults (SIGKILL a worker every few seconds)",
    "scale": "Scoring at scale",
    "packs_sheets": "Chart packs and QR sheets",
    "cluster": "Cluster: nginx and two instances",
}
PROFILE_LINES = 40
FLAT_LINES = 25


def write(results: dict, folder: Path = RESULTS) -> Path:
    """Both files; the Markdown file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps(results, indent=2, default=str))
    path = folder / "report.md"
    path.write_text(render(results))
    return path


def render(results: dict) -> str:
    """The Markdown report."""
    return "\n".join(
        _header(results) + _table(results) + _machine(results) + _misses(results) + _errors(results)
    )


def _header(results: dict) -> list[str]:
    load = results["load"]
    tiny = results["mode"] == "tiny"
    lines = ["# Benchmark report", ""]
    lines.append(
        "**Tiny run** (CI): each benchmark at a tiny size only to prove it works; "
        "its figures are not judged against the budgets."
        if tiny
        else "**Full-size run.**"
    )
    quiet = "quiet" if load["quiet"] else (
        "**BUSY**: other work was running, so the timings are indicative only; rerun when quiet"
    )  # fmt: skip
    lines += [
        "",
        f"Started {results['started']}, finished {results['finished']}, "
        f"commit {results['machine']['git_commit']}.",
        f"1-minute load average before the run: {load['before']}. Other processes used on average"
        f" {_share(load, 'others_mean_share')} and at worst {_share(load, 'others_worst_share')}"
        f" of the machine's CPU during it ({quiet}).",
        "",
    ]
    return lines


def _share(load: dict, key: str) -> str:
    return f"{load.get('others', {}).get(key, 0) * 100:.0f}%"


def _table(results: dict) -> list[str]:
    lines = [
        "## Figures and budgets",
        "",
        "| benchmark | figure | budget | SQLite | | PostgreSQL | |",
        "|---|---|---|---:|---|---:|---|",
    ]
    for figure in FIGURES:
        per_db = results["benchmarks"].get(figure.benchmark)
        if per_db is None:
            continue
        values = {kind: figure.value(per_db.get(kind)) for kind in KINDS}
        failed = any("error" in r or "skipped" in r for r in per_db.values())
        if all(v is None for v in values.values()) and not (failed and figure.op):
            continue  # a figure this run does not make (say, 50 pupils in a tiny run)
        cells = []
        for kind in KINDS:
            cells += [_cell(values[kind], per_db.get(kind)), figure.status(values[kind])]
        row = [NAMES[figure.benchmark], figure.label, figure.budget, *cells]
        lines.append("| " + " | ".join(row) + " |")
    return lines + [""] + _details(results)


def _cell(value, result: dict | None) -> str:
    if result is None:
        return "not run"
    if "error" in result:
        return "ERROR"
    if "skipped" in result:
        return "skipped"
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _details(results: dict) -> list[str]:
    lines = ["## Settings", ""]
    for name, per_db in results["benchmarks"].items():
        for kind, result in per_db.items():
            settings = result.get("settings") or result.get("size")
            if settings:
                lines.append(f"- {NAMES[name]}, {kind}: `{json.dumps(settings)}`")
    lines += ["", "Everything else (each request, each level, each proof) is in report.json.", ""]
    return lines


def _machine(results: dict) -> list[str]:
    m = results["machine"]
    packages = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    return [
        "## Machine",
        "",
        f"- {m['cores']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, {m['os']}",
        f"- Python {m['python']}, SQLite {m['sqlite']}, PostgreSQL {m['postgresql']}",
        f"- {m['chromium']}",
        f"- {packages}",
        "",
    ]


def _misses(results: dict) -> list[str]:
    lines = []
    for name, per_db in results["benchmarks"].items():
        for kind, result in per_db.items():
            missed = misses(name, result)
            if not missed:
                continue
            lines += [f"### {NAMES[name]}, {kind}: missed {', '.join(missed)}", ""]
            lines += _profile(result.get("profile"))
    if not lines:
        return []
    judged = "" if results["mode"] == "full" else " (tiny run: not judged, shown for the record)"
    return ["## Misses and profiles" + judged, "", *lines]


def _profile(paths: str | list[str] | None) -> list[str]:
    """The head of each profile taken for a miss (a benchmark may take one or several)."""
    found = [Path(p) for p in ([paths] if isinstance(paths, str) else paths or [])]
    found = [p for p in found if p.exists()]
    if not found:
        return ["No profile was taken for this miss.", ""]
    lines = []
    for path in found:
        flat = path.with_name(f"{path.stem}-flat.txt")
        if flat.exists():
            top = _body(flat)[:FLAT_LINES]
            lines += [f"Where the time goes: functions by their own time (`{flat}`, top"
                      f" {FLAT_LINES})", "", "```", *top, "```", ""]  # fmt: skip
        head = _body(path)[:PROFILE_LINES]
        lines += [f"Call tree (`{path}`, first {PROFILE_LINES} lines)", "", "```", *head, "```", ""]
    return lines


def _body(path: Path) -> list[str]:
    """A pyinstrument text profile without its banner and blank lines."""
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    starts = [i for i, line in enumerate(lines) if line.startswith(("Program:", "Profile at"))]
    return lines[starts[0] + 1 :] if starts else lines


def _errors(results: dict) -> list[str]:
    lines = []
    for name, per_db in results["benchmarks"].items():
        for kind, result in per_db.items():
            if "skipped" in result:
                lines += [f"- {NAMES[name]}, {kind}: skipped ({result['skipped']})"]
            elif "error" in result:
                lines += [f"- {NAMES[name]}, {kind}: error", "", "```", result["error"], "```"]
    return ["## Errors and skips", "", *lines, ""] if lines else []
