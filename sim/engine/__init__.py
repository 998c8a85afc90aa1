"""The engine: the crisis model and everything it is made of (the storyline, the actors, the
crowd's rules, the responses' effects, the world, the monitor and the feed's sampler).

Only the Session (`sim.session`), the calibration and the benchmarks import it. Everything else
reads the frozen views the Session returns.
"""
