"""Two-speed memory kept lazily: decay in O(1), means without visiting every user, all exact."""

import numpy as np
import pytest

from sim.engine.crowd.memory import AttitudeMemory, sorted_unique


def eager_reference(anchor, shocks, slow_share, fast_factor, slow_factor):
    """The rule as written in docs/model.md: parts stored per user, decayed every tick, clipped."""
    fast, slow = np.zeros_like(anchor), np.zeros_like(anchor)
    for users, delta in shocks:
        if users is not None:
            current = np.clip(anchor[users] + fast[users] + slow[users], -1, 1)
            realised = np.clip(current + delta, -1, 1) - current
            fast[users] += realised * (1 - slow_share)
            slow[users] += realised * slow_share
        fast *= fast_factor
        slow *= slow_factor
    return np.clip(anchor + fast + slow, -1, 1)


def random_history(rng, n, ticks):
    """Big shocks of both signs, so parts of opposite signs and clipped users do occur."""
    shocks = []
    for _ in range(ticks):
        if rng.random() < 0.6:
            users = np.unique(rng.integers(0, n, size=n // 3))
            shocks.append((users, rng.normal(0, 0.8, len(users))))
        else:
            shocks.append((None, None))
    return shocks


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_lazy_memory_equals_the_eager_rule_and_its_means_are_exact(seed):
    rng = np.random.default_rng(seed)
    n = 400
    anchor = np.clip(rng.normal(0.6, 0.4, n), -1, 1)
    group = rng.random(n) < 0.3
    shocks = random_history(rng, n, 60)
    memory = AttitudeMemory(anchor, 0.3, {"group": group})
    for tick, (users, delta) in enumerate(shocks):
        if users is not None:
            memory.shift(users, delta)
        memory.decay(0.9, 0.99)
        expected = eager_reference(anchor, shocks[: tick + 1], 0.3, 0.9, 0.99)
        assert memory.attitude() == pytest.approx(expected, abs=1e-12)
        assert memory.mean() == pytest.approx(expected.mean(), abs=1e-12)
        assert memory.mean("group") == pytest.approx(expected[group].mean(), abs=1e-12)


def test_decay_returns_every_attitude_to_its_anchor():
    anchor = np.array([0.2, -0.5, 0.9])
    memory = AttitudeMemory(anchor, 0.3, {"group": np.array([True, False, True])})
    memory.shift(np.arange(3), np.array([-0.6, 0.4, -1.5]))
    for _ in range(5000):
        memory.decay(0.5, 0.5)  # folds its scales before they underflow
    assert memory.attitude() == pytest.approx(anchor)
    assert memory.mean() == pytest.approx(anchor.mean())


def test_the_slow_part_outlasts_the_fast_one():
    memory = AttitudeMemory(np.zeros(1), 0.3, {"group": np.zeros(1, dtype=bool)})
    memory.shift(np.array([0]), np.array([-0.5]))
    assert memory.fast[0] == pytest.approx(-0.35) and memory.slow[0] == pytest.approx(-0.15)
    memory.decay(0.5, 0.99)
    assert memory.attitude()[0] == pytest.approx(-0.35 * 0.5 - 0.15 * 0.99)


def test_an_empty_group_has_no_mean():
    memory = AttitudeMemory(np.zeros(3), 0.3, {"group": np.zeros(3, dtype=bool)})
    assert np.isnan(memory.mean("group"))


def test_the_means_count_the_clip_for_users_outside_the_bounds():
    memory = AttitudeMemory(
        np.array([1.4, 0.0, -1.2]), 0.3, {"group": np.array([True, True, False])}
    )
    assert memory.attitude().tolist() == [1.0, 0.0, -1.0]
    assert memory.mean() == pytest.approx(0.0)
    assert memory.mean("group") == pytest.approx(0.5)
    memory.shift(np.array([0, 1]), np.array([-0.5, 0.5]))
    assert memory.attitude() == pytest.approx([0.9, 0.5, -1.0])  # parts add to the anchor
    assert memory.mean() == pytest.approx(0.4 / 3)


def test_a_group_users_join_keeps_exact_means_of_its_members():
    rng = np.random.default_rng(7)
    n = 300
    anchor = np.clip(rng.normal(0.3, 0.4, n), -1, 1)
    memory = AttitudeMemory(anchor, 0.3, {"aware": np.zeros(n, dtype=bool)})
    joined = np.zeros(n, dtype=bool)
    assert np.isnan(memory.mean("aware")) and memory.count("aware") == 0
    for _ in range(40):
        users = np.unique(rng.integers(0, n, size=60))
        memory.shift(users, rng.normal(-0.2, 0.5, len(users)))
        newcomers = rng.integers(0, n, size=10)
        memory.enroll("aware", newcomers)
        joined[newcomers] = True
        memory.decay(0.95, 0.995)
        assert memory.count("aware") == joined.sum()
        assert memory.mean("aware") == pytest.approx(memory.attitude()[joined].mean(), abs=1e-12)
        assert memory.anchor_mean("aware") == pytest.approx(anchor[joined].mean(), abs=1e-12)


@pytest.mark.parametrize(
    "users",
    [[], [4], [1, 2, 9], [1, 1, 2], [3, 1, 2], [5, 5], [0, 7, 3, 7, 1]],
    ids=["none", "one", "ascending", "repeat", "unsorted", "all repeats", "both"],
)
def test_sorted_unique_is_numpys_unique(users) -> None:
    given = np.array(users, dtype=np.int64)
    got = sorted_unique(given)
    assert got.dtype == np.int64 and got.tolist() == np.unique(given).tolist()
