"""The web client's modules outside a browser: the generated domain module is current, and the client's NIK
rules (web/js/nik.js, run by Node) give the domain's codes on domain/nik.py's own test cases."""

from __future__ import annotations

import importlib.util
import json
import random
import re
import shutil
import subprocess
from datetime import date, timedelta
from types import ModuleType
from typing import Any, cast

import pytest
from werkzeug.test import Client

from ektp.domain.nik import Sex, make_nik, validate_kk_number, validate_nik
from ektp.domain.reasons import CATALOGUE, OFFICER_REJECT_CODES
from ektp.domain.stages import Stage
from local_runtime.serve import WEB_ROOT, make_app
from local_runtime.stack import LocalStack
from tools.build_layers import ROOT
from tools.web_data import DOMAIN_MODULE, domain_constants, domain_module

NODE = shutil.which("node")
NIK_MODULE = ROOT / "web" / "js" / "nik.js"
# Reads [[nik, sex, birth_date], ...] on stdin, answers [{errors, warnings}, ...] from the client's checkNik.
HARNESS = """
import { checkKkNumber, checkNik } from %s;
let input = "";
for await (const chunk of process.stdin) input += chunk;
const { niks, kks } = JSON.parse(input);
const out = {
  niks: niks.map(([nik, sex, birthDate]) => checkNik(nik, { sex: sex ?? undefined, birthDate: birthDate ?? undefined })),
  kks: kks.map((kk) => checkKkNumber(kk)),
};
process.stdout.write(JSON.stringify(out));
"""
# The client leaves the region of the first six digits to the API (it has no region tables).
REGION_CODES = {"NIK_REGION_UNKNOWN", "NIK_REGION_ARCHIVED", "KK_REGION_UNKNOWN"}

Case = tuple[str, str | None, date | None]


def test_the_committed_domain_module_is_current() -> None:
    assert DOMAIN_MODULE.read_text(encoding="utf-8") == domain_module(), (
        "web/js/domain-data.js is stale: run `python -m tools.web_data --write`"
    )


def test_the_domain_module_carries_the_lists_the_client_used_to_copy() -> None:
    data = domain_constants()
    assert data["APPLICATION_TYPES"][0] == "NEW" and "TIDAK TAHU" in data["BLOOD_TYPES"]
    assert data["MAX_PHOTO_BYTES"] == 8 * 1024 * 1024 and data["IMAGE_TYPES"] == ["image/jpeg", "image/png"]
    assert data["FIELD_LIMITS"]["postal_code"] == {"pattern": r"^[0-9]{5}$"}  # ASCII digits only (14ffd03)
    assert data["FIELD_LIMITS"]["mother_name"] == {"maxLength": 60}  # an optional field's string branch
    # Every code an officer can choose has the resident's words in both languages.
    assert data["OFFICER_REJECT_CODES"] == list(OFFICER_REJECT_CODES)
    assert all(code in CATALOGUE for code in OFFICER_REJECT_CODES)


def test_every_stage_is_labelled_once_in_both_languages_from_the_domain() -> None:
    labels = domain_constants()["STAGE_LABELS"]
    assert list(labels) == [s.value for s in Stage]
    assert all(words["id"] and words["en"] for words in labels.values())
    # The client's strings take the stages' labels from the generated module, never a copy of their own.
    i18n = (ROOT / "web" / "js" / "i18n.js").read_text(encoding="utf-8")
    assert not {s.value for s in Stage} & set(re.findall(r"^\s+stage_(\w+):", i18n, re.MULTILINE))
    assert 'import { STAGE_LABELS } from "./domain-data.js";' in i18n


def _domain_nik_tests() -> ModuleType:
    """tests/unit/domain/test_nik.py as a module (its parametrised cases and its district lists)."""
    path = ROOT / "tests" / "unit" / "domain" / "test_nik.py"
    spec = importlib.util.spec_from_file_location("ektp_domain_nik_cases", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _parametrised(test: Any) -> list[Any]:
    return list(next(m.args[1] for m in test.pytestmark if m.name == "parametrize"))


def _fixed_cases(cases: ModuleType) -> list[Case]:
    """The literal NIKs of test_nik.py, with the declared dates they are checked against there."""
    fixed: list[Case] = [
        (f"317101{ddmmyy}0001", None, None) for ddmmyy in _parametrised(cases.test_impossible_dates)
    ]
    fixed += [
        (f"{prefix}0101900001", None, None) for prefix in _parametrised(cases.test_unknown_region_is_an_error)
    ]
    fixed += [
        ("3171015705900012", None, None),
        ("3171011705900012", None, None),
        ("3171012902000001", None, None),
        ("3171016902000001", None, None),
        ("3171012902000001", None, date(2000, 2, 29)),
        ("3171012902000001", None, date(1900, 2, 28)),
        ("3171012902010001", None, None),
        ("3171010101050001", None, date(2005, 1, 1)),
        ("3171010101050001", None, date(1905, 1, 1)),
        ("3171013112990001", None, date(2000, 1, 1)),
        ("9999993502900000", None, None),
        (" 3171011705900012\n", None, None),
        ("317101 1705900012", None, None),
    ]
    return fixed


def _generated_cases(cases: ModuleType, rng: random.Random, count: int) -> list[Case]:
    """What test_nik.py's properties draw: NIKs of current and archived districts, declared as they are or
    with the other sex and another day, cut or lengthened, with a non-digit, with serial 0000."""
    districts = list(cases.DISTRICTS) + list(cases.ARCHIVED)
    out: list[Case] = []
    for _ in range(count):
        born = date(1900, 1, 1) + timedelta(days=rng.randrange(73_000))
        sex: Sex = rng.choice(["M", "F"])
        nik = make_nik(rng.choice(districts), born, sex, rng.randint(1, 9999))
        other: Sex = "F" if sex == "M" else "M"
        moved = born.replace(day=1 if born.day != 1 else 2)
        pos = rng.randrange(16)
        out += [
            (nik, sex, born),
            (nik, other, moved),
            (nik, None, None),
            (nik[:12] + "0000", sex, born),
            (nik[: rng.randint(1, 15)], None, None),
            (nik + nik[: rng.randint(1, 15)], None, None),
            (nik[:pos] + rng.choice(list("aZ -.٣３")) + nik[pos + 1 :], None, None),
            # Any 16 digits: impossible days and months, both centuries.
            ("".join(rng.choice("0123456789") for _ in range(16)), rng.choice(["M", "F", None]), born),
        ]
    return out


def _expected(nik: str, sex: str | None, born: date | None) -> dict[str, list[str]]:
    check = validate_nik(nik, sex=sex, birth_date=born)  # type: ignore[arg-type]
    keep = [r.code for r in check.errors if r.code not in REGION_CODES]
    warn = [r.code for r in check.warnings if r.code not in REGION_CODES]
    return {"errors": keep, "warnings": warn}


def _run_client(niks: list[Case], kks: list[str]) -> dict[str, Any]:
    assert NODE is not None
    source = HARNESS % json.dumps(NIK_MODULE.as_uri())
    payload = {
        "niks": [[nik, sex, born.isoformat() if born else None] for nik, sex, born in niks],
        "kks": kks,
    }
    done = subprocess.run(
        [NODE, "--input-type=module", "-e", source],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return dict(json.loads(done.stdout))


@pytest.mark.skipif(NODE is None, reason="the client's rules run on Node.js (make setup installs it)")
def test_the_clients_nik_rules_give_the_domains_codes_on_its_cases() -> None:
    cases = _domain_nik_tests()
    niks = _fixed_cases(cases) + _generated_cases(cases, random.Random(2026), 300)
    kks = ["317101170590001", "31710117059000123", "31710117059000A2", "9999991705900012", "3171019999990000"]
    kks += [nik for nik, _, _ in niks[::7]]
    answers = _run_client(niks, kks)
    mismatches = [
        (case, got, want)
        for case, got in zip(niks, answers["niks"], strict=True)
        if got != (want := _expected(*case))
    ]
    assert not mismatches, mismatches[:5]
    kk_expected = [[r.code for r in validate_kk_number(kk) if r.code not in REGION_CODES] for kk in kks]
    assert answers["kks"] == kk_expected
    # The cases reach every code the client checks, both ways.
    seen = {code for a in answers["niks"] for code in a["errors"] + a["warnings"]}
    assert seen == {
        "NIK_FORMAT",
        "NIK_DATE_INVALID",
        "NIK_SERIAL_INVALID",
        "NIK_SEX_MISMATCH",
        "NIK_DOB_MISMATCH",
    }
    assert sum(not a["errors"] for a in answers["niks"]) > 300  # and plenty of valid ones


def test_every_module_import_resolves_and_is_served_as_javascript_under_the_pages_csp() -> None:
    """The module graph from index.html's entry: each relative import names a file under web/, which the local
    server answers as text/javascript (browsers refuse a module of another type under nosniff), and the page's
    CSP lets scripts come from its own origin only."""
    html = (WEB_ROOT / "index.html").read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy"\s+content="([^"]+)"', html)
    assert csp is not None and "script-src 'self';" in csp.group(1) and "unsafe" not in csp.group(1)
    [entry] = re.findall(r'<script type="module" src="([^"]+)"></script>', html)
    client = Client(make_app(cast(LocalStack, object())))
    pending, seen = [WEB_ROOT / entry], set()
    while pending:
        module = pending.pop().resolve()
        if module in seen:
            continue
        seen.add(module)
        assert module.is_file() and module.is_relative_to(WEB_ROOT.resolve()), module
        served = client.get("/" + module.relative_to(WEB_ROOT.resolve()).as_posix())
        assert served.status_code == 200 and served.mimetype == "text/javascript", module
        source = module.read_text(encoding="utf-8")
        pending += [module.parent / name for name in re.findall(r'from "(\.{1,2}/[^"]+)"', source)]
    assert len(seen) == len(list((WEB_ROOT / "js").rglob("*.js")))  # no module left out of the graph


VALIDATE_MODULE = ROOT / "web" / "js" / "validate.js"
# Reads [text, ...] on stdin, answers [bool, ...]: did the client's form rules refuse the text as an address?
PRINTABLE_HARNESS = """
import { validateApplicant } from %s;
let input = "";
for await (const chunk of process.stdin) input += chunk;
const refused = JSON.parse(input).map(
  (address) => validateApplicant({ address }).some((p) => p.field === "address" && p.code === "VALIDATION_FAILED")
);
console.log(JSON.stringify(refused));
"""


@pytest.mark.skipif(NODE is None, reason="the client's rules run on Node.js (make setup installs it)")
def test_the_clients_form_refuses_the_characters_the_domain_refuses() -> None:
    from ektp.domain.application import is_printable_text

    texts = [
        "JL. MANGGA DUA NO. 5",
        "Jl. Café Ñ",
        "RT 003/RW 007",
        "JL. A\x00B",
        "JL. A\r\nBcc: x",
        "A\u202eB",
        "A\u200bB",
    ]
    texts += [
        f"JL. {chr(c)} NO. 1" for c in [*range(0, 0x30), 0x7F, 0x85, 0xA0, 0xAD, 0x2028, 0x2029, 0xFEFF]
    ]
    assert NODE is not None
    done = subprocess.run(
        [NODE, "--input-type=module", "-e", PRINTABLE_HARNESS % json.dumps(VALIDATE_MODULE.as_uri())],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    refused = json.loads(done.stdout)
    assert refused == [not is_printable_text(t) for t in texts]
    assert refused[:3] == [False, False, False] and all(refused[3:7])
