"""`make images`: build the two container-image functions (OCR, biometrics) with a real Docker engine.

    python -m tools.images [--only ocr,biometrics] [--serial]

No container registry is reachable from these machines, so the Dockerfiles' public bases cannot be pulled.
Instead a Debian 13 base is made here once (debootstrap --variant=minbase from the mirror in apt's own sources,
then `docker import`), cached by its tag, and each Dockerfile gets it as its BASE_IMAGE build argument. Debian
13 gives Python 3.13, the zip functions' runtime (infra/settings.LAMBDA_RUNTIME). The local base also carries
this machine's CA bundle as pip's certificate store: pip inside a build reaches the package index through the
same TLS path as pip on the host.

The engine: when `docker info` does not answer, dockerd (Debian's docker.io) is started in the background
without a bridge network (every build and container here uses the host network: containers are reached on
127.0.0.1 only) and waited for. Builds get the same files the CDK asset stages (infra/compute.py), sent as a
tar on stdin, not the repository with its virtualenv.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from local_runtime.lambda_containers import docker_answers, image_exists

ROOT = Path(__file__).resolve().parents[1]
FUNCTIONS = ("ocr", "biometrics")
SUITE = "trixie"  # Debian 13: Python 3.13 and glibc 2.41 (nbis-py needs >= 2.34)
BASE_IMAGE = f"ektp-base:debian-{SUITE}"
LOG_DIR = ROOT / "build" / "images"
DOCKERD_LOG = LOG_DIR / "dockerd.log"
DEFAULT_MIRROR = "http://deb.debian.org/debian"
HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")

# What debootstrap leaves that a function image never reads (documentation, translations, package caches);
# the dpkg rule keeps later apt installs in the images from adding them back, as Debian's slim images do.
_TRIM = (
    "var/cache/apt/archives",
    "var/lib/apt/lists",
    "usr/share/doc",
    "usr/share/man",
    "usr/share/info",
    "usr/share/locale",
)
_DPKG_EXCLUDES = """path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
"""
_APT_CONF = 'Acquire::Languages "none";\nAPT::Install-Recommends "false";\n'


def image_name(function: str) -> str:
    return f"ektp-{function}:local"


def say(text: str) -> None:
    print(f"[images] {text}", flush=True)


def _docker(
    *args: str, check: bool = True, capture: bool = True, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["docker", *args], check=check, capture_output=capture, text=True, **kwargs)  # type: ignore[call-overload,no-any-return]


def ensure_engine(timeout_s: float = 90.0) -> None:
    """Start dockerd in the background when none answers (no systemd here; CI starts its own) and wait."""
    if docker_answers():
        return
    dockerd = shutil.which("dockerd") or "/usr/sbin/dockerd"
    if not Path(dockerd).exists():
        raise SystemExit(
            "no dockerd: install Debian's docker.io (bash tools/install_system_packages.sh images)"
        )
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    say(f"starting {dockerd} (log: {DOCKERD_LOG.relative_to(ROOT)})")
    with DOCKERD_LOG.open("ab") as log:
        # Its own session: it outlives this command and serves the tests and the demo after it.
        subprocess.Popen(
            [dockerd, "--bridge=none"],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if docker_answers():
            return
        time.sleep(1)
    raise SystemExit(f"dockerd did not answer within {timeout_s:.0f} s; see {DOCKERD_LOG}")


def apt_mirror(sources: Mapping[str, str] | None = None) -> str:
    """The Debian archive URL from apt's own sources (deb822 `URIs:` or one-line `deb` entries), so the base
    is made from the same mirror the host installs from; the security archive is not the base's mirror."""
    if sources is None:
        files = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]
        sources = {str(f): f.read_text(errors="replace") for f in files if f.is_file()}
    found: list[str] = []
    for text in sources.values():
        found += re.findall(r"^\s*URIs:\s*(\S+)", text, flags=re.MULTILINE)
        found += re.findall(r"^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)", text, flags=re.MULTILINE)
    debian = [u.rstrip("/") for u in found if re.search(r"/debian$", u.rstrip("/"))]
    return debian[0] if debian else DEFAULT_MIRROR


def _write_base_config(rootfs: Path) -> None:
    for relative in _TRIM:
        folder = rootfs / relative
        if folder.is_dir():
            for child in folder.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
    (rootfs / "etc/dpkg/dpkg.cfg.d").mkdir(parents=True, exist_ok=True)
    (rootfs / "etc/dpkg/dpkg.cfg.d/excludes").write_text(_DPKG_EXCLUDES)
    (rootfs / "etc/apt/apt.conf.d/90ektp").write_text(_APT_CONF)
    if HOST_CA_BUNDLE.exists():  # pip in a build trusts what the host trusts (see the module docstring)
        (rootfs / "etc/ssl").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(HOST_CA_BUNDLE, rootfs / "etc/ssl/host-ca-bundle.pem")
        (rootfs / "etc/pip.conf").write_text("[global]\ncert = /etc/ssl/host-ca-bundle.pem\n")


def ensure_base(rebuild: bool = False) -> str:
    """The local Debian 13 base image, made once and then found by its tag."""
    if not rebuild and image_exists(BASE_IMAGE):
        return BASE_IMAGE
    debootstrap = shutil.which("debootstrap") or "/usr/sbin/debootstrap"
    mirror = apt_mirror()
    say(f"making {BASE_IMAGE}: debootstrap --variant=minbase {SUITE} from {mirror}")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ektp-base-") as tmp:
        rootfs = Path(tmp) / "rootfs"
        subprocess.run(
            [debootstrap, "--variant=minbase", SUITE, str(rootfs), mirror],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        _write_base_config(rootfs)
        tar = subprocess.Popen(["tar", "-C", str(rootfs), "-c", "."], stdout=subprocess.PIPE)
        imported = subprocess.run(
            ["docker", "import", "--change", 'CMD ["bash"]', "-", BASE_IMAGE],
            stdin=tar.stdout,
            capture_output=True,
            text=True,
            check=False,
        )
        tar.wait()
        if imported.returncode != 0 or tar.returncode != 0:
            raise SystemExit(f"docker import failed: {imported.stderr.strip()}")
    say(f"{BASE_IMAGE} made in {time.monotonic() - started:.0f} s")
    return BASE_IMAGE


def _asset_files(function: str) -> list[Path]:
    """The files the CDK image asset stages (infra/compute.py's exclude list): the core package and the
    function's folder, without bytecode caches."""
    files: list[Path] = []
    for top in (ROOT / "layers" / "core", ROOT / "functions" / function):
        files += [
            p
            for p in sorted(top.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
        ]
    return files


def context_tar(function: str, overrides: Mapping[str, bytes] | None = None) -> bytes:
    """The build context as a tar: repo-relative paths, fixed owner and time, so an unchanged tree hits
    Docker's layer cache. `overrides` replaces (or adds) files by repo-relative path (the tests use it)."""
    overrides = dict(overrides or {})
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for path in _asset_files(function):
            relative = path.relative_to(ROOT).as_posix()
            data = overrides.pop(relative, None)
            _add(tar, relative, path.read_bytes() if data is None else data, path.stat().st_mode & 0o777)
        for relative, data in sorted(overrides.items()):
            _add(tar, relative, data, 0o644)
    return buffer.getvalue()


def _add(tar: tarfile.TarFile, name: str, data: bytes, mode: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), mode, 0
    tar.addfile(info, io.BytesIO(data))


def build(
    function: str, base: str, *, tag: str | None = None, context: bytes | None = None, log: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """docker build of functions/<function>/Dockerfile on `base`, on the host network (pip and apt reach
    their registries as on the host; there is no bridge). Output goes to `log` as it comes, if given."""
    command = [
        "docker",
        "build",
        "--network",
        "host",
        "--force-rm",  # no stopped container left behind by a failed step
        "--build-arg",
        f"BASE_IMAGE={base}",
        "-f",
        f"functions/{function}/Dockerfile",
        "-t",
        tag or image_name(function),
        "-",
    ]
    tar = context if context is not None else context_tar(function)
    if log is None:
        done = subprocess.run(command, input=tar, capture_output=True, check=False)
        output = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
    else:
        with log.open("wb") as sink:
            done = subprocess.run(command, input=tar, stdout=sink, stderr=subprocess.STDOUT, check=False)
        output = log.read_text(errors="replace")
    return subprocess.CompletedProcess(command, done.returncode, output, "")


def image_size_mb(image: str) -> float:
    return int(_docker("image", "inspect", image, "--format", "{{.Size}}").stdout.strip()) / 1e6


def _image_id(image: str) -> str | None:
    done = _docker("image", "inspect", image, "--format", "{{.Id}}", check=False)
    return done.stdout.strip() if done.returncode == 0 else None


def _build_logged(function: str, base: str, outcome: dict[str, tuple[bool, float]]) -> None:
    started = time.monotonic()
    log = LOG_DIR / f"{function}.log"
    previous = _image_id(image_name(function))
    result = build(function, base, log=log)
    outcome[function] = (result.returncode == 0, time.monotonic() - started)
    if result.returncode == 0 and previous not in (None, _image_id(image_name(function))):
        _docker("rmi", previous or "", check=False)  # the replaced image: no untagged copies pile up


def build_all(functions: tuple[str, ...] = FUNCTIONS, *, serial: bool = False) -> dict[str, float]:
    """Engine, base, then the images (concurrently: both mostly wait on downloads and unpacking).
    Returns each image's size in MB; exits non-zero with the build log's tail when one fails."""
    started = time.monotonic()
    ensure_engine()
    base = ensure_base()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    outcome: dict[str, tuple[bool, float]] = {}
    workers = [threading.Thread(target=_build_logged, args=(f, base, outcome)) for f in functions]
    for worker in workers:
        worker.start()
        if serial:
            worker.join()
    for worker in workers:
        worker.join()
    failed = [f for f in functions if not outcome[f][0]]
    for function in failed:
        tail = (LOG_DIR / f"{function}.log").read_text().strip().splitlines()[-25:]
        print("\n".join(tail), file=sys.stderr)
        say(
            f"{image_name(function)} FAILED after {outcome[function][1]:.0f} s (log: build/images/{function}.log)"
        )
    if failed:
        raise SystemExit(1)
    sizes = {f: image_size_mb(image_name(f)) for f in functions}
    for function in functions:
        say(f"{image_name(function)}: {sizes[function]:.0f} MB, built in {outcome[function][1]:.0f} s")
    say(f"done in {time.monotonic() - started:.0f} s")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.images", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help=f"comma-separated among: {', '.join(FUNCTIONS)}")
    parser.add_argument("--serial", action="store_true", help="one build after the other")
    parser.add_argument("--rebuild-base", action="store_true", help=f"make {BASE_IMAGE} again")
    args = parser.parse_args(argv)
    wanted = tuple(f.strip() for f in args.only.split(",") if f.strip()) or FUNCTIONS
    unknown = sorted(set(wanted) - set(FUNCTIONS))
    if unknown:
        parser.error(f"unknown function(s) {', '.join(unknown)}")
    if args.rebuild_base:
        ensure_engine()
        ensure_base(rebuild=True)
    build_all(wanted, serial=args.serial)
    return 0


if __name__ == "__main__":
    sys.exit(main())
