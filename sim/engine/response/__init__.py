"""A response's effect on the crowd: fit, credibility, acceptance and damping (docs/model.md 5)."""
