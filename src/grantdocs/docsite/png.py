"""A small greyscale PNG writer: pdftoppm's PGM, reduced to a few grey levels.

A page of text needs few grey levels; 2 bits a pixel keep anti-aliased letters readable and
make a page picture a few tens of kilobytes (no imaging library needed).
"""

from __future__ import annotations

import struct
import zlib

BITS = 2
"""Bits a pixel: 4 grey levels."""


def read_pgm(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and 8-bit pixels of a binary PGM (P5, maximum 255) as pdftoppm writes it."""
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos : pos + 1].isspace():
            pos += 1
        if data[pos : pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        start = pos
        while not data[pos : pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    magic, width, height, maximum = fields[0], int(fields[1]), int(fields[2]), int(fields[3])
    if magic != b"P5" or maximum != 255:
        raise ValueError("not an 8-bit binary PGM")
    pixels = data[pos + 1 : pos + 1 + width * height]
    if len(pixels) != width * height:
        raise ValueError("PGM data is shorter than its size says")
    return width, height, pixels


def _chunk(kind: bytes, payload: bytes) -> bytes:
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))


def grey_png(width: int, height: int, pixels: bytes, bits: int = BITS) -> bytes:
    """A PNG of ``bits``-bit greyscale from 8-bit grey ``pixels`` (row by row)."""
    levels = (1 << bits) - 1
    per_byte = 8 // bits
    table = bytes(round(v * levels / 255) for v in range(256))
    rows = bytearray()
    for y in range(height):
        row = pixels[y * width : (y + 1) * width].translate(table)
        rows.append(0)  # filter: none
        for x in range(0, width, per_byte):
            byte = 0
            for value in row[x : x + per_byte].ljust(per_byte, b"\0"):
                byte = (byte << bits) | value
            rows.append(byte)
    header = struct.pack(">IIBBBBB", width, height, bits, 0, 0, 0, 0)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(bytes(rows), 9)),
            _chunk(b"IEND", b""),
        ]
    )
