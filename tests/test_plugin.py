"""The pytest plugin, exercised the way a user's project runs it (`pytester`): fixtures, reset,
journal, faults, the marker, the options and the loud teardown failures."""

from __future__ import annotations

import json

import pytest

from mockbsale import MockServer, Settings

pytest_plugins = ["pytester"]


def test_fixtures_give_a_live_mock_reset_before_each_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_create(bsale):
            assert bsale.url.startswith("http://127.0.0.1:")
            assert len(bsale.token) == 40 and bsale.cpn_id == 1
            assert bsale.client.post("/v1/offices.json", json={"name": "Pop-up"}).status_code == 201
            assert bsale.state.count("offices") == 4

        def test_back_to_the_seed(bsale):
            assert bsale.client.get("/v1/offices.json").json()["count"] == 3
            assert bsale.state.rows("offices", name="Pop-up") == []
            office = bsale.state.row("offices", 1)
            assert office["name"] == bsale.client.get("/v1/offices/1.json").json()["name"]
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_state_stock_reads_the_stored_quantity(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_stock(bsale):
            row = bsale.state.rows("stocks")[0]
            assert bsale.state.stock(row["variantId"], row["officeId"]) == row["quantity"]
            assert bsale.state.stock(10**9, 1) == 0
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_requests_journal_and_faults_are_per_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_journal_and_429(bsale):
            bsale.faults("429", after=2, retry_after=7)
            assert bsale.client.get("/v1/offices.json").status_code == 200
            assert bsale.client.get("/v1/offices/2.json", params={"fields": "[name]"}).status_code == 200
            limited = bsale.client.get("/v1/offices.json")
            assert limited.status_code == 429 and limited.headers["retry-after"] == "7"
            assert [(r.method, r.path, r.status) for r in bsale.requests] == [
                ("GET", "/v1/offices.json", 200), ("GET", "/v1/offices/2.json", 200), ("GET", "/v1/offices.json", 429),
            ]
            assert bsale.requests[1].query == "fields=%5Bname%5D"

        def test_next_test_starts_clean(bsale):
            bsale.faults("500:times=1")
            assert bsale.client.get("/v1/offices.json").status_code == 500
            assert bsale.client.get("/v1/offices.json").status_code == 200
            assert len(bsale.requests) == 2
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_unknown_fault_is_a_clear_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        def test_bad_fault(bsale):
            with pytest.raises(ValueError, match="unknown fault kind"):
                bsale.faults("meteor")
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_marker_changes_the_data_for_one_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        NAMES = {}

        def test_default(bsale):
            NAMES["default"] = bsale.client.get(f"/v1/instances/basic/{bsale.token}.json").json()["name"]
            assert len(bsale.companies) == 1

        @pytest.mark.bsale(seed=99, companies=2)
        def test_two_companies(bsale):
            assert [company.cpn_id for company in bsale.companies] == [1, 2]
            second = bsale.companies[1]
            assert second.token != bsale.token
            assert second.client.get("/v1/offices.json").json()["count"] == 3
            name = bsale.client.get(f"/v1/instances/basic/{bsale.token}.json").json()["name"]
            assert name != NAMES["default"]

        @pytest.mark.bsale(colour="blue")
        def test_unknown_keyword(bsale):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        ["*ERROR at setup of test_unknown_keyword*", "*unknown @pytest.mark.bsale keyword(s) colour*"]
    )


def test_seed_option_and_ini_give_the_same_data(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_name(bsale):
            print("NAME=" + bsale.client.get(f"/v1/instances/basic/{bsale.token}.json").json()["name"])
        """
    )
    by_option = pytester.runpytest("-s", "--bsale-seed=42").stdout.str()
    pytester.makeini("[pytest]\nbsale_seed = 42\n")
    by_ini = pytester.runpytest("-s").stdout.str()
    default = pytester.runpytest("-s", "--bsale-seed=1").stdout.str()

    def name(output: str) -> str:
        return next(line for line in output.splitlines() if "NAME=" in line).split("NAME=")[1]

    assert name(by_option) == name(by_ini) != name(default)


def test_fixtures_option_loads_a_data_set(pytester: pytest.Pytester) -> None:
    with MockServer(Settings(port=0, tokens=["fixture-token"], seed=5)) as live:
        live.call(live.engine.store.companies[1].instance.update, {"name": "Fixture Company SpA"})
        data = live.call(live.engine.store.dump)
    pytester.path.joinpath("data.json").write_text(json.dumps(data))
    pytester.makepyfile(
        """
        def test_loaded(bsale):
            assert bsale.token == "fixture-token"
            info = bsale.client.get("/v1/instances/basic/fixture-token.json").json()
            assert info["name"] == "Fixture Company SpA"
        """
    )
    pytester.runpytest("--bsale-fixtures=data.json").assert_outcomes(passed=1)


def test_marker_fixtures_are_relative_to_the_test_file(pytester: pytest.Pytester) -> None:
    with MockServer(Settings(port=0, tokens=["marker-token"])) as live:
        data = live.call(live.engine.store.dump)
    pytester.mkdir("data").joinpath("shop.json").write_text(json.dumps(data))
    pytester.mkdir("sub")
    pytester.path.joinpath("sub", "test_marker_data.py").write_text(
        "import pytest\n\n"
        "@pytest.mark.bsale(fixtures='../data/shop.json')\n"
        "def test_loaded(bsale):\n"
        "    assert bsale.token == 'marker-token'\n"
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_a_bad_seed_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_nothing(): pass")
    result = pytester.runpytest("--bsale-seed=abc")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--bsale-seed / bsale_seed must be an integer, not 'abc'*"])


def test_url_option_uses_a_running_mock(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_remote_first(bsale):
            bsale.client.post("/v1/offices.json", json={"name": "Remote"})
            assert bsale.state.count("offices") == 4
            assert [r.path for r in bsale.requests] == ["/v1/offices.json"]

        def test_remote_reset(bsale):
            assert bsale.state.count("offices") == 3
            bsale.faults("500", times=1)
            assert bsale.client.get("/v1/offices.json").status_code == 500
        """
    )
    with MockServer(Settings(port=0, tokens=["remote-token"])) as live:
        result = pytester.runpytest("-p", "no:randomly", f"--bsale-url={live.url}")
        assert live.call(lambda: len(live.engine.store.companies[1].table("offices"))) == 3
    result.assert_outcomes(passed=2)


HITS_A_BUG = """
from mockbsale.resources.registry import REGISTRY

def broken(ctx, body):
    raise RuntimeError("bug in the mock")

def test_hits_a_bug(bsale, monkeypatch):
    monkeypatch.setattr(REGISTRY["offices"], "post", broken)
    assert bsale.client.post("/v1/offices.json", json={"name": "x"}).status_code == 500
"""
"""A test that makes the mock fail for real (its office POST handler raises)."""


def test_a_mock_500_fails_the_test_at_teardown(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        HITS_A_BUG
        + """
def test_injected_500_is_not_a_bug(bsale):
    bsale.faults("500")
    assert bsale.client.get("/v1/offices.json").status_code == 500
"""
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        ["*ERROR at teardown of test_hits_a_bug*", "the mock answered 500 during this test*", "  POST /v1/offices.json"]
    )


def test_a_mock_500_fails_the_test_with_a_running_mock_too(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(HITS_A_BUG)
    with MockServer(Settings(port=0, tokens=["remote-token"])) as live:
        result = pytester.runpytest("-p", "no:randomly", f"--bsale-url={live.url}")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*the mock answered 500 during this test*", "  POST /v1/offices.json"])


@pytest.mark.long
def test_each_xdist_worker_runs_its_own_server(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pathlib
        import pytest

        @pytest.mark.parametrize("n", range(6))
        def test_port(bsale, n, worker_id):
            pathlib.Path(__file__).with_name(f"{worker_id}-{n}.url").write_text(bsale.url)
            assert bsale.client.post("/v1/offices.json", json={"name": f"o{n}"}).status_code == 201
            assert bsale.state.count("offices") == 4
        """
    )
    pytester.runpytest_subprocess("-n", "2", "-p", "xdist").assert_outcomes(passed=6)
    urls: dict[str, set[str]] = {}
    for path in pytester.path.glob("*.url"):
        urls.setdefault(path.name.split("-")[0], set()).add(path.read_text())
    assert sorted(urls) == ["gw0", "gw1"]
    assert all(len(found) == 1 for found in urls.values())
    assert urls["gw0"] != urls["gw1"]
