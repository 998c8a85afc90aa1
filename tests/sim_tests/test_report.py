"""After-action reports: Markdown, HTML and PDF from a saved session on the tiny scenario, the
ratings in the report matching the log, user text escaped in HTML, run folders, one-sentence
errors, and what the board reads: the executive summary, the HSEEP overview, the root causes."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from html import escape

import pypdf
import pytest

from sim.cli.main import main
from sim.evaluation import rate_objectives
from sim.headline import percent, points
from sim.report import build_report, render_html, render_pdf
from sim.report.counterfactuals import compare
from sim.report.document import Document, Paragraph, Quote, Section, Table
from sim.session import AS_PLAYED, WHAT_IFS, Session
from sim.spec.loader import load_scenario
from tests.tiny import TINY

MARKUP = "<script>alert(1)</script>"
OVERRIDES = ["turns.horizon_days=1"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """Tiny, one day: a statement with markup in it, a late apology, a note, a pause; two turns
    played."""
    spec = load_scenario(TINY, OVERRIDES)
    session = Session(spec, 3, team="Blue <team>", scenario_ref="tiny", overrides=OVERRIDES)
    text = f"Our app is down {MARKUP}. If you booked tonight, call our helpline."
    session.queue(session.make_action(strategy="holding_statement", at_h=0.5, text=text))
    session.end_turn()
    session.queue(session.make_action(strategy="apology", text="We are sorry & it is fixed."))
    session.add_note("Legal took 40 minutes | too slow", objective="O1")
    session.pause()
    session.resume()
    session.end_turn()
    path = tmp_path_factory.mktemp("session") / "drill.json"
    session.save(path)
    session.close()
    return path


@pytest.fixture(scope="module")
def html(saved):
    return render_html(build_report(saved))


def test_markdown_report_with_figures_beside_it(saved, tmp_path, capsys):
    out = tmp_path / "aar.md"
    assert main(["report", str(saved), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    for heading in (
        "# After-Action Report / Improvement Plan: Tiny outage",
        "## Exercise overview",
        "## Outcome",
        "## Analysis of objectives (EEG ratings)",
        "### O1: Post a first status update within 1 hour of detection.",
        "## Strengths and areas for improvement",
        "## Incident timeline",
        "## Figures",
        "## Counterfactuals (same seed)",
        "## Statements",
        "## Answers to internal, executive and regulator injects",
        "## Evaluator notes",
        "## Appendix A: Improvement Plan",
    ):
        assert f"\n{heading}\n" in f"\n{text}"
    for name in ("damage", "reputation", "reach", "counterfactuals", "timing"):
        figure = tmp_path / f"aar-{name}.png"
        assert f"]({figure.name})" in text
        assert figure.read_bytes().startswith(PNG_SIGNATURE)
    assert "\\<script\\>alert(1)\\</script\\>" in text
    assert "Legal took 40 minutes \\| too slow" in text
    assert "The facilitator paused play" in text and "The facilitator resumed play" in text
    for variant in (AS_PLAYED, *WHAT_IFS):
        assert f"| {variant.label} |" in text
    for shift in ("-1 h", "-0.5 h", "+0 h", "+0.5 h", "+1 h", "+2 h", "+4 h"):
        assert f"| {shift} |" in text, "the timing curve moves every action by each shift"


def test_the_outcome_and_the_what_ifs_lead_with_the_headline(saved, tmp_path):
    out = tmp_path / "aar.md"
    assert main(["report", str(saved), "--out", str(out)]) == 0
    outcome_section = out.read_text(encoding="utf-8").split("## Outcome\n\n")[1]
    sentence, table = outcome_section.split("\n\n")[:2]
    assert re.fullmatch(
        r"The team's answers (avoided|added) \d+% (of|to) the damage that silence would have "
        r"done to the [\d,]+ people who heard about it\.",
        sentence,
    )
    measures = [row.split(" | ")[0].lstrip("| ") for row in table.splitlines()[2:5]]
    assert measures == ["Damage avoided", "Damage among the aware", "Stakeholder damage"]
    session = Session.load(saved)
    expected = {what_if.variant.label: what_if.outcome for what_if in compare(session).what_ifs}
    session.close()
    section = out.read_text(encoding="utf-8").split("## Counterfactuals (same seed)")[1]
    assert "| Plan | Damage avoided | Damage among the aware | Negative reach |" in section
    for label, outcome in expected.items():
        cells = f"| {label} | {percent(outcome.damage_avoided)} | {points(outcome.aware_damage)} |"
        assert cells in section
    assert "| no response at all | 0% |" in section, "silence avoids none of its own damage"


def test_the_ratings_in_the_report_are_those_of_the_log(saved, html):
    session = Session.load(saved)
    session.finish()
    ratings = rate_objectives(session)
    session.close()
    shown = re.findall(r"<tr><td>(O\d)</td><td class=\"rating rating-\w\">(\w)</td>", html)
    assert shown == [(r.objective_id, r.rating) for r in ratings]
    for rating in ratings:
        for line in rating.evidence:
            assert f"<li>{escape(line)}</li>" in html


def test_html_is_one_file_with_every_user_text_escaped(html):
    assert MARKUP not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert "Blue &lt;team&gt;" in html and "We are sorry &amp; it is fixed." in html
    assert html.count('src="data:image/png;base64,') == 5
    assert not re.search(r"(?:src|href)=\"(?!data:)", html)  # nothing fetched from elsewhere


def test_escaping_of_every_block_kind():
    document = Document(
        MARKUP,
        MARKUP,
        (
            Section(
                MARKUP,
                (Paragraph(MARKUP), Quote(MARKUP, MARKUP), Table((MARKUP,), ((MARKUP,),))),
            ),
        ),
    )
    page = render_html(document)
    assert MARKUP not in page
    assert page.count("&lt;script&gt;") == 9  # the title twice (head and h1)
    assert "<script" not in page


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_a_real_browser_renders_the_html(html, tmp_path):
    page = tmp_path / "aar.html"
    page.write_text(html, encoding="utf-8")
    result = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "Appendix A: Improvement Plan" in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
    assert result.stdout.count("<img") == 5


def test_a_run_folder_gets_a_shorter_report(tmp_path, capsys):
    folder = tmp_path / "run"
    assert main(["run", TINY, "--set", *OVERRIDES, "--out", str(folder)]) == 0
    assert main(["report", str(folder), "--format", "html"]) == 0
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert "Run report: Tiny outage" in page
    assert "Analysis of objectives" not in page and "Improvement Plan" not in page
    assert page.count('src="data:image/png;base64,') == 3
    assert "The silent protocol's answers" not in page, "a silent run says nothing was said"
    assert "<p>Nothing was said: this is the damage silence does" in page
    assert page.index("<h2>Executive summary</h2>") < page.index("<h2>Exercise overview</h2>")
    assert "<p>What was done: the silent protocol made no public statement.</p>" in page
    assert "<tr><td>Sponsor</td><td>Tinyco</td></tr>" in page
    assert main(["report", str(folder), "--participant", "legal=Ana"]) == 2
    assert "is a headless run, which has no seats" in capsys.readouterr().err
    assert "<td>Detection</td><td>Listening alert</td>" in page
    capsys.readouterr()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file or folder"),
        ("{not json", "the session file is damaged or truncated"),
        (json.dumps({"hello": 1}), "not a stormdrill session file"),
    ],
)
def test_a_missing_or_corrupt_input_is_one_sentence(tmp_path, capsys, content, message):
    path = tmp_path / "drill.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["report", str(path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"stormdrill: {path}") and message in error
    assert error.count("\n") == 1 and "Traceback" not in error


def test_a_folder_without_a_run_is_one_sentence(tmp_path, capsys):
    assert main(["report", str(tmp_path)]) == 2
    assert "no outcome.json in this folder" in capsys.readouterr().err


# --------------------------------------------------------------------------- for the board


@pytest.fixture(scope="module")
def saved_md(saved, tmp_path_factory):
    """The Markdown report of the well-played session, built once for the tests below."""
    out = tmp_path_factory.mktemp("saved-md") / "aar.md"
    assert main(["report", str(saved), "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def _section(text: str, heading: str) -> str:
    return text.split(f"\n## {heading}\n\n")[1].split("\n## ")[0].rstrip("\n")


def test_the_report_opens_with_an_executive_summary_computed_from_the_facts(saved, saved_md):
    text = saved_md
    assert text.index("## Executive summary") < text.index("## Exercise overview")
    session = Session.load(saved)
    outcome = session.finish()
    session.close()
    summary = _section(text, "Executive summary")
    happened, did, result, lead = summary.split("\n\n")[:4]
    assert happened.startswith("What happened: a service outage at Tinyco (accidental cluster")
    assert f"It reached {outcome.negative_reach:,} people" in happened
    assert did.startswith(
        "What the team did: Blue \\<team\\> made 2 public statements (holding statement at "
        "T+0:45, apology at T+2:00); the first went out "
    )
    assert did.endswith("; it met 4 of 4 deadlines for inquiries and injects.")
    assert result.startswith("Outcome: The team's answers ")
    assert f"{points(outcome.aware_damage)} RI points (silence " in result
    assert lead == "Things to fix: no area for improvement was found, so there is nothing to fix."


@pytest.fixture(scope="module")
def flawed_md(tmp_path_factory):
    """Tiny, one day, played badly: silent for two turns, then a denial drafted for the legal
    seat and approved there a turn later, after the journalists' deadlines."""
    spec = load_scenario(TINY, OVERRIDES)
    session = Session(spec, 3, team="Red", scenario_ref="tiny", overrides=OVERRIDES)
    session.end_turn()
    session.end_turn()
    session.draft(session.make_action(strategy="denial", text="Nothing is wrong."), "legal")
    session.end_turn()
    session.approve(1, by="legal")
    session.end_turn()
    path = tmp_path_factory.mktemp("flawed") / "flawed.json"
    session.save(path)
    session.close()
    out = path.with_name("aar.md")
    assert main(["report", str(path), "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_the_things_to_fix_are_numbered_with_root_cause_fix_and_cost(flawed_md):
    text = flawed_md
    assert "because approval held its denial 1 h in the legal seat" in text
    assert "| legal | player role | 1 draft sent for approval, 1 draft approved |" in text
    fixes = [
        line
        for line in _section(text, "Executive summary").splitlines()
        if re.match(r"\d\. ", line)
    ]
    assert _section(text, "Executive summary").split("\n\n")[3] == (
        "Things to fix: only 2 things (5 areas for improvement), fewer than three, ranked by "
        "what they cost on this seed."
    )
    assert len(fixes) == 2
    for number, line in enumerate(fixes, start=1):
        assert line.startswith(f"{number}. O")
        assert " Root cause: " in line and " Fix: " in line
        assert "On this seed" in line or "No what-if measures" in line


def test_the_overview_has_the_hseep_parts(saved_md):
    overview = _section(saved_md, "Exercise overview")
    assert "| Sponsor | Tinyco |" in overview
    assert "| Point of contact | Communications lead, Tinyco, crisis@tinyco.example |" in overview
    assert "| Mission area | Response |" in overview
    assert "| Core capabilities | Public Information and Warning, Operational Coordination |" in (
        overview
    )
    assert "O1 Post a first status update within 1 hour of detection. (Public Information" in (
        overview
    )


def test_sponsor_and_point_of_contact_can_be_given_on_the_command_line(saved, tmp_path):
    out = tmp_path / "aar.md"
    command = ["report", str(saved), "--out", str(out), "--sponsor", "Board of Tinyco"]
    assert main([*command, "--poc", "Ana Ruiz, COO"]) == 0
    overview = _section(out.read_text(encoding="utf-8"), "Exercise overview")
    assert "| Sponsor | Board of Tinyco |" in overview
    assert "| Point of contact | Ana Ruiz, COO |" in overview


def test_each_objective_has_its_core_capability_and_each_area_its_root_cause(flawed_md):
    text = flawed_md
    analysis = _section(text, "Analysis of objectives (EEG ratings)")
    header = (
        "| Objective | Rating | Meaning | Automatic rating | Evaluators' ratings "
        "| Core capability |"
    )
    assert header in analysis
    row = r"\| {} \| \w \| [^|]+ \| \w \| [^|]+ \| {} \|"
    assert re.search(row.format("O1", "Public Information and Warning"), analysis)
    assert re.search(row.format("O2", "Operational Coordination"), analysis)
    areas = _section(text, "Strengths and areas for improvement").split("**Areas for improvement**")
    listed = [line for line in areas[1].splitlines() if line.startswith("- O")]
    assert listed and all(" Root cause: " in line for line in listed)


def test_the_participants_are_the_seats_with_what_the_log_shows(saved_md):
    participants = _section(saved_md, "Participants")
    assert "| Seat | Kind | In the log | People |" in participants
    assert "| Blue \\<team\\> | players (the team) | 2 statements queued | - |" in participants
    assert "| legal | player role | no action of its own | - |" in participants
    assert "| facilitator | controller | 2 turns ended, 1 pause | - |" in participants
    assert "| evaluators | evaluators and observers | 1 note taken | - |" in participants


def test_the_people_at_each_seat_are_named_on_the_command_line(saved, tmp_path):
    out = tmp_path / "aar.md"
    named = ["--participant", "Legal=Ana Ruiz", "--participant", "evaluators=Li Wei"]
    assert main(["report", str(saved), "--out", str(out), *named, "--participant", "legal=Bo"]) == 0
    participants = _section(out.read_text(encoding="utf-8"), "Participants")
    assert "| legal | player role | no action of its own | Ana Ruiz, Bo |" in participants
    assert "| evaluators | evaluators and observers | 1 note taken | Li Wei |" in participants


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("legl=Ana", "'legl' is not a seat of this exercise; use one of social media manager, "
         "communications lead, legal, CEO, facilitator, evaluators (did you mean legal?)."),
        ("Ana Ruiz", "give a seat and a name as ROLE=NAME, e.g. --participant 'legal=Ana Ruiz'."),
    ],
)  # fmt: skip
def test_a_participant_at_no_seat_is_one_sentence(saved, tmp_path, capsys, value, said):
    out = tmp_path / "aar.md"
    assert main(["report", str(saved), "--out", str(out), "--participant", value]) == 2
    error = capsys.readouterr().err
    assert error == f"stormdrill: --participant {value!r}: {said}\n"
    assert not out.exists()


@pytest.fixture(scope="module")
def pdf_report(saved, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "aar.pdf"
    assert main(["report", str(saved), "--format", "pdf", "--out", str(out)]) == 0
    return out


def test_a_pdf_report_parses_with_the_summary_tables_and_figures(pdf_report):
    reader = pypdf.PdfReader(pdf_report)
    assert 3 <= len(reader.pages) <= 30
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    first = " ".join(reader.pages[0].extract_text().split())
    assert first.startswith("After-Action Report / Improvement Plan: Tiny outage")
    assert "Executive summary What happened: a service outage at Tinyco" in first
    assert "The team's answers" in first
    for heading in ("Exercise overview", "Analysis of objectives (EEG ratings)", "Participants"):
        assert heading in text
    assert "Appendix A: Improvement Plan" in text
    assert "<script>alert(1)</script>" in text, "people's words print as written, not as markup"
    assert sum(len(page.images) for page in reader.pages) == 5


def test_a_pdf_prints_accents_and_replaces_what_its_font_cannot_draw():
    document = Document(
        "Violazione dei dati: perché è così",
        "Città",
        (Section("Sintesi", (Paragraph("Ci scusiamo — “è colpa nostra” 🙏"),)),),
    )
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(document)))
    text = reader.pages[0].extract_text()
    assert "Violazione dei dati: perché è così" in text
    assert "Ci scusiamo — “è colpa nostra” ?" in text


def test_an_unwritable_pdf_out_is_one_sentence(saved, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    out = blocker / "aar.pdf"
    assert main(["report", str(saved), "--format", "pdf", "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"stormdrill: cannot write {out} (")
    assert error.endswith("; choose a writable path for --out.\n")
    assert error.count("\n") == 1 and "Traceback" not in error
