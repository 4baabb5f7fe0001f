"""Command line of the project's tooling: `candidate-scoring generate | check | summary`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from candidate_scoring.settings import DATABASE_ENV_VAR, database_path


def _positive_int(text: str) -> int:
    value = int(text.replace("_", ""))
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="candidate-scoring", description=__doc__)
    parser.add_argument(
        "--database",
        type=Path,
        default=None,
        help=f"DuckDB file (default: ${DATABASE_ENV_VAR} or data/candidate_scoring.duckdb)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    generate = commands.add_parser("generate", help="write deterministic demo raw tables")
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

    commands.add_parser("check", help="validate scoring.candidate_scores with Great Expectations")
    commands.add_parser("summary", help="print where the scored views are and the tier counts")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    database = arguments.database or database_path()

    if arguments.command == "generate":
        from candidate_scoring.demo_data import generate_demo_data

        summary = generate_demo_data(
            database,
            candidates=arguments.candidates,
            events=arguments.events,
            seed=arguments.seed,
            end_date=arguments.end_date,
            schema=arguments.schema,
        )
        counts = ", ".join(f"{table} {rows:,}" for table, rows in summary.row_counts.items())
        print(f"Wrote demo raw tables to {database} ({summary.schema}): {counts}")
        return 0

    if arguments.command == "check":
        from candidate_scoring.quality_checks import check_candidate_scores

        results = check_candidate_scores(database)
        failed = [result for result in results if not result.success]
        for result in failed:
            print(
                f"FAILED {result.expectation} on {result.column or 'the table'}: "
                f"e.g. {result.unexpected_examples}",
                file=sys.stderr,
            )
        print(
            f"Great Expectations on scoring.candidate_scores: "
            f"{len(results) - len(failed)} passed, {len(failed)} failed"
        )
        return 1 if failed else 0

    from candidate_scoring.summary import BuildNotFoundError, format_summary, read_summary

    try:
        print(format_summary(read_summary(database)))
    except BuildNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
