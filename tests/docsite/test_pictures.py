"""First-page pictures: every bundled format has one, and the PNG writer is exact."""

from __future__ import annotations

import struct
import zlib

import pytest

from grantdocs.docsite.formats_ref import PICTURES, bundled_formats
from grantdocs.docsite.png import grey_png, read_pgm
from grantdocs.resources import project_root


def _size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.mark.parametrize("fmt", [f.id for f in bundled_formats()])
def test_every_bundled_format_has_a_small_page_picture(fmt: str) -> None:
    path = project_root() / "docs" / PICTURES / f"{fmt}.png"
    data = path.read_bytes()
    width, height = _size(data)
    ratio = max(width, height) / min(width, height)
    assert 1.35 < ratio < 1.48, f"{fmt}: {width}x{height} is not a page's proportions"
    assert 500 < max(width, height) < 1800
    assert len(data) < 120_000


def test_pictures_of_all_formats_stay_a_few_hundred_kb() -> None:
    folder = project_root() / "docs" / PICTURES
    assert sum(p.stat().st_size for p in folder.glob("*.png")) < 600_000


def _decode(png: bytes) -> tuple[int, int, int, bytes]:
    """Width, height, bit depth and the filtered rows of a one-IDAT PNG."""
    width, height = _size(png)
    bits = png[24]
    length = struct.unpack(">I", png[33:37])[0]
    assert png[37:41] == b"IDAT"
    return width, height, bits, zlib.decompress(png[41 : 41 + length])


def test_grey_png_quantises_to_four_levels_row_by_row() -> None:
    pixels = bytes([0, 85, 170, 255, 255, 0, 128, 200, 30])  # 3 x 3: a row ends mid-byte
    width, height, bits, rows = _decode(grey_png(3, 3, pixels))
    assert (width, height, bits) == (3, 3, 2)
    assert rows == bytes([0, 0b00011000, 0, 0b11110000, 0, 0b10100000])
    crc = zlib.crc32(b"IEND")
    assert grey_png(3, 3, pixels).endswith(b"IEND" + struct.pack(">I", crc))


def test_read_pgm_reads_pdftoppm_output_and_refuses_short_data() -> None:
    assert read_pgm(b"P5\n# c\n2 1\n255\n\x00\xff") == (2, 1, b"\x00\xff")
    with pytest.raises(ValueError, match="shorter"):
        read_pgm(b"P5\n2 2\n255\n\x00")
    with pytest.raises(ValueError, match="8-bit"):
        read_pgm(b"P2\n1 1\n255\n0")
