"""What the brand does: a response the team (or a protocol) sends at a given scenario hour.

The same type travels from the TUI's composer and from scripted protocols into the Session and
the model, and is what a saved session's action log holds.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from sim.clock import LATEST_H
from sim.spec.schema import Channel, Spokesperson, Strategy, Voice


class Action(BaseModel):
    """One brand response. Frozen so logs and counterfactuals can share it safely.

    Its words decide how transparent, human and concrete it is: when the Session queues an
    action with text, the rubric reads `transparency`, `voice` and `concrete` from it, except
    for those given explicitly when the action was built, which stand (sim.session.wording).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    at_h: float = Field(
        ge=0.0, le=LATEST_H, description="Scenario hour at which the response goes out."
    )
    strategy: Strategy = Field(description="Response strategy (SCCT continuum).")
    transparency: float = Field(0.5, ge=0.0, le=1.0, description="tau: disclosure, specifics.")
    channel: Channel = Field(Channel.OWN_ACCOUNT, description="Where the response is published.")
    spokesperson: Spokesperson = Field(Spokesperson.BRAND_ACCOUNT, description="Who speaks.")
    voice: Voice = Field(Voice.CORPORATE, description="Corporate or human voice.")
    concrete: bool = Field(True, description="The message is concrete (human voice helps).")
    bolstering: bool = Field(False, description="Adds bolstering (reminders of past good deeds).")
    replies: int = Field(
        0, ge=0, description="Direct replies: how many of the most-followed spreaders to answer."
    )
    empathic: bool = Field(False, description="Direct replies are empathic.")
    to_dm: bool = Field(False, description="Direct replies take the conversation to DM.")
    influencer_rank: int = Field(
        0, ge=0, description="Influencer outreach: which tracked influencer (0 = most followed)."
    )
    answers: str | None = Field(None, description="Id of the journalist inquiry this answers.")
    template: str | None = Field(
        None,
        description="Id of the pre-approved template used; it goes out without approval delay.",
    )
    text: str = Field("", description="The message as written.")
    source: str = Field("team", description="Who sent it: 'team' or a protocol's name.")

    @property
    def is_public(self) -> bool:
        """Direct replies and answers to a journalist are not public statements (an answer
        becomes public when the journalist quotes it); everything else is."""
        return self.channel is not Channel.DIRECT_REPLY and self.answers is None

    def shifted(self, hours: float) -> Action:
        return self.model_copy(update={"at_h": max(0.0, self.at_h + hours)})
