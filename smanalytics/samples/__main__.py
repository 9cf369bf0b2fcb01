"""``python -m smanalytics.samples [OUT]``: regenerate the sample exports (default ``data/samples``)."""

from __future__ import annotations

import sys
from pathlib import Path

from smanalytics.samples import generate


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print("usage: python -m smanalytics.samples [OUT]   (default: data/samples)", file=sys.stderr)
        return 2
    out = Path(args[0]) if args else Path("data") / "samples"
    truth = generate(out)
    events = sum(len(c["events"]) for c in truth["clients"].values())
    print(f"wrote {len(truth['clients'])} sample clients with {events} known stories to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
