"""Attack (s6 review, finding 1): the capture's "registered scanner" was any string matching a pattern, and the
capture then counted as trusted (officer and device named). Now the device must be enrolled for the officer's
district: the office table's devices (ektp/data/offices.json) or the deployment's setting
(domain/capture_devices.py). The attacks first (they failed on the code before the register)."""

from __future__ import annotations

import pytest

from ektp.domain.appointments import _configured
from ektp.domain.capture_devices import device_refusal, enrolled_devices, parse_enrolments
from ektp.errors import ServiceError
from ektp.services.capture import CaptureService
from tests.unit.services.recording_world import NOW, OFFICER, World, world
from tests.unit.services.test_capture_station import station_files


def _capture(w: World, device_id: str, service: CaptureService | None = None) -> None:
    (service or w.capture_service()).capture(
        OFFICER, w.app_id, device_id=device_id, person_confirmed=True, files=station_files()
    )


def _refusal(w: World, device_id: str, service: CaptureService | None = None) -> str:
    with pytest.raises(ServiceError) as refused:
        _capture(w, device_id, service)
    return refused.value.code


@pytest.mark.parametrize(
    "device_id",
    [
        "any-string-i-like",  # never enrolled anywhere
        "scanner-denpasar-selatan-01",  # enrolled, but for another district (51.71.01)
        "SCANNER-GAMBIR-01",  # an enrolled id in another case is another id
    ],
)
def test_attack_a_capture_from_a_device_not_enrolled_for_the_district_is_refused(device_id: str) -> None:
    w = world()
    w.wait()
    assert _refusal(w, device_id) == "CAPTURE_DEVICE_NOT_ENROLLED"
    assert w.recordings.get_capture(w.app_id, 1) is None and w.workflow.started == {}  # nothing recorded
    assert not any(key.startswith("captures/") for key in w.uploads.versions)  # refused before storing


def test_a_device_of_the_districts_office_table_records() -> None:
    w = world()
    w.wait()
    _capture(w, "scanner-mpp-jakarta-01")  # the district's second office (MPP), from ektp/data/offices.json
    capture = w.recordings.get_capture(w.app_id, 1)
    assert capture is not None and capture.device_id == "scanner-mpp-jakarta-01"


def _enrolling(w: World, setting: str) -> CaptureService:
    devices = parse_enrolments(setting)
    return CaptureService(w.repo, w.uploads, w.recordings, w.workflow, clock=lambda: NOW, devices=devices)


def test_a_device_the_deployment_enrols_for_the_district_records_and_only_there() -> None:
    w = world()
    w.wait()
    assert _refusal(w, "kit-9", _enrolling(w, "51.71.01=kit-9")) == "CAPTURE_DEVICE_NOT_ENROLLED"
    _capture(w, "kit-9", _enrolling(w, "31.71.01=kit-9"))


def test_the_setting_parses_districts_and_every_district() -> None:
    parsed = parse_enrolments(" 31.71.01 = a, b ;51.71.01=c;;bad;=d;*=local; 31.71.01=e")
    assert parsed == {
        "31.71.01": frozenset({"a", "b", "e"}),
        "51.71.01": frozenset({"c"}),
        "*": frozenset({"local"}),
    }
    assert device_refusal("local", "11.01.01", extra=parsed) is None  # "*": local and test stacks
    assert device_refusal("a", "11.01.01", extra=parsed) == "CAPTURE_DEVICE_NOT_ENROLLED"


def test_a_district_served_by_its_default_office_has_no_device_until_one_is_enrolled() -> None:
    assert enrolled_devices("11.01.01") == frozenset()  # fail closed
    assert device_refusal("scanner-gambir-01", "11.01.01") == "CAPTURE_DEVICE_NOT_ENROLLED"


def test_every_configured_device_is_enrolled_at_exactly_one_office() -> None:
    devices = [d for office in _configured() for d in office.devices]
    assert devices and len(devices) == len(set(devices))  # a scanner belongs to one office, so one district
