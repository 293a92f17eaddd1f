"""Draws bench/results/fabric-settlement.json: committed transfers/s and p99 latency against concurrency, the tuned
channel beside Fabric's default batching. Usage: python bench/chart_settlement.py <results dir>"""
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (the backend must be chosen first)

LABELS = {"PoxChannel": "tuned (BatchTimeout 20 ms)", "PoxChannelDefaultBatch": "Fabric default (2 s, 500)"}


def main(results: Path) -> None:
    document = json.loads((results / "fabric-settlement.json").read_text())
    rows = document["rows"]
    fig, (throughput, latency) = plt.subplots(1, 2, figsize=(11, 4.2))
    for profile in dict.fromkeys(row["profile"] for row in rows):
        mine = [row for row in rows if row["profile"] == profile]
        x = [row["concurrency"] for row in mine]
        label = LABELS.get(profile, profile)
        throughput.plot(x, [row["committed_per_s"] for row in mine], marker="o", label=label)
        latency.plot(x, [row["p99_ms"] for row in mine], marker="o", label=label)
    for axis, title, unit in (
        (throughput, "Committed transfers per second", "transfers/s"),
        (latency, "Submit-to-commit p99", "ms"),
    ):
        axis.set_xscale("log", base=2)
        axis.set_xlabel("concurrent clients")
        axis.set_ylabel(unit)
        axis.set_title(title)
        axis.grid(True, alpha=0.3)
        axis.legend()
    fig.suptitle(f"PoX on the local Fabric v3.1.5 network (commit {document['commit'][:10]})")
    fig.tight_layout()
    fig.savefig(results / "fabric-settlement.png", dpi=110)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results"))
