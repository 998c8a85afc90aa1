"""A response's effect on the crowd: fit, credibility, acceptance and damping (MODEL.md 5)."""
