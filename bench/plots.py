"""PNG plots of time against N, both axes logarithmic, for build, queries and validation; a
figure that ran over its time limit is drawn at the limit with an upward triangle (a lower bound).
"""
from __future__ import annotations

import statistics
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)

from bench import targets  # noqa: E402

OURS, THEIRS = "#1f77b4", "#d62728"


def _target(axes, value: float, text: str) -> None:
    axes.axhline(value, color="#555555", linestyle="--", linewidth=1, label=text)


def _axes(title: str, ylabel: str):
    figure, axes = plt.subplots(figsize=(7, 4.5), dpi=110)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("plans (N)")
    axes.set_ylabel(ylabel)
    axes.set_title(title)
    axes.grid(True, which="both", alpha=0.3)
    return figure, axes


def _series(axes, points: list[tuple[int, float | None, float | None]], colour: str, name: str,
            width: float = 2.0, alpha: float = 1.0) -> None:
    """(N, value, limit if it ran over) points: a line through the values, triangles at limits."""
    known = [(n, v) for n, v, _ in points if v is not None]
    over = [(n, limit) for n, v, limit in points if v is None and limit is not None]
    if known:
        axes.plot(*zip(*known), marker="o", color=colour, linewidth=width, alpha=alpha,
                  label=name)
    if over:
        axes.plot(*zip(*over), linestyle="none", marker="^", markersize=9, color=colour,
                  alpha=alpha, label=f"{name}: over the limit" if name else None)


def _save(figure, path: Path) -> Path:
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return path


def build_plot(found: dict, path: Path) -> Path:
    figure, axes = _axes("Build: plankg build", "seconds")
    ordered = sorted((int(n), b) for n, b in found.items())
    _series(axes, [(n, b["seconds"], None) for n, b in ordered], OURS, "full build")
    _series(axes, [(n, b["incremental"]["seconds"], None) for n, b in ordered], "#2ca02c",
            "rebuild after one plan changed")
    _target(axes, targets.BUILD_S, f"target at 1,000 plans: {targets.BUILD_S} s")
    axes.legend()
    return _save(figure, path)


def queries_plot(found: dict, path: Path) -> Path:
    figure, axes = _axes("Competency queries: p50 per query (thin) and median (thick)",
                         "milliseconds")
    ordered = sorted((int(n), q) for n, q in found.items())
    names = list(ordered[0][1]["queries"])
    for engine, colour in (("embedded", OURS), ("rdflib", THEIRS)):
        for name in names:
            points = []
            for n, q in ordered:
                entry = q["queries"][name][engine]
                points.append((n, entry["p50_ms"], entry["over_s"] and entry["over_s"] * 1000))
            _series(axes, points, colour, "", width=0.8, alpha=0.35)
        medians = []
        for n, q in ordered:
            values = [q["queries"][name][engine]["p50_ms"] for name in names]
            known = [v for v in values if v is not None]
            medians.append((n, statistics.median(known) if known else None, None))
        label = "embedded (pyoxigraph)" if engine == "embedded" else "rdflib in-memory"
        _series(axes, medians, colour, label, width=2.5)
    _target(axes, targets.QUERY_P95_MS, f"target (p95, embedded): {targets.QUERY_P95_MS} ms")
    axes.legend()
    return _save(figure, path)


def validation_plot(found: dict, path: Path) -> Path:
    figure, axes = _axes("Validation of the whole corpus", "seconds")
    ordered = sorted((int(n), v) for n, v in found.items())
    jobs = ordered[0][1]["jobs"]
    _series(axes, [(n, v["split_s"], v["split_over_s"]) for n, v in ordered], OURS,
            f"plankg validate --jobs {jobs} (split by plan)")
    _series(axes, [(n, v["pyshacl_s"], v["pyshacl_over_s"]) for n, v in ordered], THEIRS,
            "one pySHACL call over the whole graph")
    _target(axes, targets.VALIDATION_S, f"target at 1,000 plans: {targets.VALIDATION_S} s")
    axes.legend()
    return _save(figure, path)


def memory_plot(found: dict, path: Path) -> Path:
    """Peak memory of the build against N: the process tree's sum and its largest process."""
    figure, axes = _axes("Build: peak memory", "GiB")
    ordered = sorted((int(n), b) for n, b in found.items())
    _series(axes, [(n, b["tree_peak_bytes"] / targets.GIB, None) for n, b in ordered], OURS,
            "process tree (sum of resident sets)")
    _series(axes, [(n, b["largest_process_bytes"] / targets.GIB, None) for n, b in ordered],
            "#9467bd", "largest process")
    _target(axes, targets.SCALE_BUILD_BYTES / targets.GIB,
            f"target at {targets.SCALE_PLANS:,} plans: {targets.SCALE_BUILD_BYTES // targets.GIB} GiB")
    axes.legend()
    return _save(figure, path)


def write_plots(results: dict, folder: Path, prefix: str = "") -> list[Path]:
    """The plots of the sections `results` holds, as `folder`/{prefix}{section}.png."""
    folder.mkdir(parents=True, exist_ok=True)
    plots = []
    if results.get("build"):
        plots.append(memory_plot(results["build"], folder / f"{prefix}build-memory.png"))
    for section, draw in (("build", build_plot), ("queries", queries_plot),
                          ("validation", validation_plot)):
        if results.get(section):
            plots.append(draw(results[section], folder / f"{prefix}{section}.png"))
    return plots
