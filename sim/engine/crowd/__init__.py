"""The crowd's rules: pure functions of arrays, parameters and an explicit rng (MODEL.md 2-4)."""
