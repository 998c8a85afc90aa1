"""The scenario schema: every parameter of docs/model.md, declared once as data.

Each field carries its description and its allowed range; they feed validation, `--set`,
the briefing screen, the generated documentation and the sweep axes. Defaults are the model's
values (docs/model.md); ranges are the model's ranges where it gives one, otherwise the
physically sensible ones.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sim.file_model import FileModel
from sim.i18n import N_, Locale
from sim.spec.capability import CoreCapability, MissionArea
from sim.validation import Inconsistency

SCHEMA_VERSION = 1


class Section(FileModel):
    """Base of every scenario section: immutable, unknown fields are an error, and numbers and
    text are what a person meant (sim.file_model)."""

    model_config = ConfigDict(use_enum_values=False)


Probability = Annotated[float, Field(ge=0.0, le=1.0)]


def _probability(default: float, description: str) -> float:
    return Field(default, ge=0.0, le=1.0, description=description)


# --------------------------------------------------------------------------- vocabularies


class CrisisType(StrEnum):
    DATA_BREACH = "data_breach"
    PR_BLUNDER = "pr_blunder"
    FALSE_RUMOUR = "false_rumour"
    NEGATIVE_REVIEW = "negative_review"
    CUSTOMER_BACKLASH = "customer_backlash"
    PRODUCT_RECALL = "product_recall"
    EXECUTIVE_MISCONDUCT = "executive_misconduct"
    SERVICE_OUTAGE = "service_outage"


class Cluster(StrEnum):
    """SCCT crisis cluster (Coombs 2007): how much responsibility the public attributes."""

    VICTIM = "victim"
    ACCIDENTAL = "accidental"
    PREVENTABLE = "preventable"


class Strategy(StrEnum):
    """Response strategies along Coombs' deny -> diminish -> rebuild continuum."""

    ATTACK_ACCUSER = "attack_accuser"
    DENIAL = "denial"
    SCAPEGOAT = "scapegoat"
    NO_COMMENT = "no_comment"
    EXCUSE = "excuse"
    JUSTIFICATION = "justification"
    HOLDING_STATEMENT = "holding_statement"
    CORRECTION = "correction"
    SYMPATHY = "sympathy"
    APOLOGY = "apology"
    COMPENSATION = "compensation"


DENIAL_STRATEGIES = frozenset({Strategy.ATTACK_ACCUSER, Strategy.DENIAL, Strategy.SCAPEGOAT})
REBUILD_STRATEGIES = frozenset({Strategy.SYMPATHY, Strategy.APOLOGY, Strategy.COMPENSATION})


class Channel(StrEnum):
    OWN_ACCOUNT = "own_account"
    TRADITIONAL_MEDIA = "traditional_media"
    DIRECT_REPLY = "direct_reply"
    INFLUENCER = "influencer"


class Spokesperson(StrEnum):
    BRAND_ACCOUNT = "brand_account"
    CEO = "ceo"
    EMPLOYEE = "employee"


class Voice(StrEnum):
    CORPORATE = "corporate"
    HUMAN = "human"


class MonitoringLevel(StrEnum):
    NONE = "none"
    BASIC = "basic"
    PROACTIVE = "proactive"


class InjectType(StrEnum):
    NEWS_ARTICLE = "news_article"
    JOURNALIST_INQUIRY = "journalist_inquiry"
    INTERNAL_EMAIL = "internal_email"
    EXECUTIVE_CALL = "executive_call"
    REGULATOR_LETTER = "regulator_letter"
    INFLUENCER_POST = "influencer_post"
    LEAKED_DOCUMENT = "leaked_document"
    CUSTOMER_COMPLAINT = "customer_complaint"
    SOCIAL_POST = "social_post"


class InjectEffect(StrEnum):
    NONE = "none"
    NEGATIVE_WAVE = "negative_wave"
    MEDIA_PICKUP = "media_pickup"
    EVIDENCE = "evidence"


# --------------------------------------------------------------------------- sections


class Objective(Section):
    id: str = Field(description="Short identifier used by injects and evaluation, e.g. 'O1'.")
    text: str = Field(description="The exercise objective as the evaluators will rate it.")
    first_statement_within_h: float | None = Field(
        None,
        ge=0,
        description="If set, the objective is met when the first public statement goes out "
        "within this many hours of detection (used for the EEG rating).",
    )
    core_capability: CoreCapability | None = Field(
        None,
        description="The FEMA core capability the objective tests, as the AAR/IP names it, "
        "e.g. 'Public Information and Warning' or 'Operational Coordination'. Unset: the "
        "default of the rule that rates it (docs/report.md).",
    )


class Meta(Section):
    title: str = Field(description="Scenario title shown on the briefing screen and reports.")
    summary: str = Field(description="One or two sentences on what happens.")
    situation: str = Field("", description="Narrative briefing read to the players at start.")
    brand: str = Field("the brand", description="Name of the organisation in crisis.")
    locale: Locale = Field(
        "en_US",
        description="Language of the exercise: personas, posts, the journalists' inquiries, the "
        "rubric that reads the team's words and the war room's own words (`--lang` or "
        "STORMDRILL_LANG override the war room's); one of the locales stormdrill supports.",
    )
    objectives: tuple[Objective, ...] = Field((), description="Exercise objectives (EEG rated).")
    clock_start: str | None = Field(
        None,
        pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
        description="Time of day at the trigger (T+0:00), 'HH:MM', as the situation and the "
        "injects speak of it: the screens show it beside the scenario time, 'T+1:00 (08:40)'.",
    )
    roles: tuple[str, ...] = Field(
        ("social media manager", "communications lead", "legal", "CEO"),
        description="Player roles taking part in the exercise.",
    )
    sponsor: str = Field(
        "",
        max_length=200,
        description="The organisation sponsoring the exercise, as the AAR/IP's overview names "
        "it (`stormdrill report --sponsor` overrides it).",
    )
    point_of_contact: str = Field(
        "",
        max_length=200,
        description="The exercise's point of contact: name, role and how to reach them, e.g. "
        "'Dana Reyes, Head of Communications, dana.reyes@example.com' (`stormdrill report "
        "--poc` overrides it).",
    )
    mission_area: MissionArea = Field(
        MissionArea.RESPONSE,
        description="The FEMA mission area the exercise tests: a crisis drill is 'Response'.",
    )


class Graph(Section):
    source: str = Field(
        "generate",
        description="'generate' for the Twitter-like generator, or a path to an edge list "
        "(.edgelist/.txt/.csv), GraphML (.graphml) or GEXF (.gexf) file, relative to the "
        "scenario file. Edges run as information flows, from an account to its follower: "
        "'a b' (or a directed edge a -> b) means b follows a and sees a's posts; the graph "
        "`run --graph-out` writes reads back the same way.",
    )
    users: int = Field(10_000, ge=50, le=10_000_000, description="Number of users N.")
    mean_out_degree: float = Field(
        20.0, ge=2.0, le=100.0, description="Mean number of followers per user (edges / N)."
    )
    tail_exponent: float = Field(
        2.3,
        ge=2.0,
        le=2.6,
        description="Power-law exponent of the follower-count tail (each user's "
        "out-degree: edges run from an account to its followers).",
    )
    reciprocity: float = Field(
        0.22, ge=0.0, le=0.6, description="Share of follow edges that are reciprocated."
    )
    triadic_closure: float = Field(
        0.15,
        ge=0.0,
        le=0.8,
        description="Share of follows made by following a followee's followee (clustering).",
    )


class Population(Section):
    active_share: float = _probability(0.40, "Share of active followers who post and share.")
    influencer_share: float = _probability(
        0.01, "Share of users that are influential creators (top by followers)."
    )
    stakeholder_share: float = _probability(
        0.30, "Share of users who are stakeholders (customers, employees) of the brand."
    )
    stakeholder_relevance: float = _probability(1.0, "Topical relevance w of stakeholders.")
    other_relevance: float = _probability(0.2, "Topical relevance w of everyone else.")
    attitude_sd: float = Field(
        0.25, ge=0.0, le=1.0, description="Spread of pre-crisis attitudes a0 around mu_rep."
    )
    credibility_base: float = _probability(0.6, "Credibility c granted with a neutral anchor.")
    credibility_slope: float = _probability(0.3, "Added credibility per unit of positive a0.")
    brand_follower_share: float = Field(
        0.05, ge=0.01, le=0.20, description="Share of users who follow the brand account."
    )
    tracked_influencers: int = Field(
        10, ge=0, le=200, description="Top influencers modelled as actors (outreach targets)."
    )


class Crisis(Section):
    type: CrisisType = Field(description="Kind of crisis (selects post templates).")
    cluster: Cluster = Field(description="SCCT cluster: victim, accidental or preventable.")
    severity: float = Field(0.6, ge=0.0, le=1.0, description="Severity of the harm, 0-1.")
    true_responsibility: float = _probability(
        0.5, "The brand's actual responsibility; above 0.5 evidence can surface after a denial."
    )
    history: bool = Field(False, description="The brand had similar crises before.")
    prior_reputation: float = Field(
        0.3, ge=-1.0, le=1.0, description="mu_rep: mean pre-crisis attitude to the brand."
    )
    seeds: int = Field(5, ge=1, description="Users posting the first negative content.")
    seed_from: Literal["random", "active", "stakeholders", "influencers"] = Field(
        "stakeholders", description="Where the first negative posters come from."
    )
    start_h: float = Field(0.0, ge=0.0, description="Scenario hour at which the trigger happens.")
    cluster_responsibility: tuple[Probability, Probability, Probability] = Field(
        (0.2, 0.5, 0.8),
        description="Base perceived responsibility of the victim, accidental and preventable "
        "clusters.",
    )
    history_bump: float = _probability(0.15, "Added perceived responsibility with a history.")
    responsibility_noise: float = Field(
        0.1, ge=0.0, le=0.5, description="SD of individual perceived responsibility."
    )
    anger_gain: float = Field(
        1.5, ge=0.0, le=5.0, description="k_g: anger = clip(k_g * r * severity)."
    )
    appeal: float = Field(
        1.0,
        ge=0.1,
        le=100.0,
        description="How shareable the crisis's content is: the appeal multiplier of p_share "
        "carried by its opening posts, by every wave's, by news stories about it, and by every "
        "reshare and repost of them (an ordinary post's appeal has median 1).",
    )


class Spread(Section):
    visibility: float = Field(
        0.3, ge=0.1, le=0.6, description="v0: total chance a follower ever sees a post."
    )
    post_half_life_h: float = Field(
        0.5, ge=0.25, le=3.0, description="Half-life of a post's visibility, hours."
    )
    share_probability: float = Field(
        0.025,
        ge=0.002,
        le=0.05,
        description="p0: base chance an exposed user shares (calibrated on the ordinary-cascade "
        "checks of docs/model.md section 8: 0.02 left 95.03% of posts unshared, above the 95% "
        "bound).",
    )
    negativity_boost: float = Field(
        1.5, ge=1.0, le=2.0, description="m_neg: negative content shared this much more."
    )
    anger_sharing: float = Field(
        1.0, ge=0.0, le=3.0, description="alpha_g: extra sharing per unit of anger."
    )
    skeptic_rate: float = _probability(0.3, "l: an exposed user turns skeptic with l * max(a, 0).")
    defend_attitude: float = Field(
        0.5, ge=-1.0, le=1.0, description="Skeptics above this attitude post defending content."
    )
    defend_share_factor: float = _probability(
        0.5, "Defending posts are made with p0 times this factor."
    )
    exposed_half_life_h: float = Field(
        6.0, ge=1.0, le=24.0, description="Attention decay of exposed users (E -> R), hours."
    )
    spreader_half_life_h: float = Field(
        2.0, ge=0.5, le=12.0, description="Spreaders lose interest (I -> R), hours."
    )
    stifling: bool = Field(
        True, description="Maki-Thompson stifling: spreaders stop when followers already know."
    )
    repost_anger_rate: float = _probability(
        0.2, "Per hour, an angry spreader reposts with this times its anger."
    )
    exposure_window_h: float = Field(
        12.0, ge=1.0, le=72.0, description="Posts are not seen after this many hours."
    )
    appeal_sigma: float = Field(
        1.0,
        ge=0.0,
        le=1.5,
        description="Spread of the appeal of new posts: lognormal with median 1 and this sigma "
        "(design 1.0, range 0.3-1.5; 0 gives every post the same appeal). A reshare carries the "
        "appeal of what it reshares.",
    )


class Media(Section):
    volume_threshold: float = Field(
        0.004,
        ge=0.0,
        le=1.0,
        description="Negative posts per hour, as a share of N, that draw media attention.",
    )
    lag_h: float = Field(2.5, ge=1.0, le=6.0, description="Media pickup lag after the threshold.")
    reach: float = Field(0.2, ge=0.05, le=0.5, description="Share of everyone a broadcast reaches.")
    outlets: int = Field(3, ge=0, le=50, description="Media outlets modelled as actors.")
    journalists: int = Field(2, ge=0, le=50, description="Journalists who ask for comment.")
    inquiry_deadline_h: float = Field(
        2.0, ge=0.25, le=48.0, description="Hours a journalist waits for the brand's comment."
    )
    no_comment_reach: float = _probability(
        0.05, "Share of everyone reached by a 'no comment' news item."
    )


class Evidence(Section):
    rate_per_day: float = Field(
        0.1,
        ge=0.05,
        le=1.0,
        description="Rate at which evidence emerges after a false denial (design 0.2; calibrated "
        "on the apology-vs-denial d, docs/calibration.md).",
    )
    wave_seeds: int = Field(5, ge=0, description="New spreaders started by emerging evidence.")
    shock_weight: float = Field(
        1.2,
        ge=0.0,
        le=3.0,
        description="Source weight of the attitude shock every aware user takes when evidence "
        "emerges (a negative update, like a media item).",
    )


class Attitude(Section):
    learning_rate: float = Field(
        0.015,
        ge=0.0,
        le=0.5,
        description="eta: attitude step size (calibrated with the silence drift on the firestorm "
        "checks of docs/model.md section 8: the design value 0.05 left 95% of large crises with a "
        "detectable drop and 80% below baseline at day 30, against 58% and 40%).",
    )
    loss_aversion: float = Field(
        2.25, ge=1.5, le=5.0, description="lambda: negative information weighs this much more."
    )
    halo_threshold: float = Field(
        0.6, ge=-1.0, le=1.0, description="Prior attitude above which a halo shields."
    )
    halo_max: float = _probability(0.5, "Largest share of a negative update the halo absorbs.")
    source_weight_media: float = Field(1.2, ge=0.0, le=3.0, description="Weight of media items.")
    source_weight_influencer: float = Field(
        1.1, ge=0.0, le=3.0, description="Weight of influencer posts."
    )
    source_weight_peer: float = Field(1.0, ge=0.0, le=3.0, description="Weight of peer posts.")
    defend_weight: float = _probability(
        0.5, "Positive step of a defending post, as a share of eta."
    )
    averaging_interval_h: float = Field(
        6.0, ge=0.5, le=48.0, description="Hours between social averaging rounds."
    )
    confidence_bound: float = Field(
        0.4, ge=0.0, le=2.0, description="eps: followees within this distance are listened to."
    )
    averaging_step: float = _probability(0.1, "mu: convergence step of social averaging.")
    averaging_of: Literal["crisis_shift", "attitude"] = Field(
        "crisis_shift",
        description="What social averaging moves: each user's crisis-formed shift (attitude "
        "minus pre-crisis anchor), so the pre-crisis attitudes are a resting state and nothing "
        "moves before the crisis; or the whole attitude, so the drawn priors also converge "
        "during the run (up to a few RI points of drift over 30 days, crisis or not). Who is "
        "listened to is decided on whole attitudes either way.",
    )
    silence_drift_per_h: float = Field(
        0.0009,
        ge=0.0,
        le=0.02,
        description="Attitude lost per hour by aware users while silent (scaled with eta from "
        "the design value 0.003, so silence weighs against the crisis as before).",
    )
    silence_when: Literal["asked", "always"] = Field(
        "asked",
        description="When silence costs: only while the brand is being asked to speak (the "
        "observed negative volume is above the detection threshold, or a journalist's or a "
        "stakeholder's request is open), or at every tick from the trigger until the brand "
        "speaks (revision 1).",
    )
    silence_audience: Literal["attending", "ever_aware"] = Field(
        "attending",
        description="Who loses attitude while the brand is silent: users still following the "
        "story (exposed, spreading, skeptic) or everyone ever aware of it.",
    )
    slow_share: float = _probability(0.3, "phi: share of each shock in the slow memory.")
    fast_half_life_days: float = Field(
        3.0, ge=0.5, le=14.0, description="Half-life of the fast memory part, days."
    )
    slow_half_life_days: float = Field(
        60.0, ge=14.0, le=365.0, description="Half-life of the slow memory part, days."
    )


def _default_accommodation() -> dict[Strategy, float]:
    return {
        Strategy.ATTACK_ACCUSER: 0.0,
        Strategy.DENIAL: 0.1,
        Strategy.SCAPEGOAT: 0.1,
        Strategy.NO_COMMENT: 0.2,
        Strategy.EXCUSE: 0.35,
        Strategy.JUSTIFICATION: 0.35,
        Strategy.HOLDING_STATEMENT: 0.45,
        Strategy.CORRECTION: 0.45,
        Strategy.SYMPATHY: 0.75,
        Strategy.APOLOGY: 0.9,
        Strategy.COMPENSATION: 0.95,
    }


class Responses(Section):
    accommodation: dict[Strategy, Annotated[float, Field(ge=0.0, le=1.0)]] = Field(
        default_factory=_default_accommodation,
        description="Accommodation A_s of each strategy (catalogue overrides merge with it).",
    )
    bolstering_bonus: float = Field(
        0.05, ge=0.0, le=0.2, description="Accommodation added by bolstering."
    )
    under_penalty: float = Field(
        2.0, ge=1.0, le=4.0, description="u: fit lost per unit of under-accommodation."
    )
    over_penalty: float = Field(
        0.5, ge=0.0, le=1.0, description="o: fit lost per unit of over-accommodation."
    )
    disliked_brand_raise: float = Field(
        0.3, ge=0.0, le=1.0, description="Required accommodation raised when mu_rep < 0."
    )
    anger_discount: float = _probability(0.5, "Acceptance lost per unit of anger.")
    channel_own_account: float = Field(1.0, ge=0.5, le=2.0, description="Channel multiplier.")
    channel_traditional_media: float = Field(
        1.15, ge=0.5, le=2.0, description="Channel multiplier."
    )
    channel_direct_reply: float = Field(1.1, ge=0.5, le=2.0, description="Channel multiplier.")
    channel_influencer: float = Field(1.0, ge=0.5, le=2.0, description="Channel multiplier.")
    channel_influencer_supportive: float = Field(
        1.15, ge=0.5, le=2.0, description="Influencer channel for supportive content."
    )
    spokesperson_brand_account: float = Field(1.0, ge=0.5, le=2.0, description="Multiplier.")
    spokesperson_ceo: float = Field(1.1, ge=0.5, le=2.0, description="Multiplier.")
    spokesperson_employee: float = Field(1.05, ge=0.5, le=2.0, description="Multiplier.")
    human_voice: float = Field(
        1.15, ge=1.0, le=2.0, description="Human voice multiplier when the message is concrete."
    )
    transparency_base: float = Field(0.8, ge=0.0, le=2.0, description="m_tau = base + slope*tau.")
    transparency_slope: float = Field(0.4, ge=0.0, le=2.0, description="m_tau = base + slope*tau.")
    stealing_thunder: bool = Field(True, description="Apply the stealing-thunder effect.")
    thunder_credibility: float = Field(
        1.3, ge=1.0, le=2.0, description="Credibility multiplier when the brand speaks first."
    )
    thunder_severity: float = Field(
        0.8,
        ge=0.0,
        le=1.0,
        description="Perceived severity multiplier when the brand speaks first.",
    )
    thunder_mismatch: float = _probability(
        0.5, "Weight of strategy mismatch when the brand speaks first."
    )
    inconsistency_cost: float = _probability(0.3, "Credibility lost per contradiction.")
    damping: float = Field(
        0.5, ge=0.2, le=0.8, description="delta: sharing damping after accepting a response."
    )
    empathic_reply_damping: float = Field(
        1.5, ge=1.0, le=3.0, description="Damping multiplier of empathic direct replies."
    )
    dm_damping: float = Field(
        1.3, ge=1.0, le=3.0, description="Damping multiplier of 'take it to DM'."
    )
    public_compensation_fuel: float = Field(
        1.2, ge=1.0, le=2.0, description="Sharing multiplier of a thread after public compensation."
    )
    supporter_reshare: float = _probability(
        0.5, "Supporters reshare a brand response at this share of the usual rate."
    )
    thread_visibility: float = Field(
        0.3,
        ge=0.0,
        le=0.6,
        description="q_thread: once the brand has answered in public, the chance that a reader "
        "of a crisis post also sees the latest answer (under the thread, in quote posts; design "
        "0.3, range 0.1-0.6; 0 switches it off).",
    )
    quote_visibility: float = Field(
        0.3,
        ge=0.0,
        le=1.0,
        description="q_quote: the chance that a reader of a news story that quotes the brand's "
        "answer reads as far as the quote (design 0.3, q_thread's value; range 0.1-1; 1 gives "
        "every reader of the story the answer, as revision 2 first had it).",
    )

    @field_validator("accommodation")
    @classmethod
    def _merge_with_catalogue(cls, value: dict[Strategy, float]) -> dict[Strategy, float]:
        """A scenario overrides some strategies; the others keep the catalogue's values."""
        return {**_default_accommodation(), **value}


class MonitoringProfile(BaseModel):
    """The resolved listening capability: level defaults with the scenario's overrides."""

    model_config = ConfigDict(frozen=True)
    coverage: float
    latency_h: float
    noise: float
    detection_share: float


MONITORING_LEVELS = {
    MonitoringLevel.NONE: MonitoringProfile(
        coverage=0.05, latency_h=3.0, noise=0.5, detection_share=0.0005
    ),
    MonitoringLevel.BASIC: MonitoringProfile(
        coverage=0.3, latency_h=1.0, noise=0.25, detection_share=0.0003
    ),
    MonitoringLevel.PROACTIVE: MonitoringProfile(
        coverage=0.8, latency_h=0.25, noise=0.1, detection_share=0.0001
    ),
}


class Monitoring(Section):
    level: MonitoringLevel = Field(
        MonitoringLevel.BASIC, description="Social listening the team has: none, basic, proactive."
    )
    coverage: float | None = Field(
        None, ge=0.0, le=1.0, description="Share of public posts the team's tools see (override)."
    )
    latency_h: float | None = Field(
        None, ge=0.0, le=24.0, description="Delay of the team's mention counts (override)."
    )
    noise: float | None = Field(
        None, ge=0.0, le=1.0, description="Relative noise of mention and sentiment (override)."
    )
    detection_share: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="Observed negative mentions per hour, as a share of N, that alert the team "
        "(override).",
    )

    def profile(self) -> MonitoringProfile:
        base = MONITORING_LEVELS[self.level]
        overrides = {
            name: getattr(self, name)
            for name in MonitoringProfile.model_fields
            if getattr(self, name) is not None
        }
        return base.model_copy(update=overrides)


class Template(Section):
    id: str = Field(description="Template identifier.")
    strategy: Strategy = Field(description="Strategy of the pre-approved statement.")
    transparency: float = _probability(0.5, "Transparency tau of the template.")
    text: str = Field("", description="Pre-approved text.")


class ApprovalDelays(Section):
    holding_statement: float = Field(0.25, ge=0, le=48, description="Hours to approve, holding.")
    correction: float = Field(0.5, ge=0, le=48, description="Hours to approve a correction.")
    sympathy: float = Field(0.5, ge=0, le=48, description="Hours to approve sympathy.")
    apology: float = Field(1.0, ge=0, le=48, description="Hours to approve an apology.")
    compensation: float = Field(2.0, ge=0, le=48, description="Hours to approve compensation.")
    other: float = Field(0.5, ge=0, le=48, description="Hours to approve any other statement.")

    def for_strategy(self, strategy: Strategy) -> float:
        return float(getattr(self, strategy.value, self.other))


class Team(Section):
    staffing: int = Field(3, ge=1, le=100, description="People on the response team.")
    replies_per_person_h: int = Field(
        10, ge=0, le=200, description="Direct replies one person can send per hour."
    )
    approval: ApprovalDelays = Field(
        default_factory=ApprovalDelays, description="Approval delay by kind of statement."
    )
    templates: tuple[Template, ...] = Field((), description="Pre-approved statements.")
    approval_chain: tuple[str, ...] | None = Field(
        None,
        description="Hosted play: the player roles (meta.roles) whose seats approve a "
        'statement that needs approval, in order, e.g. ["legal", "CEO"]; it goes out when '
        "the last step someone holds approves it, after the approval delay if a step was held "
        "by nobody. Left out: the first role named legal, CEO or chief executive that someone "
        "holds approves alone. An empty list: nobody approves in person, the delays apply.",
    )

    @property
    def reply_capacity_h(self) -> int:
        return self.staffing * self.replies_per_person_h


class Inject(Section):
    # The trigger rule below, said in JSON Schema for editors.
    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["time_h"]}, {"required": ["when_volume_above"]}]}
    )

    id: str = Field(description="Event number in the MSEL.")
    time_h: float | None = Field(
        None, ge=0.0, description="Designated scenario time, hours after the trigger."
    )
    when_volume_above: float | None = Field(
        None, ge=0.0, description="Release when true negative posts per hour exceed this."
    )
    if_no_statement_by_h: float | None = Field(
        None, ge=0.0, description="Release only if no public statement went out by this hour."
    )
    type: InjectType = Field(description="Event type.")
    synopsis: str = Field(
        "", description="Event synopsis: one line on what happens, for the controllers' timeline."
    )
    controller: str = Field(
        "", description="Responsible controller: who releases the inject and plays its sender."
    )
    mode: str = Field("email", description="Inject mode: email, phone, social feed, news...")
    sender: str = Field(description="From: who sends it.")
    recipient: str = Field("communications lead", description="To: which player role.")
    message: str = Field(description="What the players receive.")
    expected_response: str = Field("", description="Expected participant response.")
    objective: str = Field("", description="Objective id this inject tests.")
    notes: str = Field("", description="Controller notes.")
    deadline_h: float | None = Field(
        None, ge=0.0, description="Hours the players have to answer before it lapses."
    )
    effect: InjectEffect = Field(InjectEffect.NONE, description="Effect on the simulation.")

    @model_validator(mode="after")
    def _has_a_trigger(self) -> Inject:
        if self.time_h is None and self.when_volume_above is None:
            raise Inconsistency(N_("an inject needs time_h or when_volume_above"))
        return self


class Turns(Section):
    tick_minutes: float = Field(5.0, ge=1.0, le=60.0, description="Simulated minutes per tick.")
    turn_ticks: int = Field(12, ge=1, le=288, description="Ticks per exercise turn.")
    turns: int = Field(12, ge=1, le=720, description="Turns played in the exercise.")
    horizon_days: float = Field(
        30.0, gt=0.0, le=365.0, description="Simulated days of a headless run."
    )

    @property
    def tick_h(self) -> float:
        return self.tick_minutes / 60.0

    @property
    def horizon_ticks(self) -> int:
        return round(self.horizon_days * 24.0 / self.tick_h)


class ScenarioSpec(Section):
    """A whole scenario file."""

    schema_version: Literal[1] = Field(description="Format version of the scenario file.")
    meta: Meta = Field(description="Title, briefing, locale and objectives.")
    graph: Graph = Field(default_factory=Graph, description="The follower graph.")
    population: Population = Field(default_factory=Population, description="Publics.")
    crisis: Crisis = Field(description="What happened and who is blamed.")
    spread: Spread = Field(default_factory=Spread, description="Spread of negative content.")
    media: Media = Field(default_factory=Media, description="Media pickup and journalists.")
    evidence: Evidence = Field(default_factory=Evidence, description="Evidence after denial.")
    attitude: Attitude = Field(default_factory=Attitude, description="Attitude dynamics.")
    responses: Responses = Field(default_factory=Responses, description="Response effects.")
    monitoring: Monitoring = Field(default_factory=Monitoring, description="What the team sees.")
    team: Team = Field(default_factory=Team, description="The team's resources.")
    injects: tuple[Inject, ...] = Field((), description="The MSEL: scripted events.")
    turns: Turns = Field(default_factory=Turns, description="Clock and horizon.")

    @model_validator(mode="after")
    def _consistent(self) -> ScenarioSpec:
        if self.crisis.seeds > self.graph.users:
            raise Inconsistency(
                N_(
                    "crisis.seeds ({seeds}) is more than graph.users ({users}); use at most "
                    "graph.users seeds"
                ),
                seeds=self.crisis.seeds,
                users=self.graph.users,
            )
        self._check_approval_chain()
        for section, items in (
            ("injects", self.injects),
            ("meta.objectives", self.meta.objectives),
            ("team.templates", self.team.templates),
        ):
            ids = [item.id for item in items]
            repeated = next((id_ for id_ in ids if ids.count(id_) > 1), None)
            if repeated is not None:
                raise Inconsistency(
                    N_("{section} has two entries with the id {id}; give every one its own id"),
                    section=section,
                    id=repr(repeated),
                )
        return self

    def _check_approval_chain(self) -> None:
        chain = self.team.approval_chain or ()
        roles = self.meta.roles
        unknown = next((role for role in chain if role not in roles), None)
        if unknown is not None:
            raise Inconsistency(
                N_(
                    "team.approval_chain names {role}, which is not one of meta.roles "
                    "({roles}); name the approvers as meta.roles spells them, or add {role} to "
                    "meta.roles"
                ),
                role=repr(unknown),
                roles=", ".join(roles),
            )
        repeated = next((role for role in chain if chain.count(role) > 1), None)
        if repeated is not None:
            raise Inconsistency(
                N_(
                    "team.approval_chain names {role} twice; each role approves once, so name it "
                    "once"
                ),
                role=repr(repeated),
            )
