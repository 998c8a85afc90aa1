"""What may go out, and when: the team's approval delays, its pre-approved templates, how many
direct replies its people can type in an hour, and readable errors for a malformed action.

These are the constraints of a real war room (statements wait for legal and the CEO; replies are
typed by hand), kept as pure functions of the scenario's Team so the Session stays a loop.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from sim.action import Action
from sim.clock import EPSILON_H, decimal_hours
from sim.errors import ActionError
from sim.spec.schema import Channel, Population, Team, Template
from sim.validation import describe_validation_error


def template_of(team: Team, template_id: str) -> Template:
    for template in team.templates:
        if template.id == template_id:
            return template
    known = ", ".join(template.id for template in team.templates) or "the scenario has none"
    raise ActionError(
        f"template '{template_id}' is not one of the team's pre-approved templates ({known}); "
        "pick one of those, or send the message without a template to go through approval."
    )


def as_released(action: Action, now_h: float, team: Team, pre_approved: bool) -> Action:
    """The action as it goes out: after the approval delay for its strategy, or at once with
    the approved wording of a template (or of a pre-approved protocol rule)."""
    if action.at_h < now_h - EPSILON_H:
        raise ActionError(
            f"the action at hour {decimal_hours(action.at_h)} is in the past (it is now hour "
            f"{decimal_hours(now_h)}); send it at hour {decimal_hours(now_h)} or later."
        )
    start = max(action.at_h, now_h)
    if action.template is not None:
        template = template_of(team, action.template)
        return action.model_copy(
            update={
                "at_h": start,
                "strategy": template.strategy,
                "transparency": template.transparency,
                "text": template.text or action.text,
            }
        )
    delay = 0.0 if pre_approved else team.approval.for_strategy(action.strategy)
    return action.model_copy(update={"at_h": start + delay})


def check_channel(action: Action, population: Population) -> None:
    """Influencer outreach needs an influencer to reach out to: the scenario must track one."""
    if action.channel is Channel.INFLUENCER and population.tracked_influencers == 0:
        raise ActionError(
            "the influencer channel reaches one of the tracked influencers, and this scenario "
            "tracks none (population.tracked_influencers = 0); pick another channel."
        )


def check_reply_capacity(action: Action, planned: Iterable[Action], team: Team) -> None:
    """No more direct replies in one clock hour than the team's people can type."""
    if action.channel is not Channel.DIRECT_REPLY or action.replies == 0:
        return
    hour = math.floor(action.at_h + EPSILON_H)
    already = sum(
        other.replies
        for other in planned
        if other.channel is Channel.DIRECT_REPLY and math.floor(other.at_h + EPSILON_H) == hour
    )
    if already + action.replies > team.reply_capacity_h:
        room = max(team.reply_capacity_h - already, 0)
        raise ActionError(
            f"{action.replies} direct replies in hour {hour} (hours {hour}-{hour + 1}) exceed "
            f"the team's capacity of {team.reply_capacity_h} per hour ({team.staffing} people "
            f"x {team.replies_per_person_h} replies), with {already} already planned in that "
            f"hour; send at most {room} then, or spread them over later hours."
        )


def build_action(fields: dict[str, Any]) -> Action:
    """An Action from a form or a script; pydantic's complaint becomes one ActionError sentence."""
    try:
        return Action(**fields)
    except ValidationError as error:
        sentence = describe_validation_error(error, "action", Action, top="to the action")
        raise ActionError(sentence) from None
