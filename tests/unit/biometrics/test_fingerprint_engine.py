"""The fingerprint engine's own rules (quality, matching, 1:N over face candidates) with a scripted minutiae
reader, so none of it needs NBIS; and the one check that the scripted records are what NBIS writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ektp.adapters.nbis import NbisMinutiaeReader
from ektp.biometrics import config
from ektp.biometrics import fingerprint as fp
from ektp.biometrics.fingerprint import (
    FingerprintError,
    MccFingerprintEngine,
    get_fingerprint_engine,
    iso_record,
    template_from_bytes,
)
from ektp.biometrics.gallery import Candidate
from tests.support.scripted_minutiae import ScriptedMinutiaeReader, capture, moved, random_finger


@pytest.fixture
def reader() -> ScriptedMinutiaeReader:
    return ScriptedMinutiaeReader()


@pytest.fixture
def engine(reader: ScriptedMinutiaeReader) -> MccFingerprintEngine:
    return MccFingerprintEngine(reader)


def test_a_finger_matches_itself_placed_elsewhere_and_no_other_finger(
    reader: ScriptedMinutiaeReader, engine: MccFingerprintEngine
) -> None:
    finger = random_finger(1)
    first = engine.extract(reader.script(capture(1), finger))
    for n, (degrees, shift) in enumerate([(0, (0, 0)), (20, (30, 15)), (-25, (-40, 50))]):
        again = engine.extract(reader.script(capture(10 + n), moved(finger, degrees, shift)))
        assert engine.match(first, again).decision == "match", degrees
    for seed in range(2, 8):
        other = engine.extract(reader.script(capture(20 + seed), random_finger(seed)))
        result = engine.match(first, other)
        assert result.decision == "no_match", seed
        assert [r.code for r in result.reasons] == ["FINGERPRINT_MISMATCH"]
        assert result.score is not None and result.score < config.FINGERPRINT_MATCH_MIN_SCORE


@pytest.mark.parametrize(
    ("count", "quality", "fields"),
    [
        (40, config.FINGERPRINT_QUALITY_MIN - 1, ["nfiq2"]),
        (config.FINGERPRINT_MIN_MINUTIAE - 1, 60, ["minutiae"]),
        (5, 10, ["nfiq2", "minutiae"]),
    ],
)
def test_a_poor_capture_is_flagged_and_never_decides_a_match(
    reader: ScriptedMinutiaeReader, engine: MccFingerprintEngine, count: int, quality: int, fields: list[str]
) -> None:
    finger = random_finger(3)
    good = engine.extract(reader.script(capture(1), finger))
    poor = engine.extract(reader.script(capture(2), finger[:count], quality=quality))
    assert not poor.usable
    assert [(r.code, r.field) for r in poor.reasons] == [("FINGERPRINT_QUALITY_LOW", f) for f in fields]
    result = engine.match(good, poor)
    assert (result.decision, result.score) == ("undetermined", None)
    assert result.reasons == poor.reasons


def test_a_capture_the_reader_cannot_read_is_refused_with_its_code(
    reader: ScriptedMinutiaeReader, engine: MccFingerprintEngine
) -> None:
    with pytest.raises(FingerprintError) as refused:
        engine.extract(capture(99))  # an image, but nothing the reader finds in it
    assert refused.value.code == "IMAGE_UNREADABLE"
    assert reader.reads == 1


@pytest.mark.parametrize("data", [b"", b"not an image", capture(1, size=32)])
def test_a_file_that_is_no_capture_never_reaches_the_reader(
    reader: ScriptedMinutiaeReader, engine: MccFingerprintEngine, data: bytes
) -> None:
    with pytest.raises(FingerprintError) as refused:
        engine.extract(data)
    assert refused.value.code == "IMAGE_UNREADABLE"
    assert reader.reads == 0


def test_identify_ranks_the_enrolled_finger_first_and_keeps_face_only_candidates(
    reader: ScriptedMinutiaeReader, engine: MccFingerprintEngine
) -> None:
    finger = random_finger(4)
    probe = engine.extract(reader.script(capture(1), finger))
    enrolled = {
        "same": engine.extract(reader.script(capture(2), moved(finger, 10, (5, -8)))),
        "other": engine.extract(reader.script(capture(3), random_finger(5))),
    }
    candidates = [
        Candidate(id="other", distance=0.30, score=0.75),  # the face says "other" is nearer
        Candidate(id="same", distance=0.45, score=0.62),
        Candidate(id="face-only", distance=0.40, score=0.66),
    ]
    ranked = engine.identify(probe, candidates, enrolled)
    assert ranked[0].id == "same"
    assert ranked[0].decision == "match"
    by_id = {c.id: c for c in ranked}
    assert by_id["other"].decision == "no_match"
    assert by_id["face-only"].finger_score is None and by_id["face-only"].fused == 0.66


def test_the_lambda_engine_reads_with_nbis() -> None:
    assert isinstance(get_fingerprint_engine().reader, NbisMinutiaeReader)
    assert get_fingerprint_engine() is get_fingerprint_engine()  # one per process


def test_a_scripted_record_is_laid_out_as_nbis_writes_it(prints: dict[str, Path]) -> None:
    pytest.importorskip("nbis")
    real = get_fingerprint_engine().extract(prints["p1_1"].read_bytes())
    x, y_up, angle = fp._minutiae(real.iso_bytes)
    points = [(int(a), -int(b), int(c)) for a, b, c in zip(x, y_up, angle, strict=True)]
    width, height = (int.from_bytes(real.iso_bytes[i : i + 2], "big") for i in (14, 16))
    record = iso_record(points, width=width, height=height, quality=real.quality)
    assert record[:26] == real.iso_bytes[:26]  # header: length, image size, quality, count
    copy = template_from_bytes(record)
    assert (copy.quality, copy.minutiae_count) == (real.quality, real.minutiae_count)
    engine = get_fingerprint_engine()
    assert engine.score(real, copy) == engine.score(real, real)
