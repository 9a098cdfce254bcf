"""The generated company: deterministic, realistic, and valid where Bsale validates."""

from __future__ import annotations

from stdnum.cl import rut
from stdnum.ean import is_valid as valid_ean

from mockbsale import Engine, Settings


def seeded(seed: int) -> Engine:
    engine = Engine(Settings(tokens=["t"], seed=seed))
    engine.seed()
    return engine


def test_same_seed_same_data_other_seed_other_data() -> None:
    assert seeded(11).store.dump() == seeded(11).store.dump()
    assert seeded(11).store.dump() != seeded(12).store.dump()


def test_reset_restores_the_seed() -> None:
    engine = seeded(1)
    company = engine.store.companies[1]
    before = engine.store.dump()
    company.table("offices").insert({"name": "temporal"})
    company.table("variants").update(1, {"code": "CHANGED"})
    engine.reset()
    assert engine.store.dump() == before
    assert company.table("variants").find("code", "CHANGED") == []


def test_realistic_chilean_company() -> None:
    company = seeded(1).store.companies[1]
    assert len(company.table("offices")) == 3
    assert 40 <= len(company.table("products")) <= 60
    assert 120 <= len(company.table("variants")) <= 180
    assert len(company.table("clients")) == 30
    codes = {row["codeSii"] for row in company.table("document_types")}
    assert {"33", "34", "39", "41", "52", "56", "61"} <= codes
    iva = company.table("taxes").get(1)
    assert (iva["name"], iva["percentage"], iva["code"]) == ("IVA", "19.0", "14")
    assert all(rut.is_valid(row["code"]) for row in company.table("clients"))
    assert all(valid_ean(row["barCode"]) for row in company.table("variants"))
    skus = [row["code"] for row in company.table("variants")]
    assert len(set(skus)) == len(skus)
