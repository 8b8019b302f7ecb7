"""Uploaded images: opened safely, checked by content, re-encoded (nothing hidden survives)."""

import io
import warnings

from PIL import Image, UnidentifiedImageError

MAX_PIXELS = 25_000_000  # e.g. 5000 x 5000: beyond that, decoding alone costs too much memory


class NotAnImage(Exception):
    """The bytes are not an acceptable image."""


def reencode(
    data: bytes, formats: set[str], max_side: int | None = None, out_format: str | None = None
) -> tuple[str, bytes]:
    """(format, new bytes) of an image in one of `formats`, checked before it is decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            found = image.format
            width, height = image.size
            if found not in formats or width * height > MAX_PIXELS or not width or not height:
                raise NotAnImage(found)
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        ValueError,
    ) as exc:
        raise NotAnImage(str(exc)) from exc
    if max_side:
        image.thumbnail((max_side, max_side))
    target = out_format or found
    if target == "JPEG" and image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    elif target == "PNG" and image.mode not in {"RGB", "RGBA", "L", "LA", "P"}:
        image = image.convert("RGBA")
    out = io.BytesIO()
    image.save(out, format=target, optimize=target == "PNG")
    return target, out.getvalue()
