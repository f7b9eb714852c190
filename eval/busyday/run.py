"""The whole day-scale evaluation in one command: the day's JSONL, a marsad run, the score.

    python eval/busyday/run.py [--shared ../shared] [--gold GOLDDIR] [--pool OUTDIR]

Runs the marsad this interpreter imports (PYTHONPATH=src for a worktree's copy) on
SaudiNewsNet 2015-07-31 and scores it as score.py does (see eval/busyday/README.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score import main

if __name__ == "__main__":
    if "--dossier" in sys.argv:
        raise SystemExit("run.py always makes its own dossier; use score.py --dossier")
    main()
