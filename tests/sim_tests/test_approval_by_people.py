"""The approval chain played by people: a draft waits in the approver's seat and goes out when
approved, at that hour; a rejected one never goes out; where nobody holds the approver's seat
the scenario's approval delay applies as in one-seat play; every draft, approval and rejection
is logged, stored and replayed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.cli.main import main
from sim.errors import ActionError, UserError
from sim.host.chain import Step, first_step, next_step
from sim.host.client import SeatClient
from sim.host.seats import Command, approver_for, new_seats
from sim.host.server import Host, serve
from sim.session import Approved, Drafted, Queued, Rejected, Session, replay
from sim.session.store import read_store
from sim.spec.loader import load_scenario
from tests.tiny import TINY

APOLOGY = "We are sorry: the app failed you tonight, and it is back."


@pytest.fixture(scope="module")
def tiny():
    return load_scenario(TINY)


def test_a_draft_goes_out_when_approved_and_a_rejected_one_never(tiny, tmp_path: Path):
    session = Session(tiny, seed=2, autosave=tmp_path / "approval.sqlite")
    first = session.draft(session.make_action(strategy="apology", text=APOLOGY), "legal")
    second = session.draft(session.make_action(strategy="compensation", text="Vouchers."), "CEO")
    assert [draft.draft for draft in session.drafts] == [1, 2]
    assert session.run_record().statements == ()
    session.end_turn()
    sent = session.approve(first.draft, by="legal")
    assert sent.at_h == pytest.approx(session.now_h)  # at the approval, not after a delay
    session.reject(second.draft, by="CEO", reason="too costly")
    assert session.drafts == ()
    with pytest.raises(ActionError, match="no draft #2 waiting"):
        session.approve(2, by="CEO")
    kinds = [entry.kind for entry in read_store(session.autosave).log]
    assert kinds == ["draft", "draft", "end_turn", "approve", "queue", "reject"]
    session.end_turn()
    statements = session.run_record().statements
    assert [statement.action.text for statement in statements] == [APOLOGY]
    headless = replay(tiny, 2, session.log)
    assert headless.run_record() == session.run_record()
    assert headless.log == session.log


def test_no_draft_is_approved_while_paused(tiny):
    session = Session(tiny, seed=2)
    session.draft(session.make_action(strategy="apology", text=APOLOGY), "legal")
    session.pause()
    with pytest.raises(ActionError, match="resumed to approve a draft"):
        session.approve(1, by="legal")


def test_the_approver_is_the_first_approving_role_someone_holds():
    roles = ("social media manager", "communications lead", "legal counsel", "CISO", "CEO")
    assert approver_for(roles, {"legal counsel", "CEO"}, "social media manager", True) == (
        "legal counsel"
    )
    assert approver_for(roles, {"CEO"}, "social media manager", True) == "CEO"
    assert approver_for(roles, {"CEO"}, "CEO", True) is None  # nobody approves their own
    assert approver_for(roles, {"social media manager"}, "social media manager", True) is None
    assert approver_for(roles, {"CEO"}, "social media manager", False) is None


async def test_hosted_drafts_wait_for_the_legal_seat_and_delays_apply_without_it(tmp_path):
    session = Session(load_scenario(TINY), seed=2, team="Blue", scenario_ref="tiny")
    session.claim_autosave([tmp_path / "hosted.sqlite"])
    made = new_seats(session.spec.meta.roles)
    codes = {seat.role: code for seat, code in made}
    host = Host(session, [seat for seat, _ in made])
    runner, port = await serve(host, "127.0.0.1", 0)
    url = f"http://127.0.0.1:{port}"
    smm = SeatClient(url, codes["social media manager"])
    await smm.join()
    try:
        await smm.do(Command.QUEUE, strategy="apology", text=APOLOGY)
        (alone,) = [entry for entry in session.log if isinstance(entry, Queued)]
        delay = session.spec.team.approval.apology
        assert alone.action.at_h == pytest.approx(delay)  # nobody at legal: the delay

        legal = SeatClient(url, codes["legal"])
        await legal.join()
        await smm.do(Command.QUEUE, strategy="apology", text="Second apology.")
        view = await legal.wait_for_view(lambda view: len(view.drafts) == 1)
        (draft,) = view.drafts
        assert (draft.approver, draft.action.text) == ("legal", "Second apology.")
        with pytest.raises(UserError, match="waits for the legal seat's approval"):
            await smm.do(Command.APPROVE, draft=draft.draft)
        await legal.do(Command.APPROVE, draft=draft.draft)
        view = await smm.wait_for_view(lambda view: view.drafts == ())
        kinds = [entry.kind for entry in view.log]
        assert kinds == ["queue", "draft", "approve", "queue"]
        assert isinstance(session.log[1], Drafted) and isinstance(session.log[2], Approved)
        assert session.log[3].action.at_h == pytest.approx(session.now_h)

        await smm.do(Command.QUEUE, strategy="compensation", text="Vouchers for all.")
        await legal.wait_for_view(lambda view: len(view.drafts) == 1)
        await legal.do(Command.REJECT, draft=2, reason="not approved by finance")
        assert isinstance(session.log[-1], Rejected)
        assert session.log[-1].reason == "not approved by finance"
        await legal.close()
    finally:
        await smm.close()
        await runner.cleanup()
        session.close()


# --------------------------------------------------------------------------- a chain of steps

CHAIN = ("legal", "CEO")


def test_a_draft_waits_at_each_held_step_of_the_chain_in_order():
    everyone = {"social media manager", "legal", "CEO"}
    assert first_step((), CHAIN, everyone, "social media manager") == Step("legal")
    assert next_step(CHAIN, everyone, "social media manager", "legal") == Step("CEO")
    assert next_step(CHAIN, everyone, "social media manager", "CEO") == Step(None)


def test_a_step_nobody_holds_is_passed_over_and_named():
    assert first_step((), CHAIN, {"CEO"}, "social media manager") == Step("CEO", ("legal",))
    assert next_step(CHAIN, {"legal"}, "social media manager", "legal") == Step(None, ("CEO",))
    assert first_step((), CHAIN, set(), "social media manager") == Step(None, CHAIN)


def test_the_drafter_s_own_step_counts_as_done():
    assert first_step((), CHAIN, {"legal", "CEO"}, "legal") == Step("CEO")
    assert first_step((), CHAIN, {"legal"}, "legal") == Step(None, ("CEO",))


def test_without_a_chain_the_first_approving_role_held_approves_alone_as_before():
    roles = ("social media manager", "legal counsel", "CEO")
    held = {"legal counsel", "CEO"}
    assert first_step(roles, None, held, "social media manager") == Step("legal counsel")
    assert next_step(None, held, "social media manager", "legal counsel") == Step(None)
    assert first_step(roles, (), held, "social media manager") == Step(None)  # nobody in person


def test_the_last_approval_sends_it_at_once_or_after_the_delay_if_a_step_was_passed_over(tiny):
    session = Session(tiny, seed=2)
    first = session.draft(session.make_action(strategy="apology", text=APOLOGY), "legal", by="smm")
    session.draft(
        session.make_action(strategy="apology", text="Second."), "CEO", passed_over=("legal",)
    )
    session.end_turn()
    assert session.approve(first.draft, by="legal", then="CEO") is None
    assert [(draft.draft, draft.approver) for draft in session.drafts] == [(1, "CEO"), (2, "CEO")]
    assert session.run_record().statements == ()
    at_once = session.approve(1, by="CEO")
    later = session.approve(2, by="CEO")
    assert at_once.at_h == pytest.approx(session.now_h)
    assert later.at_h == pytest.approx(session.now_h + tiny.team.approval.apology)
    kinds = [entry.kind for entry in session.log]
    assert kinds == [
        "draft",
        "draft",
        "end_turn",
        "approve",
        "approve",
        "queue",
        "approve",
        "queue",
    ]
    headless = replay(tiny, 2, session.log)
    assert headless.log == session.log and headless.drafts == ()
    assert headless.run_record() == session.run_record()


async def test_hosted_the_chain_runs_legal_then_the_ceo_and_every_step_is_logged(tmp_path):
    spec = load_scenario(TINY, ['team.approval_chain=["legal", "CEO"]'])
    session = Session(spec, seed=2, team="Blue")
    session.claim_autosave([tmp_path / "chain.sqlite"])
    made = new_seats(spec.meta.roles)
    codes = {seat.role: code for seat, code in made}
    host = Host(session, [seat for seat, _ in made])
    runner, port = await serve(host, "127.0.0.1", 0)
    url = f"http://127.0.0.1:{port}"
    smm, legal, ceo = (SeatClient(url, codes[role]) for role in ("social media manager", *CHAIN))
    for client in (smm, legal, ceo):
        await client.join()
    try:
        await smm.do(Command.QUEUE, strategy="apology", text=APOLOGY)
        (draft,) = (await legal.wait_for_view(lambda view: len(view.drafts) == 1)).drafts
        with pytest.raises(UserError, match="waits for the legal seat's approval"):
            await ceo.do(Command.APPROVE, draft=draft.draft)
        await legal.do(Command.APPROVE, draft=draft.draft)
        (draft,) = (await ceo.wait_for_view(lambda view: view.drafts[0].approver == "CEO")).drafts
        assert session.run_record().statements == ()  # legal alone does not send it
        await ceo.do(Command.APPROVE, draft=draft.draft)
        log = read_store(session.autosave).log
        assert [entry.kind for entry in log] == ["draft", "approve", "approve", "queue"]
        assert [(entry.by, entry.then) for entry in log if isinstance(entry, Approved)] == [
            ("legal", "CEO"),
            ("CEO", None),
        ]
        assert log[-1].action.at_h == pytest.approx(session.now_h)

        await ceo.close()  # nobody at the CEO's seat now: legal's approval is the last held
        await smm.do(Command.QUEUE, strategy="apology", text="Second apology.")
        await legal.wait_for_view(lambda view: len(view.drafts) == 1)
        await legal.do(Command.APPROVE, draft=2)
        approval, queued = read_store(session.autosave).log[-2:]
        assert (approval.then, approval.passed_over) == (None, ("CEO",))
        assert queued.action.at_h == pytest.approx(session.now_h + spec.team.approval.apology)
    finally:
        await smm.close()
        await legal.close()
        await runner.cleanup()
        session.close()


@pytest.mark.parametrize(
    ("chain", "sentence"),
    [
        ('["legal", "chief"]', "team.approval_chain names 'chief', which is not one of "
         "meta.roles (social media manager, communications lead, legal, CEO); name the "
         "approvers as meta.roles spells them, or add 'chief' to meta.roles."),
        ('["CEO", "CEO"]', "team.approval_chain names 'CEO' twice; each role approves once, "
         "so name it once."),
    ],
)  # fmt: skip
def test_a_chain_naming_a_role_the_scenario_lacks_is_one_sentence(
    tmp_path, capsys, chain, sentence
):
    scenario = tmp_path / "chain.toml"
    text = Path(TINY).read_text(encoding="utf-8")
    scenario.write_text(text.replace("[team]\n", f"[team]\napproval_chain = {chain}\n", 1))
    assert main(["scenarios", "validate", str(scenario)]) == 2
    assert capsys.readouterr().err == f"{scenario}: {sentence}\n"
