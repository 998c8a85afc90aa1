"""One rule for a statement's words, whoever sends it (the war room, a protocol, a remote seat):
the rubric reads the text and sets the transparency, voice and concreteness the sender left open
(sim.rubric.apply). The Session applies it to every action it queues, after approval and
templates, so the log holds each statement as it goes out and a replay needs no rubric.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sim.action import Action
from sim.rubric import Stances, apply_rubric, score_message


def spoken_texts(actions: Iterable[Action]) -> tuple[str, ...]:
    """What a new statement can contradict: the texts of the public statements queued before
    it, oldest first."""
    return tuple(action.text for action in actions if action.is_public and action.text.strip())


def as_worded(action: Action, locale: str, earlier: Sequence[str] | Stances) -> Action:
    """The action with its text's reading applied, against the `spoken_texts` of the actions
    queued before it (or their Stances); an action without text is left as given."""
    if not action.text.strip():
        return action
    return apply_rubric(action, score_message(action.text, locale, earlier))
