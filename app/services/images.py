"""Uploaded images: opened safely, checked by content, re-encoded (nothing hidden survives)."""

import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

MAX_PIXELS = 25_000_000  # e.g. 5000 x 5000: beyond that, decoding alone costs too much memory
OPEN_ERRORS = (UnidentifiedImageError, OSError, Image.DecompressionBombError,
               Image.DecompressionBombWarning, ValueError, SyntaxError)  # fmt: skip


class NotAnImage(Exception):
    """The bytes are not an acceptable image."""


class TooManyPixels(NotAnImage):
    """An image whose header announces more than MAX_PIXELS."""


@dataclass
class ImageHeader:
    format: str
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


def _open(data: bytes, formats: set[str]) -> tuple[Image.Image, ImageHeader]:
    """The image, not yet decoded, and what its header says; raise unless it is acceptable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))  # reads the header only
            header = ImageHeader(image.format or "", *image.size)
    except OPEN_ERRORS as exc:
        raise NotAnImage(str(exc)) from exc
    if header.format not in formats or not header.width or not header.height:
        raise NotAnImage(header.format)
    if header.pixels > MAX_PIXELS:
        raise TooManyPixels(header.format)
    return image, header


def image_header(data: bytes, formats: set[str]) -> ImageHeader:
    """Format and size of an image in one of `formats`, read without decoding its pixels."""
    return _open(data, formats)[1]


def reencode(
    data: bytes, formats: set[str], max_side: int | None = None, out_format: str | None = None
) -> tuple[str, bytes]:
    """(format, new bytes) of an image in one of `formats`, checked before it is decoded."""
    image, header = _open(data, formats)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except OPEN_ERRORS as exc:
        raise NotAnImage(str(exc)) from exc
    if max_side:
        image.thumbnail((max_side, max_side))
    target = out_format or header.format
    if target == "JPEG" and image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    elif target == "PNG" and image.mode not in {"RGB", "RGBA", "L", "LA", "P"}:
        image = image.convert("RGBA")
    out = io.BytesIO()
    image.save(out, format=target, optimize=target == "PNG")
    return target, out.getvalue()
