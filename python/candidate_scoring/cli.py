"""Command line of the project's tooling:
`candidate-scoring generate | run | check | summary | report | fit`."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb

from candidate_scoring.settings import (
    DATABASE_ENV_VAR,
    DEFAULT_DATABASE,
    PROJECT_DIR,
    database_path,
)

RUN_RESULTS = Path("target") / "run_results.json"


def _positive_int(text: str) -> int:
    value = int(text.replace("_", ""))
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative")
    return value


def _iso_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="candidate-scoring", description=__doc__)
    parser.add_argument(
        "--database",
        type=Path,
        default=None,
        help=f"DuckDB file (default: ${DATABASE_ENV_VAR} or {DEFAULT_DATABASE})",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    generate = commands.add_parser(
        "generate",
        help="write deterministic demo raw tables",
        description="Write deterministic demo raw tables (candidates, engagement_events, "
        "placements) into the database. Tables it writes carry a mark (a table comment); a "
        "table without it (your extract) is never replaced, unless --force.",
    )
    generate.add_argument("--candidates", type=_positive_int, default=5_000)
    generate.add_argument("--events", type=_positive_int, default=100_000)
    generate.add_argument("--seed", type=int, default=42)
    generate.add_argument(
        "--end-date",
        type=date.fromisoformat,
        default=None,
        help="last day of the two years of data, YYYY-MM-DD (default: today, UTC)",
    )
    generate.add_argument("--schema", default="raw", help="schema of the raw tables")
    generate.add_argument(
        "--force",
        action="store_true",
        help="replace the raw tables even if candidate-scoring generate did not write them",
    )

    run = commands.add_parser(
        "run",
        help="the scheduled run: freshness, build, checks, publish, exports",
        description="The one command for cron or an orchestrator: dbt source freshness, dbt "
        "build, the checks, then (only if all passed) publish the read-only database BI "
        "tools open and write the export files, each swapped in one step so a reader never "
        "sees half of it. Exits 0 on success, 3 on success with warnings (a stale extract, "
        "a high rejection rate, a weight set that fits few candidates), 1 when a step failed "
        "(the last good publication stays), 2 when it cannot run (no warehouse, another run "
        "in progress). Appends one line to <database name>_runs/runs.log and writes the "
        "run's JSON record beside it.",
    )
    run.add_argument(
        "--as-of-date",
        type=_iso_date,
        default=None,
        help="score as of this date, YYYY-MM-DD (default: vars.as_of_date, else today, UTC)",
    )
    run.add_argument(
        "--published-database",
        type=Path,
        default=None,
        help="the read-only copy BI tools open (default: $CANDIDATE_SCORING_PUBLISHED_PATH, "
        "else <database name>_published.duckdb beside the database)",
    )
    run.add_argument(
        "--export-dir",
        type=Path,
        default=None,
        help="folder of the export files, read from its current/ link (default: "
        "$CANDIDATE_SCORING_EXPORT_DIR, else <database name>_exports/ beside the database)",
    )
    run.add_argument(
        "--project-dir",
        type=Path,
        default=PROJECT_DIR,
        help="the dbt project to build (default: this one)",
    )
    run.add_argument(
        "--backtest",
        action="store_true",
        help="score the backtest grid and rebuild the evaluation marts even if not due (they "
        "are rebuilt when the grid moves to a new month, the seeds or dbt_project.yml "
        "changed, or none exist yet; other nights score the as-of date only)",
    )

    check = commands.add_parser(
        "check",
        help="check score distributions and drift with Great Expectations",
        description="Check the built warehouse with Great Expectations: points and scores "
        "within what the weight seeds allow, tier shares within seeds/score_tiers.csv, "
        "worklist size and share of zero scores within vars.quality_checks "
        "(dbt_project.yml), tier shares moved by at most max_tier_share_change since the last "
        "passing check. Exits 1 if an expectation fails, 2 if the checks cannot run (no "
        "build, a broken setting). Writes into the output folder: "
        "check_results.json (every result), data_docs/index.html (Great Expectations Data "
        "Docs) and baseline.json (what this check saw; replaced only by a passing check, "
        "delete it to accept a deliberate change).",
    )
    check.add_argument(
        "--output-dir",
        type=Path,
        default=None,
        help="folder of the results, Data Docs and baseline (default: beside the database, "
        "<database folder>/<database name>_quality_checks/, e.g. "
        "data/candidate_scoring_quality_checks/ or data/demo_quality_checks/)",
    )

    summary = commands.add_parser(
        "summary",
        help="print the tier counts, lost data and the warnings of the last dbt run",
        description="Print where the scored views are, candidates per tier, raw rows "
        "rejected, values nulled, unscored events and the warnings of the last dbt invocation.",
    )
    summary.add_argument(
        "--run-results",
        type=Path,
        default=None,
        help=f"dbt's run_results.json (default: {RUN_RESULTS} in the project folder)",
    )

    report = commands.add_parser(
        "report",
        help="write the backtest report: one self-contained HTML page",
        description="Compare the weight sets on the evaluation marts (dbt build makes them): "
        "headline metrics, score distribution, conversion by tier, lift, calibration, the set "
        "in force against each challenger, tier changes and information value per criterion, "
        "in one HTML file that loads nothing from the network.",
    )
    report.add_argument(
        "--output",
        type=Path,
        default=Path("target") / "backtest_report.html",
        help="HTML file to write (default: target/backtest_report.html in the current folder)",
    )
    report.add_argument(
        "--outcome",
        default=None,
        help="outcome of the plots (default: the first of vars.backtest.outcomes present)",
    )

    fit = commands.add_parser(
        "fit",
        help="fit a new weight set on the backtest and write it into the seed files",
        description="Fit a new weight set on the fit sample of evaluation.backtest_fit_features "
        "(optimal binning of each attribute criterion, a logistic regression on one indicator "
        "per bin and the decayed event counts, controlled for how long each candidate had been "
        "known, points scaled so that --points-to-double-odds more points double the odds of "
        "converting) and append its rows to seeds/attribute_points.csv, event_points.csv and "
        "score_tiers.csv, every other row unchanged. Tier bounds give each tier the middle of "
        "its expected share among the as-of date's candidates. Decay settings and opt-out event "
        "types are the reference set's. Exits 1 when it cannot run (no backtest table, an "
        "unknown reference set, a refused name).",
    )
    fit.add_argument("--name", required=True, help="the new weight set's name ([a-z0-9_])")
    fit.add_argument(
        "--reference-set",
        default=None,
        help="the weight set whose decay, caps, opt-outs and tiers the new set keeps "
        "(default: vars.weight_set of dbt_project.yml)",
    )
    fit.add_argument(
        "--replace", action="store_true", help="overwrite the rows of a set of that name"
    )
    fit.add_argument(
        "--seeds-dir",
        type=Path,
        default=None,
        help="folder of the seed CSV files (default: the project's seeds/)",
    )
    fit.add_argument(
        "--min-rows",
        type=_positive_int,
        default=50,
        help="fewest candidate-dates a value, band or event type needs to earn points (50)",
    )
    fit.add_argument(
        "--min-conversions",
        type=_positive_int,
        default=5,
        help="fewest conversions a value, band or event type needs to earn points (5)",
    )
    fit.add_argument(
        "--points-to-double-odds",
        type=float,
        default=20.0,
        help="points that double the odds of converting (20)",
    )
    fit.add_argument(
        "--min-bin-rows",
        type=_positive_int,
        default=None,
        help="fewest candidate-dates in a bin of values or a band (default: --min-rows); a "
        "value of at least --min-rows whose conversion clearly differs from the rest of its bin "
        "is a bin of its own in any case",
    )
    fit.add_argument(
        "--monotonic-trend",
        default="auto",
        help="how conversion may move across a band criterion's bands, optbinning's "
        "monotonic_trend: auto (the default), auto_asc_desc, ascending, descending, peak, "
        "valley, or none (any shape)",
    )
    fit.add_argument(
        "--max-correlation",
        type=float,
        default=None,
        help="two features of different criteria whose presence is correlated at least this "
        "much measure one behaviour: the weaker gets 0 points (default 0.8)",
    )
    return parser


def _generate(arguments: argparse.Namespace, database: Path) -> int:
    from candidate_scoring.demo_data import generate_demo_data
    from candidate_scoring.demo_data.generator import ForeignTableError

    try:
        summary = generate_demo_data(
            database,
            candidates=arguments.candidates,
            events=arguments.events,
            seed=arguments.seed,
            end_date=arguments.end_date,
            schema=arguments.schema,
            force=arguments.force,
        )
    except ForeignTableError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{table} {rows:,}" for table, rows in summary.row_counts.items())
    print(f"Wrote demo raw tables to {database} ({summary.schema}): {counts}")
    return 0


def _run(arguments: argparse.Namespace, database: Path) -> int:
    from candidate_scoring.publishing import default_export_dir, default_published_path
    from candidate_scoring.scheduled_run import run_scheduled

    record = run_scheduled(
        database,
        published_path=(arguments.published_database or default_published_path(database)),
        export_dir=arguments.export_dir or default_export_dir(database),
        as_of_date=arguments.as_of_date,
        project_dir=arguments.project_dir.resolve(),
        backtest=arguments.backtest,
    )
    if record.cannot_run_reason:
        print(f"error: cannot run: {record.cannot_run_reason}", file=sys.stderr)
    for step in record.steps:
        if step.status == "failed":
            print(f"error: step {step.name} failed: {step.detail}", file=sys.stderr)
    for warning in record.warnings:
        print(f"warning: {warning}")
    print(record.summary_line())
    return record.exit_code


def _check(arguments: argparse.Namespace, database: Path) -> int:
    from candidate_scoring.quality_checks import QualityCheckError, check_warehouse, format_report

    try:
        report = check_warehouse(database, arguments.output_dir)
    except QualityCheckError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for result in report.failed:
        print(result.describe(), file=sys.stderr)
    print(format_report(report, failures=False))
    return 0 if report.success else 1


def _summary(arguments: argparse.Namespace, database: Path) -> int:
    from candidate_scoring.summary import BuildNotFoundError, format_summary, read_summary

    try:
        summary = read_summary(database, arguments.run_results or PROJECT_DIR / RUN_RESULTS)
    except BuildNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(format_summary(summary))
    return 0


def _report(arguments: argparse.Namespace, database: Path) -> int:
    from candidate_scoring.report import ReportError, write_report

    try:
        path = write_report(database, arguments.output, arguments.outcome)
    except ReportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Wrote the backtest report of {database} to {path.resolve()}")
    return 0


def _fit(arguments: argparse.Namespace, database: Path) -> int:
    from candidate_scoring.fitting import FitError, FitOptions, fit_weight_set, format_result

    options = FitOptions(
        name=arguments.name,
        reference_set=arguments.reference_set,
        seeds_dir=arguments.seeds_dir,
        replace=arguments.replace,
        min_rows=arguments.min_rows,
        min_conversions=arguments.min_conversions,
        points_to_double_odds=arguments.points_to_double_odds,
        min_bin_rows=arguments.min_bin_rows,
        monotonic_trend=arguments.monotonic_trend,
    )
    if arguments.max_correlation is not None:
        options = replace(options, max_correlation=arguments.max_correlation)
    try:
        result = fit_weight_set(database, options)
    except FitError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(format_result(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    database = arguments.database or database_path()
    command = {
        "generate": _generate,
        "run": _run,
        "check": _check,
        "summary": _summary,
        "report": _report,
        "fit": _fit,
    }[arguments.command]
    try:
        return command(arguments, database)
    except duckdb.IOException as error:  # the file is locked: dbt is writing to it
        print(f"error: cannot open {database} (is dbt running on it?): {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
