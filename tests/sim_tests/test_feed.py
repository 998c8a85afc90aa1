"""The war room's feed: real posts of a real run, stable personas in the scenario's locale,
texts that follow the author's state and the response they saw, deterministic per seed."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest
from faker.providers.person.en_US import Provider as EnglishNames
from faker.providers.person.it_IT import Provider as ItalianNames

from sim.action import Action
from sim.engine.crowd.post_log import NO_AUTHOR, NO_PARENT, PostKind
from sim.engine.crowd.state import State
from sim.engine.feed import choose_posts, feed_item, latest_response_seen, sample_feed
from sim.engine.model import CrisisModel
from sim.feed import Stance, make_persona, post_text, templates_en, templates_it
from sim.feed.templates import stance_for
from sim.spec.loader import load_scenario
from sim.spec.schema import CrisisType, ScenarioSpec, Strategy
from tests.sim_tests.conftest import make_spec
from tests.tiny import TINY


def with_locale(spec: ScenarioSpec, locale: str) -> ScenarioSpec:
    return spec.model_copy(update={"meta": spec.meta.model_copy(update={"locale": locale})})


def run(spec: ScenarioSpec, seed: int, hours: float) -> CrisisModel:
    model = CrisisModel(spec, seed)
    model.advance_to(hours)
    return model


@pytest.fixture(scope="module")
def tiny_run() -> CrisisModel:
    return run(load_scenario(TINY), seed=3, hours=12.0)


@pytest.fixture(scope="module")
def influencer_run() -> CrisisModel:
    """A crisis started by influencers, so the feed has influencer posts and reshares."""
    return run(make_spec(users=1000, seeds=8), seed=5, hours=4.0)


def all_texts(module, brand: str) -> set[str]:
    stances = [t for by_stance in module.POSTS.values() for ts in by_stance.values() for t in ts]
    pool = stances + [t for ts in module.HEADLINES.values() for t in ts]
    pool += [t for ts in module.GENERIC_POSTS.values() for t in ts] + list(module.GENERIC_HEADLINES)
    return {template.format(brand=brand) for template in pool}


def test_same_seed_gives_the_same_feed() -> None:
    spec = load_scenario(TINY)
    first = sample_feed(run(spec, 3, 12.0), since_tick=0, limit=15, seed=3)
    second = sample_feed(run(spec, 3, 12.0), since_tick=0, limit=15, seed=3)
    assert first == second
    assert len(first) > 0


def test_feed_comes_from_the_real_post_log(tiny_run: CrisisModel) -> None:
    feed = sample_feed(tiny_run, since_tick=0, limit=10, seed=3)
    assert 0 < len(feed) <= 10
    assert [(item.tick, item.post_id) for item in feed] == sorted(
        ((item.tick, item.post_id) for item in feed), reverse=True
    )
    brand = tiny_run.spec.meta.brand
    for item in feed:
        post = tiny_run.posts.post(item.post_id)
        assert (item.tick, item.kind, item.reshares, item.author) == (
            post.tick,
            post.kind,
            post.reshares,
            post.author,
        )
        assert item.hour == pytest.approx(post.tick * tiny_run.tick_h)
        assert item.text in all_texts(templates_en, brand)
        assert "{" not in item.text


def test_since_tick_and_limit_are_respected(tiny_run: CrisisModel) -> None:
    since = tiny_run.tick // 2
    feed = sample_feed(tiny_run, since_tick=since, limit=3, seed=3)
    assert len(feed) <= 3
    assert all(item.tick >= since for item in feed)
    assert sample_feed(tiny_run, since_tick=tiny_run.tick + 10, limit=5, seed=3) == []


def test_personas_are_stable_per_user(tiny_run: CrisisModel) -> None:
    feed = sample_feed(tiny_run, since_tick=0, limit=40, seed=3)
    by_author: dict[int, set] = {}
    for item in feed:
        by_author.setdefault(item.author, set()).add(item.persona)
    assert all(len(personas) == 1 for personas in by_author.values())
    assert make_persona(3, 17, 120, "en_US") == make_persona(3, 17, 120, "en_US")
    names = {make_persona(3, user, 10, "en_US").name for user in range(30)}
    assert len(names) > 25
    assert make_persona(4, 17, 120, "en_US") != make_persona(3, 17, 120, "en_US")


def test_persona_fields() -> None:
    persona = make_persona(7, 2, 1234, "en_US", influencer=True)
    first = persona.name.split(" ")[0]
    assert first in EnglishNames.first_names
    assert re.fullmatch(r"[a-z0-9_]{1,15}", persona.handle)
    assert persona.followers == 1234
    assert persona.bio and persona.bio[0].isupper()
    assert any(
        role in persona.bio.lower() for role in map(str.lower, templates_en.INFLUENCER_ROLES)
    )


def test_italian_locale_gives_italian_names_and_text() -> None:
    spec = with_locale(load_scenario(TINY), "it_IT")
    model = run(spec, 3, 12.0)
    feed = sample_feed(model, since_tick=0, limit=20, seed=3)
    italian = all_texts(templates_it, spec.meta.brand)
    assert feed and all(item.text in italian for item in feed)
    people = [item.persona for item in feed if item.author != NO_AUTHOR]
    assert people and all(p.name.split(" ")[0] in ItalianNames.first_names for p in people)
    assert sample_feed(run(load_scenario(TINY), 3, 12.0), 0, 20, 3) != feed


def test_an_influencer_post_shows_its_real_follower_count(influencer_run: CrisisModel) -> None:
    pop = influencer_run.population
    feed = sample_feed(influencer_run, since_tick=0, limit=20, seed=5)
    influential = [item for item in feed if item.is_influencer]
    assert influential, "influencers seeded the crisis: their posts lead the feed"
    for item in feed:
        if item.author != NO_AUTHOR:
            assert item.reach == item.persona.followers == int(pop.follower_counts[item.author])
            assert item.is_influencer == bool(pop.influencer[item.author])
    top = max(pop.follower_counts[item.author] for item in influential)
    assert top >= np.percentile(pop.follower_counts, 95)


def test_prominent_posts_come_first() -> None:
    ids = np.arange(10)
    authors = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, NO_AUTHOR])
    kinds = np.array([PostKind.NEGATIVE] * 9 + [PostKind.NEWS])
    reshares = np.array([0, 0, 5, 0, 9, 0, 0, 0, 0, 0])
    influencer = np.zeros(9, dtype=bool)
    influencer[7] = True
    rng = np.random.default_rng(0)
    chosen = choose_posts(ids, authors, kinds, reshares, influencer, 4, rng)
    assert list(chosen[:2]) == [7, 4]  # half the slots: the influencer, then the most reshared
    assert len(chosen) == 4 and len(set(chosen)) == 4
    chosen = choose_posts(ids, authors, kinds, reshares, influencer, 8, rng)
    assert list(chosen[:4]) == [7, 4, 2, 9]  # then the news item
    assert set(choose_posts(ids, authors, kinds, reshares, influencer, 20, rng)) == set(ids)


def test_texts_are_deterministic_per_seed_and_post(influencer_run: CrisisModel) -> None:
    ids = range(min(30, len(influencer_run.posts)))
    same = [feed_item(influencer_run, i, 5) for i in ids]
    assert same == [feed_item(influencer_run, i, 5) for i in ids]
    other = [feed_item(influencer_run, i, 6) for i in ids]
    assert [item.text for item in same] != [item.text for item in other]


def test_a_reshare_repeats_the_words_it_reshares(influencer_run: CrisisModel) -> None:
    log = influencer_run.posts
    reshares = [i for i in range(len(log)) if log.post(i).parent != NO_PARENT]
    assert reshares
    for post_id in reshares:
        item = feed_item(influencer_run, post_id, 5)
        assert item.reshare_of == log.post(post_id).parent
        root = item.reshare_of
        while log.post(root).parent != NO_PARENT:
            root = log.post(root).parent
        assert item.text == feed_item(influencer_run, root, 5).text


@pytest.mark.parametrize("crisis_type", list(CrisisType))
@pytest.mark.parametrize(("locale", "module"), [("en_US", templates_en), ("it_IT", templates_it)])
def test_every_crisis_type_has_templates_for_every_stance(
    crisis_type: CrisisType, locale: str, module
) -> None:
    assert set(module.POSTS[crisis_type.value]) == {stance.value for stance in Stance}
    assert all(len(ts) >= 3 for ts in module.POSTS[crisis_type.value].values())
    assert len(module.HEADLINES[crisis_type.value]) >= 3
    rng = np.random.default_rng(0)
    for kind in PostKind:
        text = post_text(crisis_type, kind, State.SPREADING, -0.8, None, locale, rng, "Acme")
        assert "Acme" in text and "{" not in text


def test_unknown_locale_and_missing_templates_fall_back(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(0)
    text = post_text(
        CrisisType.DATA_BREACH, PostKind.NEGATIVE, State.SPREADING, -0.9, None, "fr_FR", rng, "Acme"
    )
    assert text in all_texts(templates_en, "Acme")
    assert make_persona(1, 1, 5, "xx_XX").name
    monkeypatch.delitem(templates_en.POSTS, "data_breach")
    text = post_text(
        CrisisType.DATA_BREACH, PostKind.NEGATIVE, State.SPREADING, -0.9, None, "en_US", rng, "Acme"
    )
    assert text in {t.format(brand="Acme") for t in templates_en.GENERIC_POSTS["angry"]}


@pytest.mark.parametrize(
    ("kind", "state", "attitude", "saw", "stance"),
    [
        (PostKind.DEFENDING, State.SKEPTIC, 0.8, None, Stance.DEFENDER),
        (PostKind.NEGATIVE, State.SPREADING, -0.2, Strategy.DENIAL, Stance.ANGRIER),
        (PostKind.NEGATIVE, State.SPREADING, -0.2, Strategy.NO_COMMENT, Stance.ANGRIER),
        (PostKind.NEGATIVE, State.SPREADING, -0.2, Strategy.APOLOGY, Stance.SOFTENED),
        (PostKind.NEGATIVE, State.SPREADING, -0.9, Strategy.APOLOGY, Stance.ANGRY),
        (PostKind.NEGATIVE, State.EXPOSED, 0.0, None, Stance.WORRIED),
        (PostKind.NEGATIVE, State.SPREADING, -0.9, None, Stance.ANGRY),
    ],
)
def test_stance_follows_state_attitude_and_the_response_seen(
    kind: PostKind, state: State, attitude: float, saw: Strategy | None, stance: Stance
) -> None:
    assert stance_for(kind, state, attitude, saw, np.random.default_rng(0)) is stance


def test_users_who_saw_the_apology_are_known() -> None:
    model = CrisisModel(make_spec(users=1000, seeds=8), 5)
    model.schedule(Action(at_h=0.5, strategy="apology", transparency=0.9))
    model.advance_to(4.0)
    saw = np.flatnonzero(model.population.saw_statement)
    assert len(saw) > 0
    assert {latest_response_seen(model, int(u)) for u in saw[:20]} == {Strategy.APOLOGY}
    unseen = np.flatnonzero(~model.population.saw_statement)
    assert latest_response_seen(model, int(unseen[0])) is None


def test_feed_items_are_frozen(tiny_run: CrisisModel) -> None:
    item = sample_feed(tiny_run, 0, 1, 3)[0]
    with pytest.raises(AttributeError):
        item.text = "edited"  # type: ignore[misc]
    assert replace(item, text="x").text == "x"
