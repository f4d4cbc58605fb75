"""Near-duplicate articles (wire copies, re-posts) by MinHash and LSH banding.

Signatures come from datasketch's MinHash over word 5-grams. The LSH bands are kept in the
store (``article_bands``) rather than in datasketch's in-memory index, so that every process
writing to the store sees every article; a candidate sharing a band is confirmed by the
estimated Jaccard similarity of the two signatures.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["NUM_PERM", "NearDuplicates"]

NUM_PERM = 128
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class NearDuplicates:
    """Signatures and band keys for one similarity threshold (0..1, Jaccard of 5-grams)."""

    threshold: float = 0.8
    shingle: int = 5

    @cached_property
    def _bands(self) -> tuple[int, int]:
        lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)
        return int(lsh.b), int(lsh.r)

    def signature(self, text: str) -> bytes:
        words = _WORD.findall(text.lower())
        m = MinHash(num_perm=NUM_PERM)
        n = self.shingle
        grams = {" ".join(words[i : i + n]) for i in range(max(len(words) - n + 1, 1))}
        m.update_batch([g.encode("utf-8") for g in grams])
        return bytes(np.asarray(m.hashvalues, dtype=np.uint64).tobytes())

    def band_keys(self, sig: bytes) -> list[tuple[int, int]]:
        """(band, hash) pairs: two signatures that agree on a whole band are candidates."""
        b, r = self._bands
        values = np.frombuffer(sig, dtype=np.uint64)
        out = []
        for band in range(b):
            chunk = values[band * r : (band + 1) * r].tobytes()
            digest = hashlib.blake2b(chunk, digest_size=8).digest()
            out.append((band, int.from_bytes(digest, "big", signed=True)))
        return out

    @staticmethod
    def similarity(a: bytes, b: bytes) -> float:
        va, vb = np.frombuffer(a, dtype=np.uint64), np.frombuffer(b, dtype=np.uint64)
        return float(np.mean(va == vb))
