"""The words for the scenario's named choices (a strategy, a channel, a speaker, a voice, an
inject's type, the crisis's type and cluster, the mission area) as people read them, in the
language of a `Translator`: the composer's lists, the timeline, the inbox, the engine's
announcements and the report name them through `label`."""

from __future__ import annotations

from enum import StrEnum

from sim.i18n import ENGLISH, N_, Translator

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
    # crisis types (the report's overview and summary)
    "data_breach": N_("data breach"),
    "pr_blunder": N_("pr blunder"),
    "false_rumour": N_("false rumour"),
    "negative_review": N_("negative review"),
    "customer_backlash": N_("customer backlash"),
    "product_recall": N_("product recall"),
    "executive_misconduct": N_("executive misconduct"),
    "service_outage": N_("service outage"),
    # SCCT clusters
    "victim": N_("victim"),
    "accidental": N_("accidental"),
    "preventable": N_("preventable"),
    # HSEEP mission areas
    "Prevention": N_("Prevention"),
    "Protection": N_("Protection"),
    "Mitigation": N_("Mitigation"),
    "Response": N_("Response"),
    "Recovery": N_("Recovery"),
}
"""Each value's words in English (the catalogs' source); a value missing here is shown as its
name with spaces ("own_account" -> "own account")."""


def label(member: StrEnum, words: Translator) -> str:
    """`member` as people read it, in the language of `words`."""
    return words(LABELS.get(member.value, member.value.replace("_", " ")))


COMPONENT_LABELS = {
    "acknowledgement": N_("acknowledgement"),
    "apology": N_("apology"),
    "specific_facts": N_("specific facts"),
    "empathy": N_("empathy"),
    "instructions": N_("instructions"),
    "next_steps": N_("next steps"),
    "human_voice": N_("human voice"),
    "denial": N_("denial"),
    "blame": N_("blame"),
    "attack": N_("attack"),
    "legalese": N_("legalese"),
    "non_apology": N_("non apology"),
    "contradiction": N_("contradiction"),
}
"""The rubric's components and penalties as the war room's panel and the report name them (a
name missing here is shown with spaces for underscores)."""


def component_label(name: str, words: Translator = ENGLISH) -> str:
    return words(COMPONENT_LABELS.get(name, name.replace("_", " ")))
