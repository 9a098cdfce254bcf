"""Peru through the tools: `serve --country` / `MOCKBSALE_COUNTRY`, `dump`, the plugin's
`--bsale-country` and marker, and strategies that draw Peruvian bodies the live mock accepts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from stdnum.pe import cui, ruc

from mockbsale import strategies
from mockbsale_pytest.handle import Bsale
from tests.test_cli import serve
from tests.test_peru import CHILEAN_KEYS, keys_in

pytest_plugins = ["pytester"]

EXAMPLES = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def mockbsale(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mockbsale", *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})})


def test_serve_country_pe_serves_a_peruvian_company() -> None:
    with serve("--port", "0", "--token", "lima", "--country", "pe") as (url, banner):
        assert "access_token: lima" in banner
        headers = {"access_token": "lima"}
        assert httpx.get(f"{url}/v1/instances/basic/lima.json").json()["country"] == "PE"
        assert httpx.get(f"{url}/v1/document_types/2.json", headers=headers).json()["code"] == "01"
        assert httpx.get(f"{url}/v1/dte_codes.json", headers=headers).status_code == 404
        document = httpx.get(f"{url}/openapi.json").json()
        assert "/v1/cpe_codes.json" in document["paths"] and "/v1/dte_codes.json" not in document["paths"]
        assert "code" in document["components"]["schemas"]["DocumentTypes"]["properties"]


def test_the_country_variable_and_dump_record_the_country(tmp_path: Path) -> None:
    path = tmp_path / "pe.json"
    assert mockbsale("dump", "--token", "x", "-o", str(path), env={"MOCKBSALE_COUNTRY": "PE"}).returncode == 0
    [company] = json.loads(path.read_text())["companies"]
    assert (company["country"], company["instance"]["country"]) == ("PE", "PE")
    with serve("--port", "0", "--fixtures", str(path)) as (url, _):
        assert httpx.get(f"{url}/v1/instances/basic/x.json").json()["country"] == "PE"


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["serve", "--country", "ar"], {}, "argument --country: country 'AR' is not one of CL, PE"),
        (["dump"], {"MOCKBSALE_COUNTRY": "XX"}, "argument --country: country 'XX' is not one of CL, PE"),
    ],
)
def test_an_unknown_country_is_a_one_line_usage_error(args: list[str], env: dict[str, str], message: str) -> None:
    result = mockbsale(*args, env=env)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_fixtures_with_an_unknown_country_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"companies": [{"cpnId": 1, "country": "AR", "token": "t", "tables": {}}]}))
    result = mockbsale("serve", "--port", "0", "--fixtures", str(path))
    assert result.returncode == 2
    assert "cannot load the data" in result.stderr and "country: 'AR' is not one of" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_bsale_country_option_and_the_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        def test_option(bsale):
            assert bsale.client.get(f"/v1/instances/basic/{bsale.token}.json").json()["country"] == "PE"
            assert bsale.client.get("/v1/cpe_codes.json").status_code == 200

        @pytest.mark.bsale(country="CL")
        def test_marker_wins(bsale):
            assert bsale.client.get("/v1/cpe_codes.json").status_code == 404
            assert "codeSii" in bsale.client.get("/v1/document_types/2.json").json()

        @pytest.mark.bsale(country="AR")
        def test_unknown(bsale):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:randomly", "--bsale-country", "PE")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*country 'AR' is not one of CL, PE*"])


def test_an_unknown_bsale_country_option_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_nothing(bsale):\n    pass\n")
    result = pytester.runpytest("--bsale-country", "AR")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--bsale-country / bsale_country: country 'AR' is not one of CL, PE*"])


@settings(max_examples=50, deadline=None)
@given(strategies.tax_ids("PE"))
def test_peruvian_tax_ids_are_valid_rucs_or_dnis(code: str) -> None:
    assert ruc.is_valid(code) if len(code) == 11 else (len(code) == 8 and cui.is_valid(code))


@pytest.mark.bsale(country="PE")
@EXAMPLES
@given(body=strategies.document_bodies(country="PE"))
def test_peruvian_document_bodies_are_accepted_and_add_up(bsale: Bsale, body: dict[str, Any]) -> None:
    assert keys_in(body) & CHILEAN_KEYS == set()
    bsale.reset()
    answer = bsale.client.post("/v1/documents.json", json=body)
    assert answer.status_code == 201, (body, answer.text)
    document = answer.json()
    assert round(document["netAmount"] + document["taxAmount"] + document["exemptAmount"], 2) == document["totalAmount"]
    details = bsale.client.get(f"/v1/documents/{document['id']}/details.json", params={"limit": 50}).json()["items"]
    assert round(sum(d["netAmount"] for d in details), 2) == round(document["netAmount"] + document["exemptAmount"], 2)


@pytest.mark.bsale(country="PE")
@EXAMPLES
@given(body=strategies.invalid_document_bodies(country="PE"))
def test_invalid_peruvian_document_bodies_are_refused(bsale: Bsale, body: dict[str, Any]) -> None:
    bsale.reset()
    before = bsale.state.count("documents")
    answer = bsale.client.post("/v1/documents.json", json=body)
    assert answer.status_code == 400, (body, answer.text)
    assert bsale.state.count("documents") == before


@pytest.mark.bsale(country="PE")
@EXAMPLES
@given(body=strategies.client_bodies(country="PE"))
def test_peruvian_client_bodies_are_accepted(bsale: Bsale, body: dict[str, Any]) -> None:
    assert "municipality" not in body
    answer = bsale.client.post("/v1/clients.json", json=body)
    assert answer.status_code == 201, (body, answer.text)
    if "district" in body:
        assert answer.json()["district"] == body["district"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.documents(country="PE"))
def test_peruvian_documents_are_drawn_as_peru_serves_them(document: dict[str, Any]) -> None:
    assert {"serialNumber", "stamp", "notExemptAmount", "district", "informed"} <= set(document)
    assert keys_in(document) & CHILEAN_KEYS == set()


def test_chile_only_resources_are_not_drawn_for_peru() -> None:
    with pytest.raises(ValueError, match="Bsale serves no dte_codes in PE"):
        strategies.resources("dte_codes", country="PE")
