"""Run every benchmark script in this folder; exit non-zero if any budget is missed."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    """Exit 1 when a budget is missed, 3 when none is missed but one could not be judged, else 0."""
    failed, unsure = [], []
    for script in sorted(HERE.glob("*_budget.py")):
        print(f"== {script.name}", flush=True)
        code = subprocess.run([sys.executable, str(script)]).returncode
        if code == 3:
            unsure.append(script.name)
        elif code != 0:
            failed.append(script.name)
    if failed:
        print("budgets missed: " + ", ".join(failed))
    if unsure:
        print("inconclusive (a figure too close to its budget to call, or a busy machine): " + ", ".join(unsure))
    return 1 if failed else 3 if unsure else 0


if __name__ == "__main__":
    sys.exit(main())
