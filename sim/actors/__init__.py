"""Actors with behaviour of their own, as Mesa agents: brand, media, journalists, influencers."""

from sim.actors.brand import BrandAccount
from sim.actors.influencer import Influencer
from sim.actors.media import Inquiry, Journalist, MediaOutlet

__all__ = ["BrandAccount", "Influencer", "Inquiry", "Journalist", "MediaOutlet"]
