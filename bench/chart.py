"""Cost against tree size from bench/results/graph-scale.json: one line per measurement, log-log axes."""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SIZES = [("10k", 10_000), ("100k", 100_000), ("1m", 1_000_000)]
SERIES = [
    ("level_recompute_{}_s", "full level recompute in the database (pox.levels.recompute), s"),
    ("level_recompute_bolt_{}_s", "full level recompute over Bolt (batched UNWIND), s"),
    ("level_recompute_naive_{}_s", "naive per-member Cypher (extrapolated from a sample), s"),
    ("projection_{}_s", "projecting every registration (batches of 1000), s"),
]


def main(source, target):
    with open(source) as f:
        results = json.load(f)
    metrics = results["metrics"]
    # the projection is measured as a rate; its cost is size / rate
    for label, size in SIZES:
        rate = metrics.get(f"projection_{label}_events_per_s")
        if rate:
            metrics[f"projection_{label}_s"] = size / rate
    fig, ax = plt.subplots(figsize=(8, 5), dpi=120)
    for key, name in SERIES:
        points = [(size, metrics[key.format(label)]) for label, size in SIZES if key.format(label) in metrics]
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=name)
            for x, y in points:
                ax.annotate(f"{y:.3g}", (x, y), textcoords="offset points", xytext=(4, 4), fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("members in the generated tree (mixed: deep chains, wide fans, power-law)")
    ax.set_ylabel("seconds")
    ax.set_title(f"Graph cost against tree size (commit {results.get('commit')})")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.text(0.01, 0.01, results.get("machine", ""), fontsize=6, wrap=True)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.savefig(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
