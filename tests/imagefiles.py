"""Images made by the tests themselves with Pillow (and one hand-built
decompression bomb): nothing downloaded."""

import io
import struct
import zlib

from PIL import Image


def image_bytes(width: int = 1600, height: int = 900, fmt: str = "JPEG", **kw) -> bytes:
    colour = kw.pop("colour", (30, 90, 160))
    mode = "RGBA" if fmt == "PNG" and kw.pop("alpha", False) else "RGB"
    image = Image.new(mode, (width, height), colour)
    # A gradient stripe, so renditions are not all one colour.
    for x in range(0, width, max(1, width // 16)):
        image.paste((x % 255, 120, 200), (x, 0, min(width, x + 4), height))
    buffer = io.BytesIO()
    image.save(buffer, fmt, **kw)
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A few hundred bytes of PNG whose header claims width × height
    pixels (1-bit grey): decoding it would need gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 4096, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", rows)
        + _chunk(b"IEND", b"")
    )
