"""Azure's `uniqueString()` hash: Microsoft's 64-bit MurmurHash variant, base32-encoded.

The algorithm is Azure's own (two interleaved 32-bit lanes, seed 0, over the arguments
joined with `-`), checked against published Bicep outputs, so a name built with
`uniqueString(resourceGroup().id)`-style literals matches what Azure deploys. Linear in the
length of its input; it never fails.
"""

from __future__ import annotations


_M32 = 0xFFFFFFFF


def _rotl32(x: int, r: int) -> int:
    return ((x << r) | (x >> (32 - r))) & _M32


def _fmix32(h: int) -> int:
    h = ((h ^ (h >> 16)) * 0x85EBCA6B) & _M32
    h = ((h ^ (h >> 13)) * 0xC2B2AE35) & _M32
    return h ^ (h >> 16)


def _murmur64(data: bytes) -> int:
    """Microsoft's 64-bit MurmurHash variant (two interleaved 32-bit lanes), seed 0."""
    c1, c2 = 0x239B961B, 0xAB0E9789
    h1 = h2 = 0
    n = len(data)
    i = 0
    while i + 8 <= n:
        k1 = int.from_bytes(data[i : i + 4], "little")
        k2 = int.from_bytes(data[i + 4 : i + 8], "little")
        k1 = (_rotl32((k1 * c1) & _M32, 15) * c2) & _M32
        h1 = _rotl32(h1 ^ k1, 19)
        h1 = (((h1 + h2) & _M32) * 5 + 0x561CCD1B) & _M32
        k2 = (_rotl32((k2 * c2) & _M32, 17) * c1) & _M32
        h2 = _rotl32(h2 ^ k2, 13)
        h2 = (((h2 + h1) & _M32) * 5 + 0x0BCAA747) & _M32
        i += 8
    rest = n - i
    if rest > 0:
        k1 = int.from_bytes(data[i : i + min(rest, 4)], "little")
        h1 ^= (_rotl32((k1 * c1) & _M32, 15) * c2) & _M32
        if rest > 4:
            k2 = int.from_bytes(data[i + 4 : n], "little")
            h2 ^= (_rotl32((k2 * c2) & _M32, 17) * c1) & _M32
    h2 = (h2 ^ n) & _M32
    h1 = ((h1 ^ n) + h2) & _M32
    h2 = (h2 + h1) & _M32
    h1 = _fmix32(h1)
    h2 = _fmix32(h2)
    h1 = (h1 + h2) & _M32
    h2 = (h2 + h1) & _M32
    return (h2 << 32) | h1


def unique_string(*parts: str) -> str:
    """Azure's `uniqueString(a, b, ...)`: 13 base32 characters of a hash of `a-b-...`."""
    h = _murmur64("-".join(parts).encode("utf-8"))
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    out = []
    for _ in range(13):
        out.append(alphabet[(h >> 59) & 31])
        h = (h << 5) & 0xFFFFFFFFFFFFFFFF
    return "".join(out)
