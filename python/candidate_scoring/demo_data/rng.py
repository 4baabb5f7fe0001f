"""Pseudo-random numbers as SQL expressions: pure functions of (seed, row key, salt).

Nothing calls ``random()``: every draw hashes the seed, a row key and a salt naming the
draw, so the output does not depend on thread count or physical row order.
"""

from __future__ import annotations

from dataclasses import dataclass

from candidate_scoring.demo_data.sql import lit

U53 = 9_007_199_254_740_992.0  # 2 ** 53: doubles hold 53 bits of a uniform draw exactly


@dataclass(frozen=True)
class Rng:
    """SQL expressions for pseudo-random numbers derived from ``hash(seed, key, salt)``."""

    seed: int

    def mix(self, *parts: str) -> str:
        """Ubigint ``hash(hash(seed, *parts))``.

        DuckDB combines the hashes of several arguments with a cheap XOR-like step, so
        ``hash(seed, i, 'a')`` and ``hash(seed, i, 'b')`` are strongly correlated; hashing
        the result once more decorrelates the streams of different salts.
        """
        return f"hash(hash({self.seed}::bigint, {', '.join(parts)}))"

    def hash(self, key: str, salt: str) -> str:
        """Ubigint hash of (seed, key, salt); key is cast to bigint so types never matter."""
        return self.mix(f"({key})::bigint", lit(salt))

    def u(self, key: str, salt: str) -> str:
        """Uniform double in [0, 1) with 53 bits of resolution."""
        return f"(({self.hash(key, salt)} >> 11)::double / {U53!r})"

    def below(self, key: str, salt: str, n: int | str) -> str:
        """Uniform bigint in [0, n)."""
        return f"({self.hash(key, salt)} % ({n}))::bigint"

    def normal(self, key: str, salt: str) -> str:
        """Standard normal double (Box-Muller over two hashed uniforms)."""
        u1 = f"({self.u(key, salt + ':a')} + {0.5 / U53!r})"
        u2 = self.u(key, salt + ":b")
        return f"(sqrt(-2 * ln({u1})) * cos(2 * pi() * {u2}))"
