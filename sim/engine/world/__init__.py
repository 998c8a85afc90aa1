"""The simulated world: the follower graph and the population living on it."""
