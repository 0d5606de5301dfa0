"""Command line: `python build.py [build|serve|check|new|import|...] ...`."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from care_directory.config import load_site
from care_directory.editor.check import run_check
from care_directory.editor.git_history import HistoryUnavailableError
from care_directory.editor.new_listing import listing_template, slugify
from care_directory.editor.review import review_markdown
from care_directory.gate.built_site import page_paths
from care_directory.listings.loader import load_listings
from care_directory.listings.validation import BuildError, InputError
from care_directory.outputs.build_info import fetch_build_info, staleness_problem
from care_directory.outputs.report import lapsing_table, lapsing_within, summary, write_report
from care_directory.outputs.theme_assets import AssetError
from care_directory.paths import PROJECT_ROOT
from care_directory.policy.rules import evaluate_all


def main(argv: list[str] | None = None) -> int:
    """Run a command; returns the process exit status. Every failure is a message, never a traceback."""
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
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        print(
            f"Stopped: cannot read or write{where}: {error.strerror or error}. "
            "Check the folder exists, that you may write to it and that the disk is not full; nothing was published.",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("Stopped. Nothing was published.", file=sys.stderr)
        return 130
    except Exception as error:  # a council user must never see a traceback
        if os.environ.get("CARE_DIRECTORY_DEBUG"):
            raise
        print(
            f"Stopped by an unexpected error ({type(error).__name__}: {error}). Nothing was published. "
            "This is a fault in the directory's code: please report it with this message "
            "(set CARE_DIRECTORY_DEBUG=1 to see the details).",
            file=sys.stderr,
        )
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the care micro-enterprise directory.")
    parser.set_defaults(run=_build)
    _add_build_options(parser)
    commands = parser.add_subparsers(title="commands")
    build = commands.add_parser("build", help="check every listing and build the site (the default)")
    _add_build_options(build, inherit=True)
    build.set_defaults(run=_build)
    serve = commands.add_parser("serve", help="build, then serve the site on http://localhost:PORT/")
    _add_build_options(serve, inherit=True)
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=_serve)
    report = commands.add_parser(
        "report", help="list what lapses in the next N days, soonest first, for staff to chase"
    )
    _add_site_options(report, inherit=True)
    report.add_argument(
        "--within", type=int, default=60, metavar="DAYS", help="how many days ahead to look (default: 60)"
    )
    report.set_defaults(run=_report)
    new = commands.add_parser("new", help='write a new draft listing to fill in, e.g. new "Bright Days Home Support"')
    new.add_argument("name", help="the provider's trading name")
    new.add_argument(
        "--stdout", action="store_true", help="print the listing instead of writing content/drafts/<name>.yaml"
    )
    _add_root_options(new, inherit=True)
    new.set_defaults(run=_new)
    check = commands.add_parser(
        "check", help="check listing files (all of them when none are named) against the schema and policy"
    )
    _add_site_options(check, inherit=True)
    check.add_argument("files", nargs="*", type=Path, help="listing files to check")
    check.set_defaults(run=_check)
    editor = commands.add_parser(
        "editor", help="write the staff browser editor (/admin/) into a folder for a staff-only host"
    )
    editor.add_argument(
        "--output",
        type=Path,
        default=PROJECT_ROOT / "output-editor",
        help="where to write it (default: output-editor/)",
    )
    _add_root_options(editor, inherit=True)
    editor.set_defaults(run=_editor)
    formatting = commands.add_parser(
        "format", help="lay listing files out the way `new` writes them (after the browser editor saved them)"
    )
    formatting.add_argument("files", nargs="*", type=Path, help="listing files (all listings and drafts when none)")
    formatting.add_argument("--check", action="store_true", help="only list the files that need formatting")
    _add_root_options(formatting, inherit=True)
    formatting.set_defaults(run=_format)
    importing = commands.add_parser(
        "import",
        help="turn a CSV (the open-data export's columns) or an Open Referral UK service list (JSON) into drafts",
    )
    importing.add_argument("file", type=Path, help="the .csv or .json file to import")
    importing.add_argument(
        "--mapping", type=Path, help="YAML file naming the spreadsheet's columns (docs/import-mapping-example.yaml)"
    )
    importing.add_argument(
        "--issue-form",
        type=Path,
        help="FILE is the text of an issue opened with this issue form (.github/ISSUE_TEMPLATE/)",
    )
    _add_site_options(importing, inherit=True)
    importing.set_defaults(run=_import)
    review = commands.add_parser(
        "review", help="summarise listing changes between two git revisions, as Markdown for a pull request"
    )
    review.add_argument("base", help="the revision to compare from, e.g. origin/main")
    review.add_argument("head", nargs="?", default="HEAD", help="the revision to compare to (default: HEAD)")
    _add_root_options(review, inherit=True)
    review.set_defaults(run=_review)
    review_add = commands.add_parser(
        "review-add",
        help="turn a resident's submitted review (a Netlify Forms CSV export, or the e-mail's body) into a draft "
        "review file in content/reviews/ for staff to approve",
    )
    review_add.add_argument(
        "submission", help="the CSV export or a text file holding the e-mail body; - to paste it in (end with Ctrl+D)"
    )
    _add_site_options(review_add, inherit=True)
    review_add.set_defaults(run=_review_add)
    monitor = commands.add_parser(
        "monitor", help="fail if the live site's build.json shows it has not been rebuilt recently"
    )
    monitor.add_argument("url", help="the live site's address, e.g. https://care.example.org/directory/")
    monitor.add_argument("--max-age-days", type=int, default=2, help="how old the last build may be (default: 2 days)")
    monitor.add_argument(
        "--today",
        type=date.fromisoformat,
        default=argparse.SUPPRESS,
        help="today's date YYYY-MM-DD (default: today in the UK)",
    )
    monitor.set_defaults(run=_monitor)
    gate = commands.add_parser("gate", help="check a built site: accessibility (axe), HTML, links, reflow and keyboard")
    gate.add_argument(
        "folder", type=Path, nargs="?", default=PROJECT_ROOT / "output", help="the built site (default: output/)"
    )
    gate.add_argument("--base-path", default=argparse.SUPPRESS, help="the base path it was built for (default: /)")
    gate.set_defaults(run=_gate)
    return parser


def _add_root_options(parser: argparse.ArgumentParser, inherit: bool = False) -> None:
    # A command's options may also be given before the command (build.py --root X check): on the commands they
    # default to "not given", so the value given before the command stands.
    default = _defaults(inherit)
    parser.add_argument(
        "--root",
        type=Path,
        default=default(PROJECT_ROOT),
        help="folder holding config/ and content/ (default: this project)",
    )
    parser.add_argument("--config", default=default("config/site.yaml"), help="site config file, relative to --root")


def _add_site_options(parser: argparse.ArgumentParser, inherit: bool = False) -> None:
    _add_root_options(parser, inherit)
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=_defaults(inherit)(uk_today()),
        help="build date YYYY-MM-DD (default: today in the UK)",
    )


def _add_build_options(parser: argparse.ArgumentParser, inherit: bool = False) -> None:
    _add_site_options(parser, inherit)
    default = _defaults(inherit)
    parser.add_argument(
        "--output",
        type=Path,
        default=default(PROJECT_ROOT / "output"),
        help="where the site is written (default: output/); report.json goes beside it",
    )
    parser.add_argument(
        "--base-path",
        default=default(None),
        help="folder the site is served from, e.g. /directory/ (default: from the site config)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        default=default(False),
        help="read every listing again instead of reusing unchanged ones from earlier builds",
    )


def _defaults(inherit: bool):
    return (lambda value: argparse.SUPPRESS) if inherit else (lambda value: value)


def _build(args) -> int:
    from care_directory.pipeline import publish  # Pelican loads slowly; `check` and `new` do not need it

    site = load_site(args.root, args.config)
    directory = publish(site, args.output, args.today, args.base_path, use_cache=not args.no_cache)
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
    print(
        f"What lapses by {args.today + timedelta(days=args.within)} "
        f"(within {args.within} days of {args.today}), {site.policy.name} policy:\n"
    )
    print(lapsing_table(lapses, args.today) if lapses else "Nothing lapses in that time.")
    broken = {p.file for p in problems} | {e.listing.file for e in evaluations if e.errors}
    if broken:
        print(
            f"\n{len(broken)} listing file(s) have errors and are not included: run build.py to see them.",
            file=sys.stderr,
        )
    return 0


def _new(args) -> int:
    site = load_site(args.root, args.config)
    if args.stdout:
        print(listing_template(site, args.name), end="")
        return 0
    slug = slugify(args.name)
    if not slug:
        print("Give the provider's name.", file=sys.stderr)
        return 1
    existing = [
        folder / f"{slug}.yaml"
        for folder in (site.providers_dir, site.drafts_dir)
        if (folder / f"{slug}.yaml").exists()
    ]
    if existing:
        print(
            f"{existing[0].relative_to(site.root)} already exists: choose another name or edit that file.",
            file=sys.stderr,
        )
        return 1
    path = site.drafts_dir / f"{slug}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(listing_template(site, args.name), encoding="utf-8")
    shown = path.relative_to(site.root)
    print(
        f"Wrote {shown}, a draft that is never published. Fill in every field and run "
        f".venv/bin/python build.py check {shown} until it says the draft is ready, then move it to "
        f"{site.providers_dir.relative_to(site.root)}/."
    )
    return 0


def _missing(*files: Path | None) -> bool:
    """Name each given file that does not exist; True if any is missing."""
    missing = [f for f in files if f and not f.is_file()]
    if missing:
        print("\n".join(f"{f}: file not found" for f in missing), file=sys.stderr)
    return bool(missing)


def _check(args) -> int:
    site = load_site(args.root, args.config)
    if _missing(*args.files):
        return 1
    return 1 if run_check(site, [f.resolve() for f in args.files], args.today) else 0


def _editor(args) -> int:
    from care_directory.outputs.editor_assets import write_editor

    site = load_site(args.root, args.config)
    if "editor" not in site.settings:
        print(f"{args.config}: editor: not set: name the GitHub repository the editor works on", file=sys.stderr)
        return 1
    admin = write_editor(site, args.output)
    print(f"Editor written to {admin}/ with its headers in {args.output / '_headers'}: see docs/hosting.md.")
    return 0


def _format(args) -> int:
    from care_directory.editor.format_listings import format_listings

    site = load_site(args.root, args.config)
    if _missing(*args.files):
        return 1
    return format_listings(site, [f.resolve() for f in args.files], args.check)


def _import(args) -> int:
    from care_directory.editor.import_drafts import run_import  # reads the open-data module only when importing

    site = load_site(args.root, args.config)
    if _missing(args.file, args.mapping, args.issue_form):
        return 1
    return run_import(site, args.file, args.mapping, args.today, args.issue_form)


def _review(args) -> int:
    site = load_site(args.root, args.config)
    try:
        print(review_markdown(site, args.base, args.head), end="")
    except HistoryUnavailableError as error:
        print(f"Cannot compare {args.base} and {args.head}: {error}", file=sys.stderr)
        return 2
    return 0


def _review_add(args) -> int:
    from care_directory.editor.review_add import add_reviews

    site = load_site(args.root, args.config)
    text = sys.stdin.read() if args.submission == "-" else Path(args.submission).read_text(encoding="utf-8")
    drafts, refused = add_reviews(site, text, args.today)
    for draft in drafts:
        print(f"Wrote {draft.path.relative_to(site.root)} (status: draft).")
        for note in draft.attention:
            print(f"  check: {note}")
    for reason in refused:
        print(reason, file=sys.stderr)
    if drafts:
        print(
            "Read each draft against the moderation rules, then commit it in a pull request: set `moderator` and "
            "`status: published` when it is approved."
        )
    return 1 if refused or not drafts else 0


def uk_today() -> date:
    """Today's date in the UK, whatever the machine's time zone (CI machines run on UTC)."""
    return datetime.now(ZoneInfo("Europe/London")).date()


def _monitor(args) -> int:
    try:
        info = fetch_build_info(args.url)
    except (OSError, ValueError) as error:
        print(f"Monitor: {error}", file=sys.stderr)
        return 1
    if problem := staleness_problem(info, args.today, args.max_age_days):
        print(f"Monitor: {args.url}: {problem}.", file=sys.stderr)
        return 1
    print(
        f"Monitor: {args.url} was built on {info['build_date']} "
        f"from {info.get('source_commit') or 'an unknown commit'}: current."
    )
    return 0


def _gate(args) -> int:
    from care_directory.gate.quality_gate import GateUnavailableError, run_gate  # needs the gate's extra packages

    try:
        problems = run_gate(args.folder, args.base_path or "/")
    except GateUnavailableError as error:
        print(f"The quality gate cannot run: {error}.", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    pages = len(page_paths(args.folder.resolve()))
    print(f"\nQuality gate: {len(problems)} problem{'s' if len(problems) != 1 else ''} in {pages} pages.")
    return 1 if problems else 0


def _serve(args) -> int:
    from care_directory.gate.static_server import serving
    from care_directory.outputs.security_headers import read_headers_file

    _build(args)
    base_path = args.base_path or load_site(args.root, args.config).settings["base_path"]
    rules = read_headers_file(args.output / "_headers")
    with serving(args.output, base_path, port=args.port, quiet=False, header_rules=rules) as address:
        print(f"Serving on {address.replace('127.0.0.1', 'localhost')}/ (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0
