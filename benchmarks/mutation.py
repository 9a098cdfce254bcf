"""Mutation score of the rules, module by module, with mutmut (not in CI: minutes per module):

    .venv/bin/python -m benchmarks.mutation --module domain/totals.py [--module http/query.py ...] [--jobs 1]
    .venv/bin/python -m benchmarks.mutation --module domain/totals.py --recheck   # after adding tests

Without `--module`, every module in `SCOPE`, most used first. Each module runs alone: a fresh
`mutants/` copy, only that module mutated, only its test files selected (mutmut then runs, for each
mutant, the selected tests that reach the mutated function). Mutants listed in `docs/mutation.md`
as equivalent (their behaviour is the code's) are left out of the score. One line per module:

    domain/totals.py  94 mutants  91 killed  0 survived  3 equivalent  score 100.0 %

and each survivor by name with the lines it changes. `--recheck` re-tests only the survivors of the
module's last run (its `mutants/` copy), with the test files as they are now: a killed mutant stays
killed when tests are added, so the score it prints is the whole module's.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
EQUIVALENTS = ROOT / "docs" / "mutation.md"
PACKAGE = "mockbsale"

def deselected(*tests: str) -> list[str]:
    """pytest options leaving out selected files' tests that cover another module (slow ones: a
    property test of the XML, folios under concurrency)."""
    return [option for test in tests for option in ("--deselect", test)]


SCOPE: dict[str, list[str]] = {
    "domain/totals.py": ["tests/test_totals.py", "tests/test_peru.py", "tests/test_rules_taxes.py"],
    "domain/folios.py": ["tests/test_folios.py", "tests/test_documents_errors.py", "tests/test_peru.py",
                         "tests/test_mexico.py::test_a_global_invoice_covers_the_days_tickets"],
    "domain/stock.py": ["tests/test_stocks.py",
                        "tests/test_packs.py::test_a_dispatched_pack_takes_its_components_stock",
                        "tests/test_packs.py::test_a_pack_and_its_component_sold_together_take_their_sum",
                        "tests/test_rules_receptions.py", "tests/test_rules_stored_rows.py"],
    "http/query.py": ["tests/test_query.py"],
    "resources/listing.py": ["tests/test_query.py", "tests/test_conventions.py"],
    "resources/filters.py": ["tests/test_query.py", "tests/test_markets.py::test_market_list_by_price_and_stock",
                             "tests/test_checkout.py::test_checkout_list_and_filters"],
    "domain/documents.py": ["tests/test_documents.py", "tests/test_documents_errors.py", "tests/test_totals.py",
                            "tests/test_folios.py", "tests/test_rules_documents.py",
                            "tests/test_rules_document_plans.py", "tests/test_rules_stored_rows.py",
                            "tests/test_rules_taxes.py::test_icbper_counts_every_bag_of_a_document_and_is_marked_per_unit_in_a_state_file",
                            "tests/test_peru.py::test_tax_ids_are_checked_with_bsale_s_messages",
                            *deselected("tests/test_documents.py::test_every_served_xml_parses_whatever_the_text",
                                        "tests/test_documents.py::test_folios_are_unique_and_gap_free_under_concurrency")],
    "domain/taxes.py": ["tests/test_rules_taxes.py", "tests/test_price_lists.py", "tests/test_packs.py",
                        "tests/test_checkout.py"],
    "domain/xml_text.py": ["tests/test_documents.py::test_document_views_show_items_and_totals_like_a_printed_document",
                           "tests/test_rules_documents.py"],
    "domain/returns.py": ["tests/test_returns.py", "tests/test_rules_returns.py", "tests/test_rules_return_notes.py"],
    "domain/payments.py": ["tests/test_payments.py", "tests/test_rules_payments.py",
                           "tests/test_client_documents.py::test_payments_and_returns_reduce_what_is_owed",
                           "tests/test_rules_stored_rows.py"],
    "domain/checkout.py": ["tests/test_checkout.py", "tests/test_couriers.py", "tests/test_webhooks_courier.py",
                           "tests/test_rules_checkout.py", "tests/test_rules_cart_lines.py"],
    "domain/catalog.py": ["tests/test_products.py", "tests/test_variants.py", "tests/test_price_lists.py",
                          "tests/test_rules_catalog.py"],
    "domain/clients.py": ["tests/test_clients.py", "tests/test_rules_clients.py",
                          "tests/test_peru.py::test_tax_ids_are_checked_with_bsale_s_messages"],
    "domain/packs.py": ["tests/test_packs.py", "tests/test_rules_packs.py"],
    "domain/shippings.py": ["tests/test_shippings.py", "tests/test_rules_shippings.py"],
    "domain/claims.py": ["tests/test_third_party_documents.py", "tests/test_rules_claims.py"],
    "domain/body.py": ["tests/test_bad_input.py",
                       "tests/test_hardening_api.py::test_absurd_numbers_are_refused_before_anything_is_written",
                       "tests/test_rules_body.py"],
    "domain/countries.py": ["tests/test_peru.py", "tests/test_mexico.py", "tests/test_documents_errors.py",
                            "tests/test_rules_countries.py"],
    "domain/context.py": ["tests/test_isolation.py", "tests/test_webhooks_changes.py",
                          "tests/test_documents.py::test_dispatch_takes_stock_once_per_pair"],
    "resources/render.py": ["tests/test_conventions.py", "tests/test_query.py", "tests/test_rules_render.py",
                            "tests/test_v2.py",
                            "tests/test_checkout.py::test_cart_is_created_with_the_documented_shape",
                            "tests/test_checkout.py::test_cart_lines_are_listed_edited_added_and_deleted"],
    "webhooks/payloads.py": ["tests/test_webhooks.py", "tests/test_webhooks_changes.py",
                             "tests/test_webhooks_courier.py", "tests/test_rules_webhooks.py"],
    "webhooks/dispatcher.py": ["tests/test_webhooks.py", "tests/test_hardening_webhooks.py",
                               "tests/test_hardening_bounds.py::test_a_subscription_that_cannot_keep_up_has_a_bounded_backlog",
                               "tests/test_rules_webhooks.py"],
    "store/table.py": ["tests/test_store.py", "tests/test_transaction.py", "tests/test_rules_store.py"],
    "domain/global_invoices.py": [
        "tests/test_mexico.py::test_a_global_invoice_covers_the_days_tickets",
        "tests/test_mexico.py::test_ticket_filters",
        "tests/test_mexico.py::test_a_ticket_is_validated_by_number_total_and_date",
        "tests/test_mexico.py::test_voiding_a_cfdi",
        "tests/test_mexico.py::test_bad_input_to_mexicos_endpoints_changes_nothing",
        "tests/test_mexico.py::test_mexicos_own_operations_answer_as_documented",
        "tests/test_mexico.py::test_a_mexican_company_round_trips_through_fixtures",
        "tests/test_mexico_seed.py::test_history_has_tickets_facturas_and_a_global_invoice",
        "tests/test_rules_global_invoices.py",
    ],
    "domain/cfdi.py": ["tests/test_mexico.py", "tests/test_mexico_seed.py", "tests/test_rules_cfdi.py"],
}
"""Each module in scope and the narrowest test files that cover it."""

STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 36: "timeout", 24: "timeout",
          -24: "timeout", 152: "timeout", 255: "timeout", None: "not checked"}


@dataclass
class Score:
    module: str
    statuses: dict[str, str] = field(default_factory=dict)
    """Mutant name -> killed, survived, timeout, no tests, not checked or suspicious."""
    equivalent: set[str] = field(default_factory=set)
    diffs: dict[str, list[str]] = field(default_factory=dict)
    """Survivor name -> the lines it changes."""

    @property
    def counted(self) -> Counter[str]:
        return Counter(status for name, status in self.statuses.items() if name not in self.equivalent)

    @property
    def survivors(self) -> list[str]:
        return sorted(name for name, status in self.statuses.items()
                      if status not in ("killed", "timeout") and name not in self.equivalent)

    @property
    def percent(self) -> float:
        counted = self.counted
        total = sum(counted.values())
        return 100.0 if total == 0 else 100 * (counted["killed"] + counted["timeout"]) / total

    def line(self) -> str:
        counted = self.counted
        return (f"{self.module:24} {len(self.statuses):4} mutants {counted['killed'] + counted['timeout']:4} killed "
                f"{len(self.survivors):3} survived {len(self.equivalent & set(self.statuses)):3} equivalent "
                f"score {self.percent:5.1f} %")


def equivalents() -> set[str]:
    """Mutant names listed in docs/mutation.md (a backquoted `mockbsale.x.y__mutmut_N` per line)."""
    if not EQUIVALENTS.exists():
        return set()
    return set(re.findall(r"`(mockbsale\.[\w.]+__mutmut_\d+)`", EQUIVALENTS.read_text()))


def run_module(module: str, jobs: int, recheck: bool = False) -> Score:
    """Mutate one module in a fresh `mutants/` and test it with its own test files, or (`recheck`)
    re-test the survivors of its last run with the current tests (mutmut's log in `mutants/mutation.log`)."""
    meta = MUTANTS / PACKAGE / f"{module}.meta"
    command = [sys.executable, "-m", "benchmarks.mutation", "--mutmut", module, "--jobs", str(jobs)]
    if recheck:
        if not meta.exists():
            raise SystemExit(f"mutation: no last run of {module} in {MUTANTS} to recheck; run it without --recheck")
        survivors = score_of(module, meta).survivors
        if not survivors:
            return score_of(module, meta)  # nothing to re-test (mutmut would run every mutant)
        command += survivors
        shutil.copytree(ROOT / "tests", MUTANTS / "tests", dirs_exist_ok=True)
        (MUTANTS / "mutmut-stats.json").unlink(missing_ok=True)  # so that new tests are traced too
    else:
        shutil.rmtree(MUTANTS, ignore_errors=True)
        MUTANTS.mkdir()
    log = MUTANTS / "mutation.log"
    with log.open("w") as out:
        subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, check=False)
    if not meta.exists():
        raise SystemExit(f"mutation: mutmut produced no results for {module}; see {log}")
    score = score_of(module, meta)
    if set(score.statuses.values()) == {"not checked"}:
        raise SystemExit(f"mutation: mutmut could not run the tests of {module} (see {log}); are the test "
                         "dependencies installed? .venv/bin/pip install -e '.[test,bench]'")
    score.diffs = {name: changed_lines(name) for name in score.survivors}
    return score


def score_of(module: str, meta: Path) -> Score:
    exit_codes = json.loads(meta.read_text())["exit_code_by_key"]
    statuses = {name: STATUS.get(exit_code, "suspicious") for name, exit_code in exit_codes.items()}
    return Score(module, statuses, equivalents())


def changed_lines(mutant: str) -> list[str]:
    """The `-`/`+` lines of a mutant's diff (`mutmut show`, while its `mutants/` copy exists)."""
    shown = subprocess.run([sys.executable, "-m", "mutmut", "show", mutant], cwd=ROOT, capture_output=True, text=True)
    return [line for line in shown.stdout.splitlines() if line[:2] in ("- ", "+ ")]


def mutmut_run(module: str, jobs: int, names: list[str]) -> None:
    """mutmut's `run` (of the named mutants, or all), with only `module` mutated and only its test files
    selected (this process only)."""
    from mutmut import configuration
    from mutmut.__main__ import cli

    configuration._config = replace(configuration._load_config(), only_mutate=[f"{PACKAGE}/{module}"],
                                    pytest_add_cli_args_test_selection=SCOPE[module])
    cli(["run", "--max-children", str(jobs), *names])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.mutation", description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", choices=sorted(SCOPE), help="a module in scope (repeatable)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested at once (default 1)")
    parser.add_argument("--recheck", action="store_true",
                        help="re-test only the survivors of the module's last run, with the tests as they are now")
    parser.add_argument("--mutmut", choices=sorted(SCOPE), help=argparse.SUPPRESS)
    args, names = parser.parse_known_args(argv)
    if args.mutmut:
        mutmut_run(args.mutmut, args.jobs, names)
        return 0
    if names:
        parser.error(f"unrecognized arguments: {' '.join(names)}")
    if args.recheck and len(args.module or []) != 1:
        parser.error("--recheck needs exactly one --module (the one run last)")
    if shutil.which("mutmut", path=str(Path(sys.executable).parent)) is None:
        print("mutation: mutmut is not installed; run: .venv/bin/pip install -e '.[test,bench]'", file=sys.stderr)
        return 2
    scores = []
    for module in args.module or list(SCOPE):
        score = run_module(module, args.jobs, args.recheck)
        scores.append(score)
        print(score.line(), flush=True)
        for name in score.survivors:
            print(f"    {score.statuses[name]:10} {name}", flush=True)
            for line in score.diffs.get(name, []):
                print(f"        {line.strip()}", flush=True)
    below = [score.module for score in scores if score.percent < 90]
    if below:
        print(f"mutation: below 90 %: {', '.join(below)}", file=sys.stderr)
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
