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
