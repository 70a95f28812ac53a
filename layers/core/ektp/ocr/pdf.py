"""PDF input: count pages, refuse encrypted/corrupt/oversized files and pages too costly to draw, rasterise the
first pages (pypdfium2)."""

from __future__ import annotations

import os
import re
import select
import signal
import struct
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from ektp.ocr.engine import GreyImage


@dataclass
class PdfPages:
    count: int
    images: list[GreyImage]


class PdfProblem(Exception):
    def __init__(self, code: str, detail: str, pages: int = 0) -> None:
        super().__init__(detail)
        self.code = code
        self.pages = pages


def rasterise(data: bytes, *, max_pages: int, read_pages: int, dpi: int) -> PdfPages:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    # A PDF ends with %%EOF (incremental updates too). PDFium repairs a file cut short and ignores anything
    # appended after the end (an HTML page, a ZIP: a polyglot): refuse both before it reads anything.
    if not data.rstrip(b"\x00\t\n\r\f ").endswith(b"%%EOF"):
        raise PdfProblem("PDF_CORRUPT", "no %%EOF at the end: cut short, or data appended after the PDF")
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text or "security" in text:
            raise PdfProblem("PDF_ENCRYPTED", str(exc)) from exc
        raise PdfProblem("PDF_CORRUPT", str(exc)) from exc
    try:
        count = len(doc)
        if count == 0:
            raise PdfProblem("PDF_CORRUPT", "no pages")
        if count > max_pages:
            raise PdfProblem("PDF_TOO_MANY_PAGES", f"{count} pages", pages=count)
        # Opened without a password but encrypted (an owner password only: printing or editing restricted, as
        # e-documents often are): a real document, read. Its streams cannot be walked below, so what a page costs
        # to draw is unknown: it renders under the tighter cap instead (a scanned or generated page takes < 1 s).
        cap = RENDER_SECONDS
        if pdfium_c.FPDF_GetSecurityHandlerRevision(doc.raw) != -1:
            cap = RESTRICTED_RENDER_SECONDS
        else:
            # Loading a page parses every form it draws, as often as it draws it: bound the work before pdfium does.
            try:
                check_drawing_cost(data)
            except PdfTooComplex as exc:
                raise PdfProblem("PDF_TOO_COMPLEX", str(exc), pages=count) from exc
        images = _render_capped(doc, range(min(count, read_pages)), dpi, cap, count)
        return PdfPages(count=count, images=images)
    finally:
        doc.close()


# Defence in depth behind the walk below: what it does not model (shadings, fonts, a pdfium slow path) is rendered
# in a child process, stopped after this long. A scanned or generated page renders in well under a second.
RENDER_SECONDS = 20.0
RESTRICTED_RENDER_SECONDS = 5.0
_PAGE_HEADER = struct.Struct("<cII")  # b"P" height width, then the pixels; b"E" then pdfium's message


def _render_capped(doc: Any, indices: range, dpi: int, seconds: float, count: int) -> list[GreyImage]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, write, and never return into the caller's code
        os.close(read_end)
        try:
            with os.fdopen(write_end, "wb") as out:
                _render_into(doc, indices, dpi, out)
        finally:
            os._exit(0)
    os.close(write_end)
    try:
        received = _read_until(read_end, time.monotonic() + seconds)
    finally:
        os.close(read_end)
    if received is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise PdfProblem("PDF_TOO_COMPLEX", f"rendering took more than {seconds} s", pages=count)
    os.waitpid(pid, 0)
    return _pages_from(received, len(indices), count)


def _render_into(doc: Any, indices: range, dpi: int, out: Any) -> None:
    import pypdfium2 as pdfium

    for index in indices:
        page = doc[index]
        try:
            width, height = page.get_size()
            # A page of absurd size would rasterise to gigapixels: cap the longer side.
            scale = min(dpi / 72.0, 5000.0 / max(width, height, 1.0))
            arr = np.array(page.render(scale=scale, grayscale=True).to_numpy(), dtype=np.uint8)
            if arr.ndim == 3:
                arr = arr[..., 0]
            out.write(_PAGE_HEADER.pack(b"P", *arr.shape) + np.ascontiguousarray(arr).tobytes())
        except pdfium.PdfiumError as exc:
            message = str(exc).encode()[:1000]
            out.write(_PAGE_HEADER.pack(b"E", len(message), 0) + message)
            return
        finally:
            page.close()


def _read_until(fd: int, deadline: float) -> bytes | None:
    """All the child writes, or None when the deadline passes first."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _pages_from(received: bytes, wanted: int, count: int) -> list[GreyImage]:
    images: list[GreyImage] = []
    pos = 0
    while len(images) < wanted:
        if pos + _PAGE_HEADER.size > len(received):
            raise PdfProblem("PDF_CORRUPT", "the renderer stopped", pages=count)  # pdfium crashed on it
        kind, first, second = _PAGE_HEADER.unpack_from(received, pos)
        pos += _PAGE_HEADER.size
        if kind == b"E":
            raise PdfProblem("PDF_CORRUPT", received[pos : pos + first].decode(errors="replace"), pages=count)
        size = first * second
        if pos + size > len(received):
            raise PdfProblem("PDF_CORRUPT", "the renderer stopped", pages=count)
        images.append(np.frombuffer(received, np.uint8, size, pos).reshape(first, second).copy())
        pos += size
    return images


# --- What a page costs to draw ------------------------------------------------------------------------------
# A scan is one image per page; a generated e-KK or akta a few forms (letterhead, table, logo) nested two or three
# deep. Each bound is far above both and far below a form bomb (ten invocations a level, seven levels: 10^6 runs).
MAX_CONTENT_RUNS = 10_000  # content streams run for one page: its own, each form, pattern, glyph, appearance
MAX_CONTENT_BYTES = 16 << 20  # content bytes parsed for one page, each run counted
MAX_NESTING = 12  # forms within forms (pdfium recurses per level)
MAX_IMAGE_PIXELS = 200_000_000  # image pixels drawn for one page, each invocation counted (600 dpi A4: 35 M)
MAX_DECODED_BYTES = 64 << 20  # all the streams the walk inflates (a deflate bomb in a content stream)
MAX_WALK_STEPS = 20_000  # distinct (stream, resources) pairs walked: the walk is no bomb itself
MAX_DEFINITIONS = 64  # definitions of one object number (incremental updates redefine a few)
MAX_PARSE_DEPTH = 64  # arrays and dictionaries within each other


class PdfTooComplex(Exception):
    """A page would cost more to draw than any real document does, or the file cannot be walked to tell."""


class _Name(str):
    pass


class _Ref(NamedTuple):
    num: int
    gen: int


@dataclass(eq=False)
class _Stream:
    head: dict[str, Any]
    start: int  # where its data begins in the file


@dataclass(frozen=True)
class _Cost:
    runs: int = 0
    content: int = 0
    pixels: int = 0
    depth: int = 0

    def plus(self, other: _Cost, times: int = 1) -> _Cost:
        return _Cost(
            self.runs + times * other.runs,
            self.content + times * other.content,
            self.pixels + times * other.pixels,
            max(self.depth, other.depth),
        )

    def most(self, other: _Cost) -> _Cost:
        return _Cost(
            max(self.runs, other.runs),
            max(self.content, other.content),
            max(self.pixels, other.pixels),
            max(self.depth, other.depth),
        )

    def too_much(self) -> str | None:
        for label, value, bound in (
            ("content runs", self.runs, MAX_CONTENT_RUNS),
            ("content bytes", self.content, MAX_CONTENT_BYTES),
            ("form nesting", self.depth, MAX_NESTING),
            ("image pixels", self.pixels, MAX_IMAGE_PIXELS),
        ):
            if value > bound:
                return f"{label} {value} > {bound}"
        return None


def check_drawing_cost(data: bytes) -> None:
    """Raise PdfTooComplex if drawing any page would exceed the bounds above. Every object definition in the
    file is considered, not only those the cross-reference table names (pdfium repairs a broken table by
    scanning), and an object defined more than once costs its costliest definition."""
    objects = _Objects(data)
    walk = _Walk(objects)
    for page in objects.page_like():
        cost = walk.page(page)
        problem = cost.too_much()
        if problem:
            raise PdfTooComplex(problem)


# --- Lexing and parsing the object syntax ----------------------------------------------------------------------
_WS = b"\x00\t\n\x0c\r "
_REGULAR = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"
_TOKEN = re.compile(
    rb"(?:[\x00\t\n\x0c\r ]|%[^\r\n]*)*"
    rb"(?:(?P<name>/" + _REGULAR + rb"*)|(?P<num>[+-]?(?:\d+\.?\d*|\.\d+))(?!" + _REGULAR + rb")"
    rb"|(?P<open><<|\[)|(?P<close>>>|\])|(?P<hex><[^>]*>)|(?P<str>\()|(?P<word>" + _REGULAR + rb"+))"
)
# "N G obj": the keyword found first (a plain search), its numbers read backwards from it; a regex starting at
# every digit took 250 ms over a 4 MB scan.
_OBJ_KEYWORD = re.compile(rb"obj(?!" + _REGULAR + rb")")
_OBJ_NUMBERS = re.compile(rb"(?<!\d)(\d{1,10})[\x00\t\n\x0c\r ]+(\d{1,5})[\x00\t\n\x0c\r ]+\Z")
_NAME_IN_CONTENT = re.compile(rb"/(" + _REGULAR + rb"*)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_END = object()
_UNREADABLE = object()  # a definition the parser could not read
_STREAM_KEYWORD = re.compile(rb"[\x00\t\n\x0c\r ]*stream(\r\n|\n|\r)?")
_ENDSTREAM = re.compile(rb"[\x00\t\n\x0c\r ]*endstream")
_TRAILER = re.compile(rb"trailer(?=[\x00\t\n\x0c\r <])")


class _Unparsable(Exception):
    pass


def _name(raw: bytes) -> _Name:
    return _Name(_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1"))


class _Parser:
    def __init__(self, buf: bytes, pos: int) -> None:
        self.buf = buf
        self.pos = pos

    def token(self) -> tuple[str, bytes]:
        match = _TOKEN.match(self.buf, self.pos)
        if not match or match.lastgroup is None:
            raise _Unparsable(self.pos)
        self.pos = match.end()
        return match.lastgroup, match.group(match.lastgroup)

    def value(self, depth: int = 0) -> Any:
        if depth > MAX_PARSE_DEPTH:
            raise PdfTooComplex("objects nested too deep")
        kind, text = self.token()
        if kind == "name":
            return _name(text[1:])
        if kind == "num":
            return self._number_or_ref(text)
        if kind == "open":
            return self._dict(depth) if text == b"<<" else self._array(depth)
        if kind == "str":
            return self._string()
        if kind == "hex":
            return text
        if kind == "word":
            return {b"true": True, b"false": False, b"null": None}.get(text, _END)
        return _END  # a closing bracket

    def _number_or_ref(self, text: bytes) -> Any:
        if b"." in text:
            return float(text)
        start = self.pos
        try:
            second, gen = self.token()
            third, word = self.token()
            if second == "num" and gen.isdigit() and third == "word" and word == b"R":
                return _Ref(int(text), int(gen))
        except _Unparsable:
            pass
        self.pos = start
        return int(text)

    def _dict(self, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        while True:
            key = self.value(depth + 1)
            if key is _END:
                return out
            if not isinstance(key, _Name):
                raise _Unparsable(self.pos)
            value = self.value(depth + 1)
            if value is _END:
                raise _Unparsable(self.pos)
            out[key] = value

    def _array(self, depth: int) -> list[Any]:
        out: list[Any] = []
        while (item := self.value(depth + 1)) is not _END:
            out.append(item)
        return out

    def _string(self) -> bytes:
        level, pos, buf = 1, self.pos, self.buf
        while pos < len(buf):
            char = buf[pos]
            pos += 2 if char == 0x5C else 1  # a backslash escapes the next byte
            level += (char == 0x28) - (char == 0x29)
            if char != 0x5C and level == 0:
                break
        start, self.pos = self.pos, pos
        return buf[start : pos - 1]

    def stream_start(self) -> int | None:
        match = _STREAM_KEYWORD.match(self.buf, self.pos)
        return match.end() if match else None


# --- The objects of a file, every definition ------------------------------------------------------------------
class _Objects:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.decoded_total = 0
        self.where: dict[int, list[tuple[bytes, int]]] = {}
        self.parsed: dict[tuple[int, int], Any] = {}
        for keyword in _OBJ_KEYWORD.finditer(data):
            numbers = _OBJ_NUMBERS.search(data, max(keyword.start() - 64, 0), keyword.start())
            if numbers:
                self._define(int(numbers.group(1)), data, keyword.end())
        self._unpack_object_streams()

    def _define(self, num: int, buf: bytes, pos: int) -> None:
        places = self.where.setdefault(num, [])
        if len(places) >= MAX_DEFINITIONS:
            raise PdfTooComplex(f"object {num} defined more than {MAX_DEFINITIONS} times")
        places.append((buf, pos))

    def _unpack_object_streams(self) -> None:
        for places in list(self.where.values()):
            for buf, pos in list(places):
                obj = self.at(buf, pos)
                if isinstance(obj, _Stream) and obj.head.get("Type") == "ObjStm":
                    self._unpack(obj)

    def _unpack(self, stream: _Stream) -> None:
        body = self.decoded(stream)
        first = stream.head.get("First")
        count = stream.head.get("N")
        if not isinstance(first, int) or not isinstance(count, int) or first < 0:
            return
        numbers = re.findall(rb"\d+", body[:first])[: 2 * max(count, 0)]
        for num, offset in zip(numbers[::2], numbers[1::2], strict=False):
            self._define(int(num), body, first + int(offset))

    def at(self, buf: bytes, pos: int) -> Any:
        key = (id(buf), pos)
        if key not in self.parsed:
            self.parsed[key] = self._parse(buf, pos)
        return self.parsed[key]

    def _parse(self, buf: bytes, pos: int) -> Any:
        parser = _Parser(buf, pos)
        try:
            value = parser.value()
        except (_Unparsable, ValueError, RecursionError):
            return _UNREADABLE  # digits and "obj" inside binary data, or syntax pdfium may read and the walk cannot
        if isinstance(value, dict) and buf is self.data and (start := parser.stream_start()) is not None:
            return _Stream(value, start)
        return _UNREADABLE if value is _END else value

    def resolve(self, value: Any) -> list[Any]:
        """Every object a value may stand for: itself, or each definition of the object it refers to."""
        if not isinstance(value, _Ref):
            return [value]
        found = [self.at(buf, pos) for buf, pos in self.where.get(value.num, [])]
        if any(obj is _UNREADABLE for obj in found):
            # What pdfium reads there (it is more lenient) would go unwalked: a form, a page, its resources.
            raise PdfTooComplex(f"object {value.num} cannot be walked")
        return [obj for obj in found if obj is not None and not isinstance(obj, _Ref)]

    def resolve_list(self, value: Any) -> list[Any]:
        return [obj for item in _as_list(value) for obj in self.resolve(item)]

    def dicts(self, value: Any) -> list[dict[str, Any]]:
        return [obj.head if isinstance(obj, _Stream) else obj for obj in self.resolve(value) if _is_dict(obj)]

    def raw(self, stream: _Stream) -> bytes:
        data, start = self.data, stream.start
        for length in self.resolve(stream.head.get("Length")):
            if isinstance(length, int) and length >= 0 and _ENDSTREAM.match(data, start + length):
                return data[start : start + length]
        end = data.find(b"endstream", start)
        return data[start : end if end >= 0 else len(data)].rstrip(b"\r\n")

    def decoded(self, stream: _Stream) -> bytes:
        """The stream's data through its filters, as pdfium would parse it (a broken deflate: what came before)."""
        body = self.raw(stream)
        filters = [
            f
            for value in self.resolve(stream.head.get("Filter"))
            for f in self.resolve_list(value)
            if f is not None
        ]
        parms = [
            p for value in self.resolve(stream.head.get("DecodeParms")) for p in self.resolve_list(value)
        ]
        if any(_is_dict(p) and p.get("Predictor", 1) not in (1, None) for p in parms):
            raise PdfTooComplex("content stream with a predictor")
        for name in filters:
            body = _decode(name, body, MAX_DECODED_BYTES - self.decoded_total)
        self.decoded_total += len(body)
        if self.decoded_total > MAX_DECODED_BYTES:
            raise PdfTooComplex(f"more than {MAX_DECODED_BYTES} bytes of streams to inflate")
        return body

    def page_like(self) -> list[dict[str, Any]]:
        """Every dictionary that pdfium could draw as a page: one with /Contents (pdfium takes any leaf of the
        page tree for a page, /Type or not, direct or not), found in every parsed object."""
        found: list[dict[str, Any]] = []
        seen: set[int] = set()
        todo = [self.at(buf, pos) for places in self.where.values() for buf, pos in places]
        todo.extend(self._page_tree())
        while todo:
            obj = todo.pop()
            if isinstance(obj, _Stream):
                obj = obj.head
            if id(obj) in seen or not isinstance(obj, dict | list):
                continue
            seen.add(id(obj))
            if isinstance(obj, dict):
                if "Contents" in obj and "Kids" not in obj:
                    found.append(obj)
                todo.extend(obj.values())
            else:
                todo.extend(obj)
        return found

    def _page_tree(self) -> list[dict[str, Any]]:
        """The page tree from each trailer's /Root, resolved strictly: a page pdfium finds there that the walk
        cannot read is refused, not skipped."""
        roots = [self.at(self.data, match.end()) for match in _TRAILER.finditer(self.data)]
        roots += [
            obj.head
            for places in self.where.values()
            for obj in (self.at(b, p) for b, p in places)
            if isinstance(obj, _Stream) and obj.head.get("Type") == "XRef"
        ]
        nodes: list[dict[str, Any]] = []
        for trailer in (r for r in roots if isinstance(r, dict)):
            for catalog in self.dicts(trailer.get("Root")):
                nodes.extend(self.dicts(catalog.get("Pages")))
        tree: list[dict[str, Any]] = []
        seen: set[int] = set()
        while nodes:
            node = nodes.pop()
            if id(node) in seen:
                continue  # a kid listed twice, or a loop of kids
            seen.add(id(node))
            tree.append(node)
            nodes.extend(kid for value in self.resolve_list(node.get("Kids")) for kid in self.dicts(value))
        return tree


def _is_dict(obj: Any) -> bool:
    return isinstance(obj, dict | _Stream)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _decode(name: Any, body: bytes, room: int) -> bytes:
    if name in ("FlateDecode", "Fl"):
        inflater = zlib.decompressobj()
        try:
            out = inflater.decompress(body, max(room, 0) + 1)
        except zlib.error:
            out = _inflate_what_is_good(body, room)
        return out
    if name in ("ASCIIHexDecode", "AHx"):
        digits = re.sub(rb"[^0-9A-Fa-f]", b"", body.split(b">")[0])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
    if name in ("ASCII85Decode", "A85"):
        import base64

        try:
            return base64.a85decode(body.split(b"~>")[0].replace(b"<~", b""), ignorechars=_WS)
        except ValueError as exc:
            raise PdfTooComplex("undecodable ASCII85 content") from exc
    if name in ("RunLengthDecode", "RL"):
        return _run_length(body, room)
    if name in ("LZWDecode", "LZW"):
        return _lzw(body, room)
    raise PdfTooComplex(f"content filter {name!r} not walked")


def _inflate_what_is_good(body: bytes, room: int) -> bytes:
    """pdfium keeps what a damaged deflate stream gave before the damage: so does the walk."""
    inflater = zlib.decompressobj()
    out = bytearray()
    for index in range(0, len(body), 4096):
        try:
            out += inflater.decompress(body[index : index + 4096], max(room - len(out), 0) + 1)
        except zlib.error:
            break
        if len(out) > room:
            break
    return bytes(out)


def _run_length(body: bytes, room: int) -> bytes:
    out = bytearray()
    pos = 0
    while pos < len(body) and body[pos] != 128 and len(out) <= room:
        length = body[pos]
        if length < 128:
            out += body[pos + 1 : pos + 2 + length]
            pos += 2 + length
        else:
            out += body[pos + 1 : pos + 2] * (257 - length)
            pos += 2
    return bytes(out)


def _lzw(body: bytes, room: int) -> bytes:
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    out = bytearray()
    bits, value, width, previous = 0, 0, 9, b""
    for byte in body:
        value, bits = (value << 8) | byte, bits + 8
        while bits >= width:
            bits -= width
            code = (value >> bits) & ((1 << width) - 1)
            if code == 256:
                table, width, previous = table[:258], 9, b""
                continue
            if code == 257 or len(out) > room:
                return bytes(out)
            entry = table[code] if code < len(table) else previous + previous[:1]
            if previous:
                table.append(previous + entry[:1])
            out += entry
            previous = entry
            width = min(12, (len(table) + 1).bit_length())
    return bytes(out)


# --- The walk: each page's content, and what each name it uses draws --------------------------------------------
_DRAWING_RESOURCES = ("XObject", "Pattern", "Font", "ExtGState")


class _Walk:
    def __init__(self, objects: _Objects) -> None:
        self.objects = objects
        self.memo: dict[tuple[int, int], _Cost] = {}
        self.running: set[int] = set()

    def page(self, page: dict[str, Any]) -> _Cost:
        streams = [s for value in _as_list(page["Contents"]) for s in self.objects.resolve(value)]
        streams = [s for s in streams if isinstance(s, _Stream)]
        cost = _Cost()
        for resources in self._page_resources(page):
            drawn = self._content(streams, resources).plus(self._annotations(page, resources))
            cost = cost.most(drawn)
        return cost

    def _page_resources(self, page: dict[str, Any]) -> list[dict[str, Any]]:
        """A page's resources, or those it inherits from the nearest ancestor that has them."""
        nodes: list[dict[str, Any]] = [page]
        seen: set[int] = set()
        found: list[dict[str, Any]] = []
        while nodes and len(seen) < MAX_DEFINITIONS:
            node = nodes.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if "Resources" in node:
                found.extend(self.objects.dicts(node["Resources"]))
            else:
                nodes.extend(self.objects.dicts(node.get("Parent")))
        return found or [{}]

    def _annotations(self, page: dict[str, Any], resources: dict[str, Any]) -> _Cost:
        cost = _Cost()
        for annots in self.objects.resolve(page.get("Annots")):
            for annot in (d for value in _as_list(annots) for d in self.objects.dicts(value)):
                for appearance in self.objects.dicts(annot.get("AP")):
                    for normal in self.objects.resolve(appearance.get("N")):
                        states = [normal] if isinstance(normal, _Stream) else list((normal or {}).values())
                        for state in states:
                            cost = cost.plus(self._resource(state, resources))
        return cost

    def _content(self, streams: list[_Stream], resources: dict[str, Any]) -> _Cost:
        """One run of content: its bytes, and each name it uses times what that name's resource draws."""
        if len(self.memo) > MAX_WALK_STEPS:
            raise PdfTooComplex(f"more than {MAX_WALK_STEPS} forms to walk")
        body = b" ".join(self.objects.decoded(s) for s in streams)
        cost = _Cost(runs=1, content=len(body))
        uses = Counter(_name(raw) for raw in _NAME_IN_CONTENT.findall(body))
        for category in _DRAWING_RESOURCES:
            for named in self.objects.dicts(resources.get(category)):
                for name, times in uses.items():
                    if name in named:
                        drawn = self._resource(named[name], resources)
                        cost = cost.plus(_Cost(depth=drawn.depth + 1 if drawn.runs else 0).plus(drawn), times)
                        if cost.too_much():
                            return cost  # already refused: no need to walk the rest
        return cost

    def _resource(self, value: Any, inherited: dict[str, Any]) -> _Cost:
        """The costliest definition of a resource: an image's pixels, or a stream run with its resources (its
        own, else those of what drew it, as pdfium does), or the forms an ExtGState's soft mask or a Type 3
        font's glyphs draw."""
        cost = _Cost()
        for obj in self.objects.resolve(value):
            if isinstance(obj, _Stream):
                cost = cost.most(self._stream(obj, inherited))
            elif isinstance(obj, dict):
                cost = cost.most(self._dictionary_resource(obj, inherited))
        return cost

    def _stream(self, stream: _Stream, inherited: dict[str, Any]) -> _Cost:
        head = stream.head
        if head.get("Subtype") == "Image":
            return _Cost(pixels=_pixels(head))
        if id(stream) in self.running:
            raise PdfTooComplex("a form draws itself")
        if len(self.running) >= MAX_NESTING:  # checked on the way down: the walk recurses per level too
            raise PdfTooComplex(f"forms nested deeper than {MAX_NESTING}")
        cost = _Cost()
        for resources in self.objects.dicts(head["Resources"]) if "Resources" in head else [inherited]:
            key = (id(stream), id(resources))
            if key not in self.memo:
                self.running.add(id(stream))
                try:
                    self.memo[key] = self._content([stream], resources)
                finally:
                    self.running.discard(id(stream))
            cost = cost.most(self.memo[key])
        return cost

    def _dictionary_resource(self, obj: dict[str, Any], inherited: dict[str, Any]) -> _Cost:
        cost = _Cost()
        for mask in self.objects.dicts(obj.get("SMask")):
            cost = cost.plus(self._resource(mask.get("G"), inherited))
        own = self.objects.dicts(obj.get("Resources")) or [inherited]
        for glyphs in self.objects.dicts(obj.get("CharProcs")):
            for glyph in glyphs.values():
                cost = cost.plus(max((self._resource(glyph, res) for res in own), key=lambda c: c.runs))
        return cost


def _pixels(head: dict[str, Any]) -> int:
    width, height = head.get("Width"), head.get("Height")
    if isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0:
        return width * height
    return 0
