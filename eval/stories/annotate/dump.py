"""Print the selected articles (id, source, time, title, lead) for reading."""

from __future__ import annotations

import argparse

from common import selected


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lead", type=int, default=300, help="characters of text to show")
    ap.add_argument("ids", nargs="*", help="only these ids (default: all selected)")
    args = ap.parse_args()
    want = set(args.ids)
    for a in selected():
        if want and a["id"] not in want:
            continue
        lead = " ".join(a["text"].split())[: args.lead]
        print(f"{a['id']} [{a['source']}] {a['date_extracted']} | {a['title']}")
        print(f"    {lead}")


if __name__ == "__main__":
    main()
