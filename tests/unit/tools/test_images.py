"""tools/images.py without a Docker engine: the mirror it makes the base from, and the build context it sends."""

from __future__ import annotations

import io
import tarfile

from tools.images import apt_mirror, context_tar


def test_the_base_comes_from_apts_own_debian_mirror_not_the_security_archive() -> None:
    deb822 = {
        "/etc/apt/sources.list.d/debian.sources": (
            "Types: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\n\n"
            "Types: deb\nURIs: http://mirror.example/debian/\nSuites: bookworm bookworm-updates\n"
        ),
        "/etc/apt/sources.list.d/other.list": "deb https://packages.example.com/apt stable main\n",
    }
    assert apt_mirror(deb822) == "http://mirror.example/debian"
    one_line = {
        "/etc/apt/sources.list": "# deb http://old.example/debian bookworm main\n"
        "deb [arch=amd64] http://ftp.example.org/debian bookworm main\n"
    }
    assert apt_mirror(one_line) == "http://ftp.example.org/debian"
    assert apt_mirror({}) == "http://deb.debian.org/debian"


def _members(data: bytes) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return {m.name: m for m in tar.getmembers()}


def test_the_context_is_what_the_cdk_asset_stages_and_nothing_else() -> None:
    members = _members(context_tar("ocr"))
    assert "functions/ocr/Dockerfile" in members and "functions/ocr/handler.py" in members
    assert "layers/core/ektp/__init__.py" in members
    assert not [n for n in members if n.startswith("functions/biometrics")]
    assert not [n for n in members if "__pycache__" in n or n.endswith(".pyc") or n.startswith(".venv")]
    assert {m.mtime for m in members.values()} == {0}  # same tree, same bytes: Docker's cache holds


def test_the_context_is_the_same_bytes_for_the_same_tree_and_takes_overrides() -> None:
    assert context_tar("biometrics") == context_tar("biometrics")
    changed = context_tar("biometrics", {"functions/biometrics/handler.py": b"import nowhere\n"})
    with tarfile.open(fileobj=io.BytesIO(changed)) as tar:
        handler = tar.extractfile("functions/biometrics/handler.py")
        assert handler is not None and handler.read() == b"import nowhere\n"
