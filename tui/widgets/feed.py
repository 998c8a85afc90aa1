"""The public's posts, sampled from the simulation: each one a real post with its real author's
follower count and reshares; personas and wording are synthetic."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from sim.clock import clock
from sim.feed import FeedItem
from sim.i18n import ENGLISH, N_, Translator
from sim.vocabulary import PostKind
from tui.i18n import words_of
from tui.plain import plain, visible

NO_POSTS = N_("No public posts yet.")
KIND_STYLE = {
    PostKind.NEGATIVE: "$error",
    PostKind.DEFENDING: "$success",
    PostKind.NEWS: "$warning",
}


def post_content(item: FeedItem, words: Translator = ENGLISH) -> Content:
    persona = item.persona
    badge = " ★" if item.is_influencer else ""
    reshare = "↻ " if item.reshare_of >= 0 else ""
    followers, count = words("{count} followers"), words.figure(f"{persona.followers:,}")
    reshares = words("{count} reshares · reach {reach}")
    return Content.assemble(
        (visible(persona.name), "bold"),
        (f"{badge} @{visible(persona.handle)}", KIND_STYLE[item.kind]),
        (
            f" · {followers.format(count=count)} · {clock(item.hour)}\n",
            "$text-muted",
        ),
        reshare,
        plain(item.text),
        (
            "\n"
            + reshares.format(
                count=words.figure(f"{item.reshares:,}"), reach=words.figure(f"{item.reach:,}")
            ),
            "$text-muted",
        ),
    )


class PostCard(Static):
    """One post; hovering shows the author's bio."""

    def __init__(self, item: FeedItem, words: Translator = ENGLISH) -> None:
        super().__init__(post_content(item, words), classes="post")
        self.tooltip = plain(item.persona.bio)


class Feed(VerticalScroll):
    """Newest post first."""

    items: reactive[tuple[FeedItem, ...]] = reactive((), init=False)

    def compose(self) -> ComposeResult:
        yield Static(words_of(self)(NO_POSTS), classes="post")

    def watch_items(self, items: tuple[FeedItem, ...]) -> None:
        words = words_of(self)
        self.remove_children()
        if not items:
            self.mount(Static(words(NO_POSTS), classes="post"))
            return
        self.mount_all(PostCard(item, words) for item in items)
