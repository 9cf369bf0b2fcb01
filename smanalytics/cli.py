"""The ``smanalytics`` command: parses arguments, calls the library, prints.

Every subcommand turns a :class:`~smanalytics.errors.SmanalyticsError` into
one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence

import pandas as pd

from smanalytics import __version__
from smanalytics.errors import SmanalyticsError
from smanalytics.report.runner import DEFAULT_TIMEOUT
from smanalytics.report.spec import ClientSpec, options, parameter_type

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3


def _print_json(payload) -> None:
    json.dump(payload, sys.stdout, indent=2, ensure_ascii=False, allow_nan=False, default=str)
    sys.stdout.write("\n")


def _progress(iterable, *, total: int, desc: str):
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="file", disable=None, leave=False)


def _load(args, *, say_unused: bool = True):
    """Load FILES (files, folders, globs) with load's own per-file loop, showing progress.

    Files that are not used (unknown, demographics, unreadable) and junk skipped in folders are
    said on stderr, one line each, unless ``say_unused`` is false (``inspect`` lists them
    itself); only "nothing readable at all" is an error.
    """
    from smanalytics.io import assemble, collect, read_each

    options = _per_platform_options(args)
    found = collect(args.files)
    reads = read_each(found, platform=args.platform, account=args.account, strict=args.strict)
    reads = list(_progress(reads, total=len(found), desc="reading"))
    dataset = assemble(reads, account=args.account, **options)
    for read in reads if say_unused else ():
        if read.error is not None:
            print(f"smanalytics: not used: {read.error}", file=sys.stderr)
        elif read.status == "skipped":
            print(
                f"smanalytics: skipped {read.path}: {read.dataset.sources['notes'].iloc[0]}", file=sys.stderr
            )
    return dataset


def _per_platform_options(args) -> dict:
    """``accounts`` and ``followers`` of ``load`` from ``--accounts`` and ``--followers``."""
    from smanalytics.report.spec import parse_accounts, parse_followers

    try:
        return {
            "accounts": dict(parse_accounts(args.accounts)),
            "followers": dict(parse_followers(args.followers)),
        }
    except ValueError as exc:
        raise SmanalyticsError(f"--accounts/--followers {exc}") from None


def _cmd_inspect(args) -> int:
    from smanalytics.problem_summary import describe_problems

    dataset = _load(args, say_unused=False)
    sources = dataset.sources
    if args.json:
        sources = sources.assign(
            start=sources["start"].dt.strftime("%Y-%m-%d"), end=sources["end"].dt.strftime("%Y-%m-%d")
        )
        unused = sources[~sources["status"].isin(["read", "skipped"])]
        _print_json(
            {
                "files": _records(sources),
                "errors": [{"file": r.file, "error": r.notes} for r in unused.itertuples()],
                "problems": _records(dataset.problems),
            }
        )
        return EXIT_OK
    for row in sources.itertuples():
        print(f"{row.file}")
        if row.status != "read":
            print(f"  status   {'skipped' if row.status == 'skipped' else f'not used ({row.status})'}")
            print(f"  why      {row.notes}")
            continue
        period = f"{row.start:%Y-%m-%d} to {row.end:%Y-%m-%d}" if pd.notna(row.start) else "no dates"
        print(f"  family   {row.title}")
        print(f"  account  {row.platform or '?'}: {row.accounts or '?'}")
        print(f"  table    {row.tables}, {row.rows} rows, {period}")
        print(
            f"  problems {row.problems}"
            + (f"  (notes: {row.notes})" if pd.notna(row.notes) and row.notes else "")
        )
    groups = describe_problems(dataset.problems)
    if groups:
        files = int((sources["status"] != "read").sum() - (sources["status"] == "skipped").sum())
        rows = len(dataset.problems) - files
        counts = [f"{n} {what}{'s' if n != 1 else ''}" for n, what in ((rows, "row"), (files, "file")) if n]
        print(f"\nNot read: {' and '.join(counts)}, by file and reason:")
        for sentence in groups[: args.max_problems]:
            print(f"  {sentence}")
        if len(groups) > args.max_problems:
            print(f"  ... and {len(groups) - args.max_problems} more groups (use --json)")
    return EXIT_OK


def _records(frame: pd.DataFrame) -> list[dict]:
    """JSON-ready records: missing values as null."""
    return json.loads(frame.to_json(orient="records", date_format="iso"))


def _cmd_metrics(args) -> int:
    from smanalytics.metrics import summary_json, summary_table

    dataset = _load(args)
    if args.json:
        _print_json(summary_json(dataset))
    else:
        table = summary_table(dataset)
        with pd.option_context("display.width", 200, "display.max_columns", 50):
            print(table.to_string(index=False) if len(table) else "no accounts in these files")
    return EXIT_OK


def _cmd_spikes(args) -> int:
    from smanalytics.growth import detect_spikes, spikes_json

    dataset = _load(args)
    events = detect_spikes(dataset.daily, dataset.posts)
    if args.json:
        _print_json(spikes_json(events))
    elif not len(events):
        print("no follower spikes found")
    else:
        for event in events.itertuples():
            print(
                f"{event.platform}/{event.account} {event.start:%Y-%m-%d}..{event.end:%Y-%m-%d}"
                f" {event.label}: {event.explanation}"
            )
    return EXIT_OK


def _cmd_report(args) -> int:
    from smanalytics.report.runner import run_report

    spec = args.spec(**{f.name: getattr(args, f.name) for f, _ in options(args.spec)
                        if getattr(args, f.name) is not None})  # fmt: skip
    print(run_report(spec, args.out, timeout=args.timeout, warm_kernels=args.warm_kernels, pdf=args.pdf))
    return EXIT_OK


def _cmd_batch(args) -> int:
    from smanalytics.report.batch import run_batch
    from smanalytics.report.manifest import load_manifest

    overrides = {f.name: getattr(args, f.name) for f, o in options(args.spec)
                 if not o.per_client and getattr(args, f.name, None) is not None}  # fmt: skip
    result = run_batch(
        load_manifest(args.manifest, spec=args.spec, overrides=overrides),
        args.out,
        workers=args.workers,
        scheduler=args.scheduler,
        resume=args.resume,
        progress=True,
        timeout=args.timeout,
        warm_kernels=args.warm_kernels,
        pdf=args.pdf,
    )
    print(result.summary())
    return EXIT_FAILED if result.failed else EXIT_OK


def _spec_arguments(parser: argparse.ArgumentParser, spec: type[ClientSpec], *, shared: bool = False) -> None:
    """One argument per option of ``spec``: required ones positional, the others ``--flag``s.

    A list option takes one or more values, a structured one (``--agency``)
    one or more ``key:value``; a number option is converted by argparse; any
    other option gets the text as typed, for its ``parse``. With ``shared``,
    only the options a manifest may set for every client, each a ``--flag``
    that wins over the manifest.
    """
    for f, o in options(spec):
        if shared and o.per_client:
            continue
        kind = parameter_type(spec, f)
        settings = {"nargs": "+"} if kind in (list, dict) else {"type": kind if kind in (int, float) else str}
        text = o.help.replace("%", "%%")  # argparse formats help with %
        if f.default is dataclasses.MISSING:
            parser.add_argument(f.name, metavar=(o.parameter or f.name).upper(), help=text, **settings)
        else:
            flag = "--" + f.name.replace("_", "-")
            metavar = "KEY:VALUE" if kind is dict else f.name.upper()
            parser.add_argument(flag, dest=f.name, metavar=metavar, help=text, **settings)
    parser.set_defaults(spec=spec)


def _parser(spec: type[ClientSpec] = ClientSpec) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smanalytics",
        description="Engagement-quality analytics and reports from social platform exports.",
    )
    parser.add_argument("--version", action="version", version=f"smanalytics {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def files_command(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("files", nargs="+", metavar="FILES", help="export files, folders or globs")
        p.add_argument("--platform", help="only consider export families of this platform")
        p.add_argument("--account", help="account name for every row, overriding the files")
        p.add_argument(
            "--accounts", nargs="+", default=[], metavar="PLATFORM:NAME",
            help="the account's name per platform (instagram:elitravelguy), overriding the files",
        )  # fmt: skip
        p.add_argument(
            "--followers", nargs="+", default=[], metavar="PLATFORM:COUNT",
            help="today's follower count per platform (instagram:1629): anchors the rebuilt daily followers",
        )  # fmt: skip
        p.add_argument(
            "--strict", action="store_true", help="fail on the first unknown or unreadable file or row"
        )
        p.add_argument("--json", action="store_true", help="print stable JSON instead of text")
        return p

    inspect = files_command(
        "inspect", "say what each export file is: family, account, rows, period, problems"
    )
    inspect.add_argument(
        "--max-problems", type=int, default=20, help="groups of problem rows to list (default 20)"
    )
    inspect.set_defaults(run=_cmd_inspect)
    files_command("metrics", "engagement-quality figures per account").set_defaults(run=_cmd_metrics)
    files_command("spikes", "follower spikes: organic, suspected bought or unclear").set_defaults(
        run=_cmd_spikes
    )

    timeout = {
        "type": float,
        "default": DEFAULT_TIMEOUT,
        "metavar": "SECONDS",
        "help": f"fail a client's report when one cell runs longer than this (default: {DEFAULT_TIMEOUT:g})",
    }
    cold = {
        "dest": "warm_kernels",
        "action": "store_false",
        "help": "start every report's kernel cold, instead of forking it from a warm parent "
        "that has already imported the libraries",
    }
    no_pdf = {"dest": "pdf", "action": "store_false", "help": "make no report.pdf, only the HTML report"}
    report = sub.add_parser("report", help="one client's report into OUT/CLIENT_ID/")
    _spec_arguments(report, spec)
    report.add_argument("--out", default="reports", help="output folder (default: reports)")
    report.add_argument("--timeout", **timeout)
    report.add_argument("--no-warm-kernels", **cold)
    report.add_argument("--no-pdf", **no_pdf)
    report.set_defaults(run=_cmd_report)

    batch = sub.add_parser("batch", help="one report per client of a manifest (clients.yaml)")
    batch.add_argument("manifest", help="the manifest, e.g. data/samples/clients.yaml")
    batch.add_argument("--out", required=True, help="output folder")
    batch.add_argument("--workers", type=int, help="parallel notebooks (default: one per core)")
    batch.add_argument("--scheduler", help="a Dask scheduler address, e.g. tcp://host:8786")
    batch.add_argument("--resume", action="store_true", help="skip clients whose reports are current")
    batch.add_argument("--timeout", **timeout)
    batch.add_argument("--no-warm-kernels", **cold)
    batch.add_argument("--no-pdf", **no_pdf)
    _spec_arguments(batch, spec, shared=True)
    batch.set_defaults(run=_cmd_batch)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except SmanalyticsError as exc:
        print(f"smanalytics: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("smanalytics: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: one line, not a traceback, and how to report it
        print(
            f"smanalytics: internal error ({type(exc).__name__}: {exc}); "
            "please report it with the command you ran",
            file=sys.stderr,
        )
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
