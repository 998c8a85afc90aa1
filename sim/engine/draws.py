"""Coupled randomness (docs/model.md section 9): every random number belongs to a stable identity.

A run does not read its chance from one shared stream, where a counterfactual that adds a single
statement would shift every later draw and reshuffle the crowd's luck. Each number is instead a
pure function of the run's seed, the purpose it serves and the identity it belongs to: a user
and a tick ("does user 812 share at tick 40?"), or a post and a follower ("does follower 77 see
post P, and when?"). Two runs of one seed therefore meet the same luck wherever the same thing
happens, and differ only where a change caused a difference: a counterfactual that changes
nothing reproduces the run bit for bit, and a user the change never reaches draws exactly what it
drew before.

The numbers come from a counter-based generator: a 64-bit mixing function (the SplitMix64
finaliser, Steele, Lea & Flood 2014, as used to seed xoshiro generators) applied to the
identity's words chained one by one. It passes BigCrush when used as a counter-based generator
(Steele et al.), needs no state, and costs a few array operations per number, so a batch of
identities is drawn in one vectorised pass, in any order, with any number of workers.

The numpy functions here are the reference. Where numba imports, a batch of one-dimensional
identities is drawn by a compiled loop instead (`sim.engine.kernels.jit.chain_keys` and
`chain_uniform`, some ten times cheaper on small batches): the same words, the same wrapping
uint64 arithmetic in the same order, so the same bits (tests/sim_tests/test_kernels.py);
`STORMDRILL_KERNELS=numpy` keeps the reference (sim.engine.kernels).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
from scipy.special import ndtri

from sim.engine.kernels import compiled

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
_UNIT = 2.0**-53


Word = np.ndarray | np.integer | int
"""One word of an identity: a number, or an array of them (one identity each)."""


class Purpose(IntEnum):
    """What a number is for: one independent family of draws each."""

    SEED_USERS = 1  # who posts the crisis's first content, and each new wave's
    EVIDENCE = 2  # does evidence surface this tick
    VIEW = 3  # does a follower see a post, and after how long
    AUDIENCE = 4  # does a user read a news item, and after how long
    APPEAL = 5  # how shareable a new post is
    SHARE = 6  # does an exposed user share this tick
    CREDIT = 7  # which of the posts read this tick a share reshares
    SKEPTIC = 8  # does an exposed user turn skeptic
    DEFEND = 9  # does a skeptic post in the brand's defence
    BORED = 10  # does an exposed user lose interest
    REPOST = 11  # does a spreader post again
    TIRED = 12  # does a spreader lose interest
    STIFLED = 13  # does a repost landing on aware followers stop its author
    SUPPORT = 14  # does a reader who liked a statement reshare it
    THREAD = 15  # does a reader of a negative post see the brand's answer under it
    MONITOR = 16  # the listening tool's sampling and noise at one tick


def _mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: a bijection of 64-bit words that spreads every input bit."""
    z = (z ^ (z >> np.uint64(30))) * _MIX_1
    z = (z ^ (z >> np.uint64(27))) * _MIX_2
    return z ^ (z >> np.uint64(31))


def _words(value: Word) -> np.ndarray:
    """An identity's word as unsigned 64 bits (negative ids wrap, which keeps them distinct)."""
    return np.asarray(value).astype(np.int64, copy=False).view(np.uint64)


def combine(key: Word, *words: Word) -> np.ndarray:
    """Chain identity words into a key: the key of (a, b, c) is mix(mix(mix(a) ^ b) ^ c)."""
    fast = _compiled_draw(key, words, premix=True, uniform=False)
    if fast is not None:
        return fast
    with np.errstate(over="ignore"):
        return _chain(_mix(_words(key) + _GOLDEN), words)


def _chain(out: np.ndarray, words: tuple[Word, ...]) -> np.ndarray:
    """Chain more words onto a key already mixed: combine(k, a, *w) is
    _chain(combine(k, a), w), so a key's common start can be mixed once and kept."""
    for word in words:
        out = _mix(out ^ (_words(word) * _GOLDEN + _GOLDEN))
    return out


def unit_interval(keys: np.ndarray) -> np.ndarray:
    """Keys to uniform numbers in the open interval (0, 1), 53 bits each."""
    return ((keys >> np.uint64(11)).astype(np.float64) + 0.5) * _UNIT


class Draws:
    """The run's counter-based generator: `uniform(purpose, a, b)` is the same number for the
    same seed, purpose and identity (a, b), whenever and however often it is asked for.

    Identity words broadcast like numpy arrays, so one call draws for a batch of users or
    posts. Ask for each identity once per purpose: asking twice gives the same number, which is
    the point of coupling and a bug if two different events were meant.
    """

    def __init__(self, seed: int) -> None:
        self.seed = int(seed)
        self._key = combine(np.int64(self.seed))
        # Every key of a purpose starts by mixing the seed's key with the purpose: done once
        # here rather than twice per draw (a run asks thousands of times).
        self._purpose_keys = {purpose: combine(self._key, int(purpose)) for purpose in Purpose}

    def key(self, purpose: Purpose, *words: Word) -> np.ndarray:
        """The 64-bit identity key of (purpose, words...), to store and draw from later:
        `combine(seed key, purpose, *words)`."""
        start = self._purpose_keys[purpose]
        fast = _compiled_draw(start, words, premix=False, uniform=False)
        if fast is not None:
            return fast
        with np.errstate(over="ignore"):
            return _chain(start, words)

    def uniform(self, purpose: Purpose, *words: Word) -> np.ndarray:
        """Uniform numbers in (0, 1), one per identity."""
        fast = _compiled_draw(self._purpose_keys[purpose], words, premix=False, uniform=True)
        return unit_interval(self.key(purpose, *words)) if fast is None else fast

    def normal(self, purpose: Purpose, *words: Word) -> np.ndarray:
        """Standard normal numbers, one per identity (inverse CDF of `uniform`)."""
        return ndtri(self.uniform(purpose, *words))

    def generator(self, purpose: Purpose, *words: int) -> np.random.Generator:
        """A numpy Generator for one identity, for the few draws a batch formula does not cover
        (the listening tool's binomial counts at one tick)."""
        key = int(self.key(purpose, *words).item())
        return np.random.default_rng([self.seed, int(purpose), key])


def draw_from_key(keys: Word, *words: Word) -> np.ndarray:
    """Uniform numbers for identities under stored keys: `uniform` of (key, words...)."""
    fast = _compiled_draw(keys, words, premix=True, uniform=True)
    return unit_interval(combine(keys, *words)) if fast is None else fast


def smallest(draws: np.ndarray, count: int) -> np.ndarray:
    """Positions of the `count` smallest draws, in increasing order of position: a sample
    without replacement that keeps each candidate's draw whatever the rest of the pool is."""
    if count >= len(draws):
        return np.arange(len(draws))
    return np.sort(np.argpartition(draws, count)[:count])


def _compiled_draw(
    start: Word, words: tuple[Word, ...], premix: bool, uniform: bool
) -> np.ndarray | None:
    """Keys (or, with `uniform`, their numbers) of `start` chained with `words` by the compiled
    loop, the start mixed first when `premix` (as `combine` does); None where the reference
    must run: no compiled kernels, no words, or identities that are not scalars and
    one-dimensional arrays of one length (numpy then broadcasts, or raises, as it always did).
    Written for the cost of each call: a draw for ten users is a few microseconds in all."""
    jit = compiled()
    if jit is None or not words:
        return None
    if len(words) == 2 and start.__class__ is np.uint64:  # users at a tick, the commonest
        ids, tick = words
        if (
            ids.__class__ is np.ndarray
            and tick.__class__ is int
            and ids.dtype == np.int64
            and ids.ndim == 1
            and -(2**63) <= tick < 2**63
        ):
            out = np.empty(len(ids), dtype=np.float64 if uniform else np.uint64)
            (jit.ids_at_uniform if uniform else jit.ids_at_keys)(start, ids, tick, premix, out)
            return out
    begin = np.asarray(start)
    if begin.dtype != np.uint64:
        begin = begin.astype(np.int64, copy=False).view(np.uint64)
    columns = [_column(word) for word in words]
    shaped = begin.ndim == 1 or any(np.ndim(word) for word in words)
    lengths = {len(column) for column in columns}
    lengths.add(begin.size)
    lengths.discard(1)
    if begin.ndim > 1 or any(column.ndim != 1 for column in columns) or len(lengths) > 1:
        return None
    out = np.empty(lengths.pop() if lengths else 1, dtype=np.float64 if uniform else np.uint64)
    (jit.chain_uniform if uniform else jit.chain_keys)(_plain(begin), tuple(columns), premix, out)
    return out if shaped else out[0]


def _column(word: Word) -> np.ndarray:
    """An identity word as int64 (its bits are `_words`'s), one element for a scalar, in the
    one array type the kernels are compiled for (contiguous and writeable)."""
    if word.__class__ is int and -(2**63) <= word < 2**63:
        return np.array((word,), dtype=np.int64)
    return _plain(np.asarray(word).astype(np.int64, copy=False))


def _plain(array: np.ndarray) -> np.ndarray:
    """A zero-dimensional array as one element; a strided or read-only one copied."""
    if array.ndim == 0:
        return array.reshape(1)
    flags = array.flags
    return array if flags.c_contiguous and flags.writeable else array.copy()
