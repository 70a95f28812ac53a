"""The second OCR engine (rapidocr): only the wheel's own models, each checked against its pinned sha256,
loaded and run with every outbound connection refused, on explicitly one onnxruntime thread."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ektp.ocr import OcrEngineError, get_engine
from ektp.ocr.rapid import MODELS, ModelIntegrityError, RapidOcrEngine, models_dir, to_page, verified_models
from tools.docgen import RenderedDocument


def test_the_bundled_models_are_the_pinned_files() -> None:
    paths = verified_models()
    assert set(paths) == {"Det", "Rec"}
    assert all(p.parent == models_dir() and p.name == MODELS[t][0] for t, p in paths.items())


def test_a_changed_or_missing_model_file_is_refused(tmp_path: Path) -> None:
    for name, _ in MODELS.values():
        shutil.copy(models_dir() / name, tmp_path / name)
    verified_models(tmp_path)  # the copies pass
    det = tmp_path / MODELS["Det"][0]
    data = bytearray(det.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit: a tampered or corrupted model
    det.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="not the pinned file"):
        verified_models(tmp_path)
    with pytest.raises(ModelIntegrityError):
        RapidOcrEngine(models=tmp_path).load()  # the engine checks before it loads anything
    det.unlink()
    with pytest.raises(ModelIntegrityError, match="missing"):
        verified_models(tmp_path)
    assert isinstance(ModelIntegrityError("x"), OcrEngineError)  # infrastructure: the job is retried


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every outbound connection and name lookup fails, and is recorded."""
    tried: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        tried.append(args)
        raise OSError("network refused in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return tried


def test_loads_and_reads_a_card_offline_on_one_thread(
    no_network: list[Any], documents: dict[str, list[RenderedDocument]]
) -> None:
    doc = documents["ktp"][0]
    engine = RapidOcrEngine(threads=1)  # a fresh engine: nothing cached from other tests
    page = engine.recognize(np.asarray(doc.image.convert("L")))
    text = " ".join(w.text for w in page.words)
    assert doc.fields["nik"] in text.replace(" ", "")
    assert "：" not in text  # the recogniser's full-width colon is the Latin one
    assert no_network == []  # nothing even tried to connect
    assert engine.session_threads() == {"Det": 1, "Rec": 1}


def test_engine_is_one_per_process() -> None:
    assert get_engine("rapidocr") is get_engine("rapidocr")
    assert get_engine("rapidocr").name == "rapidocr"


class _Out:
    """The shape of rapidocr's output (boxes, texts, scores, per-line word boxes)."""

    def __init__(self, lines: list[tuple[str, float, Any, tuple[Any, ...]]]) -> None:
        self.boxes = [line[2] for line in lines]
        self.txts = [line[0] for line in lines]
        self.scores = [line[1] for line in lines]
        self.word_results = [line[3] for line in lines]


def test_lines_become_positioned_words() -> None:
    box = [[10, 20], [210, 20], [210, 50], [10, 50]]
    words = (
        ("NIK", 0.99, [[10, 20], [60, 20], [60, 50], [10, 50]]),
        ("：1234", 0.9, [[80, 20], [210, 20], [210, 50], [80, 50]]),
    )
    # Word boxes that spell the line place the words; word boxes that split a word (`SUMBAW A`) do not.
    split = (("SUMBAW", 0.9, box), ("A", 0.9, box))
    page = to_page(
        _Out(
            [
                ("NIK ：1234", 0.95, box, words),
                ("SUMBAWA", 0.8, [[10, 60], [150, 60], [150, 90], [10, 90]], split),
            ]
        ),
        300,
        100,
    )
    assert [(w.text, w.left, w.line) for w in page.words] == [
        ("NIK", 10, 0),
        (":1234", 80, 0),
        ("SUMBAWA", 10, 1),
    ]
    assert page.words[2].confidence == pytest.approx(0.8)
    assert to_page(_Out([]), 300, 100).words == []


def test_the_second_engines_threads_come_from_the_ocr_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCR_RAPID_THREADS", "2")
    assert RapidOcrEngine().threads == 2
    monkeypatch.delenv("OCR_RAPID_THREADS")
    assert RapidOcrEngine().threads == 1
