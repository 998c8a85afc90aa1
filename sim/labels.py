"""The words for the scenario's named choices (a strategy, a channel, a speaker, a voice, an
inject's type) as people read them, in the language of a `Translator`: the composer's lists,
the timeline, the inbox and the engine's announcements name them through `label`."""

from __future__ import annotations

from enum import StrEnum

from sim.i18n import N_, Translator

LABELS: dict[str, str] = {
    # strategies
    "attack_accuser": N_("attack accuser"),
    "denial": N_("denial"),
    "scapegoat": N_("scapegoat"),
    "no_comment": N_("no comment"),
    "excuse": N_("excuse"),
    "justification": N_("justification"),
    "holding_statement": N_("holding statement"),
    "correction": N_("correction"),
    "sympathy": N_("sympathy"),
    "apology": N_("apology"),
    "compensation": N_("compensation"),
    # channels
    "own_account": N_("own account"),
    "traditional_media": N_("traditional media"),
    "direct_reply": N_("direct reply"),
    "influencer": N_("influencer"),
    # speakers
    "brand_account": N_("brand account"),
    "ceo": N_("ceo"),
    "employee": N_("employee"),
    # voices
    "corporate": N_("corporate"),
    "human": N_("human"),
    # inject types
    "news_article": N_("news article"),
    "journalist_inquiry": N_("journalist inquiry"),
    "internal_email": N_("internal email"),
    "executive_call": N_("executive call"),
    "regulator_letter": N_("regulator letter"),
    "influencer_post": N_("influencer post"),
    "leaked_document": N_("leaked document"),
    "customer_complaint": N_("customer complaint"),
    "social_post": N_("social post"),
}
"""Each value's words in English (the catalogs' source); a value missing here is shown as its
name with spaces ("own_account" -> "own account")."""


def label(member: StrEnum, words: Translator) -> str:
    """`member` as people read it, in the language of `words`."""
    return words(LABELS.get(member.value, member.value.replace("_", " ")))
