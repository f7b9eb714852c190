"""Bytes to text: UTF-8 (with or without BOM) first, then a charset detector for legacy
Arabic encodings such as Windows-1256 and ISO-8859-6."""

from __future__ import annotations

from charset_normalizer import from_bytes

__all__ = ["DecodeError", "decode"]

# Encodings a detector may propose for Arabic text that are not plausible for news pages;
# legacy single-byte guesses outside this set are usually wrong reads of binary data.
_ARABIC_LEGACY = {"cp1256", "iso8859_6", "cp720", "cp864", "mac_arabic", "utf_16", "utf_16_le",
                  "utf_16_be", "utf_32", "ascii", "utf_8", "cp1252", "latin_1", "iso8859_1"}


class DecodeError(ValueError):
    """Raised when bytes are binary or in no encoding we can read."""


def decode(data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=None).best()
    if best is None:
        raise DecodeError("not text in any known encoding")
    if best.encoding not in _ARABIC_LEGACY:
        # Try the Arabic code pages explicitly before trusting an exotic guess.
        arabic = from_bytes(data, cp_isolation=["cp1256", "iso8859_6", "cp864"]).best()
        if arabic is not None:
            best = arabic
    text = str(best)
    if _control_share(text) > 0.05:
        raise DecodeError(f"binary file, not text (best guess {best.encoding})")
    return text


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    return controls / len(text)
