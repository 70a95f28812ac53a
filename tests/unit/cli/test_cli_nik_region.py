"""`ektp nik ...` and `ektp region ...`: JSON out, exit 0 for any verdict, exit 2 for usage errors."""

from __future__ import annotations

import json
import random
from datetime import date
from typing import Any

import pytest

from ektp.cli import main
from ektp.domain.nik import Sex, make_nik
from ektp.domain.region import regions

SEXES: tuple[Sex, Sex] = ("M", "F")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, (json.loads(out) if out.strip() else None)


def test_nik_validate_generated(capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(8)
    for _ in range(5):
        district = rng.choice(regions().codes("district"))
        born = date(rng.randint(1930, 2010), rng.randint(1, 12), rng.randint(1, 28))
        sex: Sex = rng.choice(SEXES)
        nik = make_nik(district, born, sex, rng.randint(1, 9999))
        code, out = run(capsys, "nik", "validate", nik, "--sex", sex, "--dob", born.isoformat())
        assert code == 0
        assert out["valid"] is True and out["errors"] == [] and out["warnings"] == []
        assert out["parsed"]["birth_date"] == born.isoformat()
        assert out["parsed"]["sex"] == sex
        assert out["parsed"]["serial"] == nik[12:]
        assert out["parsed"]["region"]["district"] == regions().name(district)
        assert out["reasons"] == []


def test_nik_validate_invalid_is_still_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "nik", "validate", "3171013502900000")
    assert code == 0
    assert out["valid"] is False
    assert out["errors"] == ["NIK_DATE_INVALID", "NIK_SERIAL_INVALID"]
    assert {r["code"] for r in out["reasons"]} == {"NIK_DATE_INVALID", "NIK_SERIAL_INVALID"}
    assert all(r["message_id"] and r["message_en"] for r in out["reasons"])

    code, out = run(capsys, "nik", "validate", "12345")
    assert code == 0 and out["errors"] == ["NIK_FORMAT"] and out["parsed"] is None


def test_nik_validate_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    nik = make_nik("31.71.01", date(1990, 5, 17), "F", 12)
    code, out = run(capsys, "nik", "validate", nik, "--sex", "M", "--dob", "1990-05-18")
    assert code == 0 and out["valid"] is True
    assert out["warnings"] == ["NIK_SEX_MISMATCH", "NIK_DOB_MISMATCH"]
    assert [r["severity"] for r in out["reasons"]] == ["warning", "warning"]


def test_nik_validate_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nik", "validate", "3171011705900012", "--dob", "17-05-1990"]) == 2
    assert "--dob" in capsys.readouterr().err
    assert main(["nik", "validate", "3171011705900012", "--dob", "1990-02-30"]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["nik", "validate", "3171011705900012", "--sex", "X"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["nik", "validate"])
    assert exc.value.code == 2


def test_nik_kk(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "nik", "kk", "3171012001150003")
    assert code == 0 and out["valid"] is True and out["errors"] == []
    code, out = run(capsys, "nik", "kk", "9999992001150003")
    assert code == 0 and out["valid"] is False and out["errors"] == ["KK_REGION_UNKNOWN"]
    code, out = run(capsys, "nik", "kk", "31710120011500")
    assert out["errors"] == ["KK_NUMBER_FORMAT"]


def test_region_lookup_village(capsys: pytest.CaptureFixture[str]) -> None:
    village = random.Random(4).choice(regions().codes("village"))
    code, out = run(capsys, "region", "lookup", village.replace(".", ""))
    assert code == 0
    assert out["found"] is True and out["code"] == village and out["level"] == "village"
    assert list(out["names"]) == ["province", "regency", "district", "village"]
    assert out["names"]["district"] == regions().name(village[:8])
    assert out["postal_codes"] == regions().postal_codes(village)
    assert out["parent"] == village[:8]


def test_region_lookup_levels(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "region", "lookup", "31.71")
    assert code == 0 and out["level"] == "regency" and out["name"] == "Kota Administrasi Jakarta Pusat"
    assert "postal_codes" not in out
    code, out = run(capsys, "region", "lookup", "317101")
    assert (
        out["level"] == "district" and out["nik_prefix"] == "317101" and out["names"]["district"] == "Gambir"
    )


def test_region_lookup_unknown_is_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "region", "lookup", "31.99.99")
    assert code == 0 and out["found"] is False and out["name"] is None
    assert out["names"] == {"province": "Daerah Khusus Ibukota Jakarta"}
    code, out = run(capsys, "region", "lookup", "910101")  # only in an older edition
    assert code == 0 and out["found"] is False
    assert out["archived"] == {
        "edition": 2022,
        "name": "Merauke",
        "names": {"province": "PAPUA", "regency": "KAB. MERAUKE", "district": "Merauke"},
    }


@pytest.mark.parametrize("bad", ["abc", "31.7a", "3171x", "31.71.01.100", "1"])
def test_region_lookup_malformed_is_usage_error(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    assert main(["region", "lookup", bad]) == 2
    assert "not a region code" in capsys.readouterr().err


def test_region_children(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "region", "children")
    assert code == 0 and len(out["children"]) == 38
    code, out = run(capsys, "region", "children", "31.71.01")
    assert {"code": "31.71.01.1001", "name": "Gambir"} in out["children"]
    assert main(["region", "children", "zz"]) == 2
