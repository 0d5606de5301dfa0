"""Command line: `python build.py [build|serve] ...`."""

from __future__ import annotations

import argparse
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

from .config import load_site
from .paths import PROJECT_ROOT
from .built_site import page_paths
from .listings import load_listings
from .publish import BuildError, publish
from .report import lapsing_table, lapsing_within, summary, write_report
from .rules import evaluate_all
from .security_headers import HEADERS
from .static_server import serving
from .theme_assets import AssetError
from .validation import InputError


def main(argv: list[str] | None = None) -> int:
    """Run a command; returns the process exit status."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"\nBuild failed: {count} problem{'s' if count != 1 else ''}. Nothing was published.", file=sys.stderr)
        return 1
    except (BuildError, AssetError) as error:
        print(f"Build failed: {error}\nNothing was published.", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the care micro-enterprise directory.")
    parser.set_defaults(run=_build)
    _add_build_options(parser)
    commands = parser.add_subparsers(title="commands")
    build = commands.add_parser("build", help="check every listing and build the site (the default)")
    _add_build_options(build)
    build.set_defaults(run=_build)
    serve = commands.add_parser("serve", help="build, then serve the site on http://localhost:PORT/")
    _add_build_options(serve)
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=_serve)
    report = commands.add_parser("report", help="list what lapses in the next N days, soonest first, for staff to chase")
    _add_site_options(report)
    report.add_argument("--within", type=int, default=60, metavar="DAYS", help="how many days ahead to look (default: 60)")
    report.set_defaults(run=_report)
    gate = commands.add_parser("gate", help="check a built site: accessibility (axe), HTML, links, reflow and keyboard")
    gate.add_argument("folder", type=Path, nargs="?", default=PROJECT_ROOT / "output", help="the built site (default: output/)")
    gate.add_argument("--base-path", default="/", help="the base path it was built for (default: /)")
    gate.set_defaults(run=_gate)
    return parser


def _add_site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="folder holding config/ and content/ (default: this project)")
    parser.add_argument("--config", default="config/site.yaml", help="site config file, relative to --root")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(), help="build date YYYY-MM-DD (default: today)")


def _add_build_options(parser: argparse.ArgumentParser) -> None:
    _add_site_options(parser)
    parser.add_argument("--output", type=Path, default=PROJECT_ROOT / "output", help="where the site is written (default: output/); report.json goes beside it")
    parser.add_argument("--base-path", help="folder the site is served from, e.g. /directory/ (default: from the site config)")


def _build(args) -> int:
    site = load_site(args.root, args.config)
    directory = publish(site, args.output, args.today, args.base_path)
    report_path = args.output.resolve().parent / "report.json"
    write_report(directory, report_path)
    print(summary(directory))
    print(f"\nSite written to {args.output}; report in {report_path}.")
    return 0


def _report(args) -> int:
    site = load_site(args.root, args.config)
    listings, problems = load_listings(site)
    evaluations = evaluate_all(site, listings, args.today)
    lapses = lapsing_within([e for e in evaluations if not e.errors], args.today, args.within)
    print(f"What lapses by {args.today + timedelta(days=args.within)} (within {args.within} days of {args.today}), {site.policy.name} policy:\n")
    print(lapsing_table(lapses, args.today) if lapses else "Nothing lapses in that time.")
    broken = {p.file for p in problems} | {e.listing.file for e in evaluations if e.errors}
    if broken:
        print(f"\n{len(broken)} listing file(s) have errors and are not included: run build.py to see them.", file=sys.stderr)
    return 0


def _gate(args) -> int:
    from .quality_gate import run_gate  # needs the gate's extra packages

    problems = run_gate(args.folder, args.base_path)
    for problem in problems:
        print(problem)
    pages = len(page_paths(args.folder.resolve()))
    print(f"\nQuality gate: {len(problems)} problem{'s' if len(problems) != 1 else ''} in {pages} pages.")
    return 1 if problems else 0


def _serve(args) -> int:
    _build(args)
    base_path = args.base_path or load_site(args.root, args.config).settings["base_path"]
    with serving(args.output, base_path, port=args.port, quiet=False, headers=HEADERS) as address:
        print(f"Serving on {address.replace('127.0.0.1', 'localhost')}/ (Ctrl+C to stop)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0
