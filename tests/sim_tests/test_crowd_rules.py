"""Pure crowd rules (docs/model.md sections 3-4)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from sim.engine.crowd.attitude import (
    bounded_confidence_shift,
    halo_shield,
    listening_graph,
    negative_update,
)
from sim.engine.crowd.memory import bounded_change, split_shock
from sim.engine.crowd.pending_views import ItemKind, PendingViews
from sim.engine.crowd.post_log import PostKind, PostLog
from sim.engine.crowd.spread import initial_anger, share_probability, skeptic_probability
from sim.engine.crowd.timing import at_least_once, per_tick_probability
from sim.engine.crowd.visibility import Kernel, follower_slices, sample_follower_views, sample_views
from sim.engine.draws import Draws, Purpose


def test_sharing_follows_the_product_of_its_terms():
    p = share_probability(0.02, 1.5, np.array([1.0]), np.array([0.5]), 1.0, np.array([0.5]))
    assert p[0] == pytest.approx(0.02 * 1.5 * 1.5 * 0.5)


def test_anger_grows_with_responsibility_and_severity_and_is_capped():
    anger = initial_anger(1.5, np.array([0.2, 0.9]), np.array([0.5, 1.0]))
    assert anger.tolist() == pytest.approx([0.15, 1.0])


def test_only_favourable_users_turn_skeptic():
    assert skeptic_probability(0.3, np.array([-0.5, 0.5])).tolist() == pytest.approx([0.0, 0.15])


def test_negative_information_weighs_lambda_times_more():
    change = negative_update(0.05, 2.25, np.array([1.0]), np.array([0.5]), np.array([0.0]), 1.0)
    assert change[0] == pytest.approx(-0.05 * 2.25)


def test_halo_shields_only_very_favourable_priors():
    assert halo_shield(np.array([0.3, 0.6, 0.8, 1.0]), 0.6, 0.5).tolist() == pytest.approx(
        [0.0, 0.0, 0.25, 0.5]
    )


def test_memory_splits_shocks_and_keeps_attitudes_bounded():
    fast, slow = split_shock(np.array([-0.1]), 0.3)
    assert (fast[0], slow[0]) == pytest.approx((-0.07, -0.03))
    assert bounded_change(np.array([0.95]), np.array([0.2]))[0] == pytest.approx(0.05)


def test_half_lives_become_per_tick_probabilities():
    p = per_tick_probability(2.0, 1.0 / 12)
    assert 1 - (1 - p) ** 24 == pytest.approx(0.5)
    assert at_least_once(np.array([0.5]), np.array([2]))[0] == pytest.approx(0.75)


def test_bounded_confidence_ignores_far_and_inactive_followees():
    # user 0 follows 1 (close), 2 (far) and 3 (close but inactive)
    followees = csr_matrix(([1, 1, 1], ([0, 0, 0], [1, 2, 3])), shape=(4, 4))
    attitude = np.array([0.0, 0.2, 0.9, -0.2])
    listened = np.array([True, True, True, False])
    shift = bounded_confidence_shift(attitude, listening_graph(followees, listened), 0.4, 0.1)
    assert shift.tolist() == pytest.approx([0.02, 0.0, 0.0, 0.0])


def test_bounded_confidence_can_move_the_crisis_shift_while_listening_by_attitude():
    # user 0 follows 1 (close) and 2 (far); the crisis moved 1 by -0.3 and 2 by -0.6
    followees = csr_matrix(([1, 1], ([0, 0], [1, 2])), shape=(3, 3))
    attitude = np.array([0.5, 0.3, -0.3])
    crisis_shift = np.array([0.0, -0.3, -0.6])
    listening = listening_graph(followees, np.ones(3, dtype=bool))
    shift = bounded_confidence_shift(attitude, listening, 0.4, 0.1, moved=crisis_shift)
    assert shift.tolist() == pytest.approx([-0.03, 0.0, 0.0])


def test_bounded_confidence_equals_the_per_user_rule_on_a_random_graph():
    rng = np.random.default_rng(2)
    n = 300
    followees = csr_matrix((rng.random((n, n)) < 0.03).astype(np.int8))
    attitude = rng.uniform(-1, 1, n)
    listened = rng.random(n) < 0.4
    shift = bounded_confidence_shift(attitude, listening_graph(followees, listened), 0.4, 0.1)
    for user in range(n):
        heard = [
            attitude[v] - attitude[user]
            for v in followees.indices[followees.indptr[user] : followees.indptr[user + 1]]
            if listened[v] and abs(attitude[v] - attitude[user]) <= 0.4
        ]
        # float32 per edge: equal to about 1e-7
        assert shift[user] == pytest.approx(0.1 * np.mean(heard) if heard else 0.0, abs=1e-7)


def test_views_follow_the_attention_kernel():
    kernel = Kernel(visibility=0.3, half_life_h=0.5, window_h=12.0, tick_h=1.0 / 12)
    key = Draws(0).key(Purpose.VIEW, 1, 2, 3)
    positions, delays = sample_views(np.arange(200_000), key, kernel)
    assert len(positions) / 200_000 == pytest.approx(0.3, abs=0.005)
    median_h = np.median(delays) * kernel.tick_h
    assert 0.4 <= median_h <= 0.65
    assert delays.min() >= 1 and delays.max() <= kernel.window_ticks


def test_follower_slices_list_every_followers_once():
    followers = csr_matrix(([1, 1, 1], ([0, 0, 2], [1, 2, 0])), shape=(3, 3))
    readers, owner = follower_slices(followers, np.array([2, 0]))
    assert readers.tolist() == [0, 1, 2]
    assert owner.tolist() == [0, 1, 1]


def test_pending_views_come_back_at_their_tick():
    pending = PendingViews(horizon_ticks=10)
    pending.add(
        now=3, readers=np.array([5, 6, 7]), delays=np.array([1, 2, 1]), kind=ItemKind.NEGATIVE
    )
    assert pending.pop(4).of_kind(ItemKind.NEGATIVE).readers.tolist() == [5, 7]
    assert pending.pop(5).of_kind(ItemKind.NEGATIVE).readers.tolist() == [6]
    assert pending.is_empty()


def test_pending_views_of_each_kind_come_back_in_the_order_they_were_added():
    """Batch by batch, and within a batch in its order, whatever the kinds and ticks between."""
    pending = PendingViews(horizon_ticks=10)
    pending.add(1, np.array([1, 2, 3]), np.array([3, 2, 3]), ItemKind.NEGATIVE, 0.5, 10)
    pending.add(1, np.array([4, 5]), np.array([3, 3]), ItemKind.STATEMENT, item=np.array([7, 8]))
    assert len(pending.pop(2)) == 0
    pending.add(2, np.array([6, 7]), np.array([2, 5]), ItemKind.NEGATIVE, np.array([1.0, 2.0]))
    assert pending.pop(3).of_kind(ItemKind.NEGATIVE).readers.tolist() == [2]
    pending.add(3, np.array([9]), np.array([1]), ItemKind.DEFENDING, item=3)
    due = pending.pop(4)
    assert len(due) == 6
    negative = due.of_kind(ItemKind.NEGATIVE)
    assert negative.readers.tolist() == [1, 3, 6]
    assert negative.weight.tolist() == [0.5, 0.5, 1.0]
    assert negative.item.tolist() == [10, 10, -1]
    assert due.of_kind(ItemKind.STATEMENT).item.tolist() == [7, 8]
    assert due.of_kind(ItemKind.DEFENDING).readers.tolist() == [9]
    assert pending.pop(7).of_kind(ItemKind.NEGATIVE).readers.tolist() == [7]
    assert pending.is_empty()


def test_post_log_grows_and_credits_reshares():
    log = PostLog(capacity=2)
    keys = np.arange(3, dtype=np.uint64)
    first = log.add(0, np.array([3, 4, 5]), PostKind.NEGATIVE, keys, np.array([1.0, 2.0, 0.5]))
    log.add(1, np.array([7]), PostKind.NEGATIVE, keys[:1], 2.0, parents=np.array([first[1]]))
    log.credit_reshares(np.array([first[1], first[1], -1]))
    assert len(log) == 4
    assert log.post(1).reshares == 2
    assert log.post(3).parent == 1
    assert log.post(3).appeal == log.post(1).appeal == 2.0  # a reshare carries its parent's
    assert [post.author for post in log.since(1)] == [7]


def test_follower_views_reach_each_follower_with_the_kernels_chance():
    kernel = Kernel(visibility=0.3, half_life_h=0.5, window_h=12.0, tick_h=1.0 / 12)
    # Author 0 has 100,000 followers, author 1 has none, author 2 has 50,000.
    rows = np.concatenate([np.zeros(100_000, int), np.full(50_000, 2)])
    cols = np.concatenate([np.arange(100_000), np.arange(50_000)])
    followers = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(100_000, 100_000))
    authors = np.array([0, 1, 2])
    keys = Draws(1).key(Purpose.VIEW, authors, 0, 0)
    readers, owner, delays = sample_follower_views(followers, authors, keys, kernel)
    seen = kernel.visibility * kernel.seen_within_window
    assert np.sum(owner == 0) / 100_000 == pytest.approx(seen, abs=0.005)
    assert np.sum(owner == 2) / 50_000 == pytest.approx(seen, abs=0.007)
    assert not np.any(owner == 1)
    assert np.all(readers[owner == 2] < 50_000)
    assert len(np.unique(readers[owner == 0])) == np.sum(owner == 0)  # nobody sees a post twice
    assert delays.min() >= 1 and delays.max() <= kernel.window_ticks
