"""Actors with behaviour of their own, as Mesa agents: brand, media, journalists, influencers."""

from sim.engine.actors.brand import BrandAccount
from sim.engine.actors.influencer import Influencer
from sim.engine.actors.media import Inquiry, Journalist, MediaOutlet

__all__ = ["BrandAccount", "Influencer", "Inquiry", "Journalist", "MediaOutlet"]
