"""Check family 3: negativity bias of one user's attitude updates (Tversky & Kahneman 1992;
Baumeister et al. 2001): a negative message moves attitude about 2.25 times as far as a matched
positive one.

The two messages are matched so that only the negativity weight lambda can differ, using the
model's own update rules with the schema's default eta and lambda:
- positive: a brand message accepted in full (acc = 1) that fits perfectly (fit = 1), so
  `attitude_change` gives +eta;
- negative: a peer post (source weight 1) with severity 1, perceived responsibility 0.5 (so the
  responsibility factor 0.5 + r is 1) to a user without halo (a0 <= the halo threshold, H = 0),
  so `negative_update` gives -eta * lambda.
The ratio is then measured, not assumed: if either rule gained a term, it would show here.
"""

from __future__ import annotations

import numpy as np

from sim.calibration.check import Band, CalibrationConfig, CheckResult, result
from sim.calibration.scenario import calibration_spec
from sim.engine.crowd.attitude import halo_shield, negative_update
from sim.engine.response.effect import attitude_change


def negativity_checks(
    config: CalibrationConfig, seed: np.random.SeedSequence | int = 0
) -> list[CheckResult]:
    """Deterministic: `seed` is accepted for a uniform signature and not used."""
    attitude = calibration_spec(config.users, overrides=config.overrides).attitude
    anchor = np.array([attitude.halo_threshold])
    halo = halo_shield(anchor, attitude.halo_threshold, attitude.halo_max)
    negative = negative_update(
        attitude.learning_rate,
        attitude.loss_aversion,
        severity=np.array([1.0]),
        responsibility=np.array([0.5]),
        halo=halo,
        source_weight=attitude.source_weight_peer,
    )
    positive = attitude_change(
        attitude.learning_rate, attitude.loss_aversion, np.array([1.0]), np.array([1.0])
    )
    ratio = float(abs(negative[0]) / abs(positive[0]))
    detail = (
        f"da_neg = {negative[0]:+.4f} (peer post, severity 1, r = 0.5, a0 = "
        f"{anchor[0]:g} so halo {halo[0]:g}); da_pos = {positive[0]:+.4f} (acceptance 1, fit 1); "
        f"eta = {attitude.learning_rate:g}, lambda = {attitude.loss_aversion:g}; target 2.25;"
    )
    return [
        result(
            config,
            "attitude: |da_neg| / |da_pos|",
            "in [1.5, 5] (2.25)",
            Band(1.5, 5.0),
            ratio,
            (ratio, ratio),
            detail,
        )
    ]
