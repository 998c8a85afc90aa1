"""The rubric of the team's words, in English and Italian: every component, the penalties, the
derived transparency and voice, and spans that point at what the team wrote."""

from __future__ import annotations

import pytest

from sim.action import Action
from sim.rubric import COMPONENTS, PENALTIES, RubricScore, Stances, apply_rubric, score_message
from sim.rubric.lexicon import GROUPS, fold, language_of
from sim.rubric.lexicon_en import PHRASES as PHRASES_EN
from sim.rubric.lexicon_it import PHRASES as PHRASES_IT
from sim.spec.schema import Strategy, Voice

EN, IT = "en_US", "it_IT"

GOOD_EN = (
    "We are sorry, we got this wrong. Since 07:00 today 1.2 million customers could not log in "
    "to our payments app. We know how frustrating this is. Please change your password and "
    "contact us at help@acme.com. We will update you by 4pm."
)
GOOD_IT = (
    "Ci scusiamo, è stato un nostro errore. Da stamattina alle 7:00 1,2 milioni di clienti non "
    "riescono ad accedere all'app. Capiamo quanto sia frustrante. Cambiate la password e "
    "scriveteci a aiuto@acme.it. Vi aggiorneremo entro le 18."
)


def texts(score: RubricScore, name: str) -> list[str]:
    part = score.penalty(name) if name in PENALTIES else score.component(name)
    return [match.text.lower() for match in part.matches]


@pytest.mark.parametrize(
    ("locale", "text", "component", "phrase"),
    [
        (EN, "We are aware that some accounts have been accessed.", "acknowledgement", "aware"),
        (IT, "Siamo a conoscenza del problema.", "acknowledgement", "siamo a conoscenza"),
        (EN, "We apologise. This was our mistake.", "apology", "we apologise"),
        (IT, "Chiediamo scusa: abbiamo sbagliato.", "apology", "abbiamo sbagliato"),
        (EN, "About 1.2 million customers are affected.", "specific_facts", "1.2 million"),
        (EN, "The outage started on 12 March.", "specific_facts", "12 march"),
        (IT, "Il disservizio riguarda 3.400 clienti.", "specific_facts", "3.400 clienti"),
        (IT, "Il disservizio è iniziato il 12 marzo.", "specific_facts", "12 marzo"),
        (EN, "We understand how worrying this is.", "empathy", "we understand how"),
        (IT, "Comprendiamo la vostra preoccupazione.", "empathy", "comprendiamo la vostra"),
        (EN, "Please change your password today.", "instructions", "change your password"),
        (IT, "Cambia la password e contattaci.", "instructions", "cambia la password"),
        (EN, "Next update in two hours.", "next_steps", "next update in two hours"),
        (IT, "Vi aggiorneremo entro le 18.", "next_steps", "vi aggiorneremo entro le 18"),
        (IT, "Prossimo aggiornamento entro domani.", "next_steps", "prossimo aggiornamento"),
        (EN, "We hear you, and we will fix it.", "human_voice", "we"),
        (IT, "Vi ascoltiamo e sistemiamo tutto.", "human_voice", "vi"),
    ],
)
def test_each_component_counts_its_phrases(
    locale: str, text: str, component: str, phrase: str
) -> None:
    score = score_message(text, locale)
    assert score.component(component).score > 0
    assert any(phrase in matched for matched in texts(score, component))


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        (EN, "We are sorry if anyone was offended."),
        (EN, "Sorry if anyone was offended by the post."),
        (EN, "We regret that you feel this way."),
        (EN, "We apologise for any inconvenience this may have caused."),
        (IT, "Mi dispiace se qualcuno si è sentito offeso."),
        (IT, "Ci scusiamo se qualcuno si è sentito offeso dal post."),
        (IT, "Ci scusiamo per gli eventuali disagi."),
        (IT, "Ci dispiace che vi siate sentiti offesi."),
    ],
)
def test_non_apologies_score_low_on_apology_and_are_penalised(locale: str, text: str) -> None:
    score = score_message(text, locale)
    assert score.component("apology").score == 0.0
    assert score.penalty("non_apology").score >= 0.8
    assert score.suggested_strategy is Strategy.EXCUSE


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        (EN, "We are sorry, we got this wrong."),
        (EN, "I apologise. It was my mistake and I take full responsibility."),
        (IT, "Ci scusiamo, è stato un nostro errore."),
        (IT, "Siamo davvero dispiaciuti: è colpa nostra e ci assumiamo la responsabilità."),
    ],
)
def test_real_apologies_score_high(locale: str, text: str) -> None:
    score = score_message(text, locale)
    assert score.component("apology").score >= 0.9
    assert score.penalty("non_apology").score == 0.0
    assert score.suggested_strategy is Strategy.APOLOGY


def test_good_statements_beat_non_apologies_in_both_languages() -> None:
    pairs = [
        (EN, GOOD_EN, "We are sorry if anyone was offended. The company takes this seriously."),
        (IT, GOOD_IT, "Ci scusiamo se qualcuno si è sentito offeso. La società precisa che..."),
    ]
    for locale, good, bad in pairs:
        good_score, bad_score = score_message(good, locale), score_message(bad, locale)
        assert good_score.overall > 0.7
        assert bad_score.overall < 0.1
        assert good_score.transparency > bad_score.transparency


@pytest.mark.parametrize(
    ("locale", "text", "phrase", "strategy"),
    [
        (EN, "We did nothing wrong.", "we did nothing wrong", Strategy.DENIAL),
        (EN, "It was caused by a third-party supplier.", "caused by a third-party", None),
        (IT, "Non abbiamo fatto nulla di male.", "non abbiamo fatto nulla di male", None),
        (IT, "Non è colpa nostra, è un errore del fornitore.", "non è colpa nostra", None),
    ],
)
def test_denial_and_blame_are_penalised(
    locale: str, text: str, phrase: str, strategy: Strategy | None
) -> None:
    score = score_message(text, locale)
    assert phrase in texts(score, "denial")
    assert score.component("apology").score == 0.0  # "not our fault" is not "our fault"
    assert score.suggested_strategy in {Strategy.DENIAL, Strategy.SCAPEGOAT}
    if strategy is not None:
        assert score.suggested_strategy is strategy


def test_legalese_is_penalised_in_both_languages() -> None:
    english = score_message("Pursuant to applicable law, we make no admission of liability.", EN)
    italian = score_message("Si precisa che, ai sensi della normativa, la società ha agito.", IT)
    assert english.penalty("legalese").score >= 0.9
    assert italian.penalty("legalese").score >= 0.9
    assert english.voice is Voice.CORPORATE and italian.voice is Voice.CORPORATE


@pytest.mark.parametrize(
    ("locale", "before", "after"),
    [
        (EN, "We did nothing wrong.", "We apologise, this was our mistake."),
        (EN, "We are sorry, we got this wrong.", "We did nothing wrong."),
        (IT, "Non abbiamo fatto nulla di male.", "Ci scusiamo, è stato un nostro errore."),
        (IT, "Ci scusiamo, abbiamo sbagliato.", "Non è colpa nostra."),
    ],
)
def test_contradicting_an_earlier_statement_is_penalised(
    locale: str, before: str, after: str
) -> None:
    assert score_message(after, locale).penalty("contradiction").score == 0.0
    score = score_message(after, locale, earlier=["A first update.", before])
    contradiction = score.penalty("contradiction")
    assert contradiction.score == 1.0
    assert "statement 2" in contradiction.explanation
    assert contradiction.matches


def test_stances_kept_statement_by_statement_read_as_the_statements_do() -> None:
    earlier = ["A first update.", "We did nothing wrong.", "We are sorry, we got this wrong."]
    stances = Stances(language_of(EN))
    for text in earlier:
        stances = stances.with_statement(text)
    assert (stances.first_denial, stances.first_admission, stances.count) == (2, 3, 3)
    for after in ("We apologise, this was our mistake.", "We did nothing wrong.", "Update."):
        assert score_message(after, EN, stances) == score_message(after, EN, earlier)


def test_consistent_statements_do_not_contradict() -> None:
    score = score_message("We apologise again.", EN, earlier=["We are sorry, we got this wrong."])
    assert score.penalty("contradiction").score == 0.0


def test_spans_point_at_the_matched_text_as_written() -> None:
    for locale, text in [(EN, GOOD_EN), (IT, GOOD_IT), (IT, "E' STATO UN NOSTRO ERRORE, perché…")]:
        score = score_message(text, locale)
        for part in score.components + score.penalties:
            for match in part.matches:
                assert text[match.start : match.end] == match.text


def test_italian_is_accent_tolerant() -> None:
    for written in (
        "è stato un nostro errore",
        "e' stato un nostro errore",
        "E stato un nostro errore",
    ):
        assert score_message(written, IT).component("apology").score >= 0.5, written
    assert fold("perché è già") == "perche e gia"


def test_transparency_follows_facts_and_timing_not_length() -> None:
    vague = score_message("We are looking into reports and take this very seriously.", EN)
    specific = score_message(
        "Since 07:00 our login servers have been down for 40,000 customers. Next update at 10:00.",
        EN,
    )
    assert specific.transparency > vague.transparency + 0.3
    assert specific.concrete and not vague.concrete
    jargon = score_message(
        "Since 07:00 our login servers have been down for 40,000 customers, without prejudice "
        "and with no admission of liability.",
        EN,
    )
    assert jargon.transparency < specific.transparency


def test_voice_is_human_for_first_person_empathic_plain_text() -> None:
    assert score_message(GOOD_EN, EN).voice is Voice.HUMAN
    assert score_message(GOOD_IT, IT).voice is Voice.HUMAN
    corporate = score_message("The company is aware of the matter and it is being reviewed.", EN)
    assert corporate.voice is Voice.CORPORATE


@pytest.mark.parametrize(
    ("locale", "text", "strategy"),
    [
        (EN, "We will refund every affected order in full.", Strategy.COMPENSATION),
        (
            IT,
            "Rimborseremo tutti gli ordini: riceverete un rimborso completo.",
            Strategy.COMPENSATION,
        ),
        (EN, "We are aware of the outage. Next update at 15:00.", Strategy.HOLDING_STATEMENT),
        (
            IT,
            "Siamo a conoscenza del disservizio. Prossimo aggiornamento alle 15.",
            Strategy.HOLDING_STATEMENT,
        ),
        (EN, "To clarify, contrary to reports, our bottles contain no glass.", Strategy.CORRECTION),
        (
            IT,
            "Per fare chiarezza: contrariamente a quanto scritto, i dati sono al sicuro.",
            Strategy.CORRECTION,
        ),
        (EN, "Our thoughts are with everyone affected.", Strategy.SYMPATHY),
        (EN, "The storm was beyond our control.", Strategy.EXCUSE),
        (IT, "Nessun commento.", Strategy.NO_COMMENT),
        (EN, "We will take legal action against those spreading lies.", Strategy.ATTACK_ACCUSER),
        (EN, "Hello.", None),
    ],
)
def test_suggested_strategy(locale: str, text: str, strategy: Strategy | None) -> None:
    assert score_message(text, locale).suggested_strategy is strategy


def test_apply_rubric_sets_transparency_voice_and_concreteness_left_open() -> None:
    action = Action(at_h=1.0, strategy=Strategy.APOLOGY, text=GOOD_EN)
    score = score_message(GOOD_EN, EN)
    applied = apply_rubric(action, score)
    assert applied.transparency == score.transparency != action.transparency
    assert applied.voice is Voice.HUMAN
    assert applied.concrete
    assert applied.strategy is Strategy.APOLOGY and applied.text == GOOD_EN


def test_apply_rubric_keeps_what_the_sender_gave_explicitly() -> None:
    action = Action(at_h=1.0, strategy=Strategy.APOLOGY, text=GOOD_EN, transparency=0.1)
    score = score_message(GOOD_EN, EN)
    applied = apply_rubric(action, score)
    assert applied.transparency == 0.1
    assert applied.voice is score.voice is Voice.HUMAN
    fixed = Action(at_h=1.0, strategy=Strategy.APOLOGY, text=GOOD_EN, voice=Voice.CORPORATE)
    assert apply_rubric(fixed, score).voice is Voice.CORPORATE


def test_scores_are_bounded_and_ordered() -> None:
    score = score_message(GOOD_EN, EN)
    assert [c.name for c in score.components] == list(COMPONENTS)
    assert [p.name for p in score.penalties] == list(PENALTIES)
    for part in score.components + score.penalties:
        assert 0.0 <= part.score <= 1.0
        assert part.explanation
    assert 0.0 <= score.overall <= 1.0


def test_lexicons_cover_every_group_and_other_languages_read_as_english() -> None:
    assert set(PHRASES_EN) == set(PHRASES_IT) == set(GROUPS)
    assert language_of("it_IT") == "it"
    assert language_of("de_DE") == "en"
    assert score_message("We are sorry, we got this wrong.", "de_DE").language == "en"


def test_empty_text_scores_zero() -> None:
    score = score_message("", EN)
    assert score.overall == 0.0
    assert score.transparency == 0.0
    assert score.suggested_strategy is None
