"""Shared by the deterministic data generators (tools/gen_full_rib.py, tools/gen_vrps.py)."""
import bisect


class Dist:
    """Sampler over a Counter; deterministic order (sorted keys) so a seed reproduces."""

    def __init__(self, counter):
        items = sorted(counter.items())
        self.keys = [k for k, _ in items]
        self.cum = []
        total = 0
        for _, w in items:
            total += w
            self.cum.append(total)
        self.total = total

    def __bool__(self):
        return self.total > 0

    def draw(self, rng):
        return self.keys[bisect.bisect_right(self.cum, rng.random() * self.total)]


def range_to_cidrs(start, end):
    """The CIDR blocks (network, length) covering the IPv4 range start..end (integers)."""
    while start <= end:
        size = start & -start if start else 1 << 32
        while size > end - start + 1:
            size >>= 1
        yield start, 32 - (size.bit_length() - 1)
        start += size
