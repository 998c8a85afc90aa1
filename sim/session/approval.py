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
from sim.i18n import ENGLISH, Translator
from sim.spec.schema import Channel, Population, Team, Template
from sim.validation import TO_THE_ACTION, describe_validation_error


def template_of(team: Team, template_id: str, words: Translator = ENGLISH) -> Template:
    """The team's pre-approved template `template_id`; a refusal in the language of `words`
    if there is none of that name."""
    for template in team.templates:
        if template.id == template_id:
            return template
    known = ", ".join(template.id for template in team.templates) or words("the scenario has none")
    raise ActionError(
        words(
            "template '{template}' is not one of the team's pre-approved templates ({known}); "
            "pick one of those, or send the message without a template to go through approval."
        ).format(template=template_id, known=known)
    )


def as_released(
    action: Action, now_h: float, team: Team, pre_approved: bool, words: Translator = ENGLISH
) -> Action:
    """The action as it goes out: after the approval delay for its strategy, or at once with
    the approved wording of a template (or of a pre-approved protocol rule). A refusal is in
    the language of `words`."""
    if action.at_h < now_h - EPSILON_H:
        raise ActionError(
            words(
                "the action at hour {hour} is in the past (it is now hour {now}); send it at "
                "hour {now} or later."
            ).format(
                hour=words.figure(decimal_hours(action.at_h)),
                now=words.figure(decimal_hours(now_h)),
            )
        )
    start = max(action.at_h, now_h)
    if action.template is not None:
        template = template_of(team, action.template, words)
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


def check_channel(action: Action, population: Population, words: Translator = ENGLISH) -> None:
    """Influencer outreach needs an influencer to reach out to: the scenario must track one."""
    if action.channel is Channel.INFLUENCER and population.tracked_influencers == 0:
        raise ActionError(
            words(
                "the influencer channel reaches one of the tracked influencers, and this "
                "scenario tracks none (population.tracked_influencers = 0); pick another channel."
            )
        )


def check_reply_capacity(
    action: Action, planned: Iterable[Action], team: Team, words: Translator = ENGLISH
) -> None:
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
            words(
                "{replies} direct replies in hour {hour} (hours {hour}-{next_hour}) exceed the "
                "team's capacity of {capacity} per hour ({staffing} people x {per_person} "
                "replies), with {already} already planned in that hour; send at most {room} "
                "then, or spread them over later hours."
            ).format(
                replies=action.replies,
                hour=hour,
                next_hour=hour + 1,
                capacity=team.reply_capacity_h,
                staffing=team.staffing,
                per_person=team.replies_per_person_h,
                already=already,
                room=room,
            )
        )


def build_action(fields: dict[str, Any], words: Translator = ENGLISH) -> Action:
    """An Action from a form or a script; pydantic's complaint becomes one ActionError sentence,
    in the session's language (`words`)."""
    try:
        return Action(**fields)
    except ValidationError as error:
        sentence = describe_validation_error(
            error, words("action"), Action, top=TO_THE_ACTION, words=words
        )
        raise ActionError(sentence) from None
