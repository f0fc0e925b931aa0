"""`build_pages.py import`: plain text → draft article, with nothing of the text lost."""

import re

import pytest
import yaml

from helpers import ROOT, run_builder
from newsbuild.importer import import_text, read_text, rejoin, rejoin_captions
from newsbuild.model import load_registries
from newsbuild.problems import SourceError

SEED = (ROOT / "tests/fixtures/seed-rosenblum.txt").read_bytes()
REGISTRIES = load_registries(ROOT / "source")

EDGE_CASES = {
    "crlf": b"A headline\r\n\r\nASTANA \xe2\x80\x93 Trade grew again this year.\r\n\r\n\xe2\x80\x9cWe are pleased,\xe2\x80\x9d said Rosenblum.\r\n",
    "straight_quotes": '''Talks continue\n\nASTANA - Officials met on Monday.\n\n"We will keep working together," Rosenblum said.\n\n"It is a good partnership," he added.\n'''.encode(),
    "no_dateline": "Visas made easier\n\nLast year, visa rules changed for travellers.\n\nMore changes may follow.\n".encode(),
    "no_caption": "Trade rises\n\nALMATYTrade rose by a tenth.\n".encode(),
    "several_captions": ("Two photos\n\nASTANA – A meeting took place.\n\nThe delegation arrives. Photo credit: Embassy press office.\n\n"
                         "Ministers shake hands. Photo: Kazinform.\n\nTalks lasted two hours.\n").encode(),
    "quote_over_two_paragraphs": ("Long quote\n\nASTANA – Antony Blinken spoke at length.\n\n“The first part of what I want to say.\n\n"
                                  "“And the second part, which ends here,” Blinken said.\n\nThe meeting ended.\n").encode(),
    "attribution_before": "Before\n\nASTANA – The president spoke.\n\nKassym-Jomart Tokayev said: “We value this partnership.”\n\nRosenblum added: “So do we.”\n".encode(),
    "cyrillic": "Посол о сотрудничестве\n\nАСТАНА – В прошлом году товарооборот превысил 3 миллиарда долларов.\n\n«Мы видим рост инвестиций», — сказал Розенблюм.\n".encode(),
    "unknown_speaker": "Voices\n\nASTANA – Many spoke.\n\n“This is a quote from someone,” said a spokesperson.\n".encode(),
}


CAPTION_LINE = re.compile(r"\b(Photo credit|Photo|Credit)\s*:")


def comparable(text: str) -> str:
    """Text as the no-loss property compares it: without whitespace, with one kind of quotation mark
    (the site sets quotes in “ ”) and one caption label."""
    text = re.sub(r"\b(Photo credit|Photo|Credit)\s*:", "Photo credit:", text)
    text = re.sub(r"(Photo credit:[^\n]*?)\.?\s*$", r"\1.", text, flags=re.M)
    text = re.sub("[“”\"«»„]", '"', text)
    return "".join(text.split())


def assert_nothing_lost(raw: bytes, draft):
    """Title and body joined back = the input less removed boilerplate and captions; captions likewise."""
    lines = [line.strip() for line in read_text("input.txt", raw).split("\n") if line.strip()]
    removed = {line for _, line in draft.removed}
    captions = [line for line in lines[1:] if CAPTION_LINE.search(line) and line not in removed]
    kept = [line for line in lines if line not in removed and line not in captions]
    if draft.dateline:  # the dash between dateline and text is a separator, not text
        kept[1] = re.sub(rf"^{re.escape(draft.dateline)}\s*[–—-]?\s*", draft.dateline, kept[1])
    assert comparable(rejoin(draft)) == comparable("\n".join(kept))
    assert [comparable(c) for c in rejoin_captions(draft)] == [comparable(c) for c in captions]


def test_seed_round_trip_reproduces_the_shipped_article():
    draft = import_text(read_text("seed.txt", SEED), REGISTRIES)
    shipped = yaml.safe_load((ROOT / "source/articles/rosenblum-kazakh-american-relations.yaml").read_text(encoding="utf-8"))
    assert draft.title == shipped["title"]
    assert draft.dateline == shipped["dateline"] == "ASTANA"
    assert draft.publication == shipped["publication"]
    assert [(m["caption"], m["credit"]) for m in draft.media] == [(m["caption"], m["credit"]) for m in shipped["media"]]
    strip = lambda blocks: [{k: " ".join(v.split()) for k, v in b.items() if k in ("paragraph", "quote", "speaker", "attribution", "lead_in")} for b in blocks]
    assert strip(draft.body) == strip(shipped["body"])
    assert set(draft.people) == set(shipped["people"])
    assert len(draft.removed) == 1 and draft.removed[0][1].startswith("Get The Astana Times stories")
    assert_nothing_lost(SEED, draft)


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_nothing_of_the_text_is_lost(name):
    raw = EDGE_CASES[name]
    assert_nothing_lost(raw, import_text(read_text(f"{name}.txt", raw), REGISTRIES))


def test_dateline_glued_dashed_or_absent():
    assert import_text(read_text("a", EDGE_CASES["no_caption"]), REGISTRIES).dateline == "ALMATY"
    assert import_text(read_text("a", EDGE_CASES["crlf"]), REGISTRIES).dateline == "ASTANA"
    draft = import_text(read_text("a", EDGE_CASES["no_dateline"]), REGISTRIES)
    assert draft.dateline is None and draft.body[0]["paragraph"].startswith("Last year")
    assert import_text(read_text("a", EDGE_CASES["cyrillic"]), REGISTRIES).dateline == "АСТАНА"


def test_quotes_and_speakers():
    straight = import_text(read_text("a", EDGE_CASES["straight_quotes"]), REGISTRIES).body
    assert [b.get("speaker") for b in straight[1:]] == ["daniel-rosenblum", "daniel-rosenblum"]  # "he added" = previous
    assert straight[1]["quote"] == "We will keep working together,"
    before = import_text(read_text("a", EDGE_CASES["attribution_before"]), REGISTRIES).body
    assert before[1] == {"quote": "We value this partnership.", "speaker": "kassym-jomart-tokayev",
                         "lead_in": "Kassym-Jomart Tokayev said:"}
    assert before[2]["speaker"] == "daniel-rosenblum"
    spanning = import_text(read_text("a", EDGE_CASES["quote_over_two_paragraphs"]), REGISTRIES).body
    assert len(spanning) == 3 and spanning[1]["speaker"] == "antony-blinken"
    assert spanning[1]["quote"].startswith("The first part") and spanning[1]["quote"].endswith("ends here,")
    unknown = import_text(read_text("a", EDGE_CASES["unknown_speaker"]), REGISTRIES).body[1]
    assert unknown["speaker"].startswith("FILL IN:")


def test_captions():
    assert import_text(read_text("a", EDGE_CASES["no_caption"]), REGISTRIES).media == []
    media = import_text(read_text("a", EDGE_CASES["several_captions"]), REGISTRIES).media
    assert [(m["caption"], m["credit"]) for m in media] == [
        ("The delegation arrives.", "Embassy press office"), ("Ministers shake hands.", "Kazinform")]


@pytest.mark.parametrize("raw, message", [(b"", "the file is empty"), (b"  \n\n", "the file is empty"),
                                          (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
                                          (b"caf\xe9 au lait\n", "not UTF-8")])
def test_files_that_are_not_articles_are_refused(raw, message):
    with pytest.raises(SourceError) as caught:
        read_text("x.txt", raw)
    assert message in str(caught.value.problems[0])


def test_cli_workflow_import_check_fill_build(project, tmp_path):
    seed = tmp_path / "seed.txt"
    seed.write_bytes(SEED)
    draft_path = project / "source/articles/imported.yaml"
    result = run_builder(project, "import", str(seed), "-o", str(draft_path))
    assert result.returncode == 0, result.stderr
    assert "removed publisher boilerplate: Get The Astana Times" in result.stderr
    again = run_builder(project, "import", str(seed), "-o", str(draft_path))
    assert again.returncode == 1 and "already exists" in again.stderr

    check = run_builder(project, "check")
    assert check.returncode == 1
    assert "source/articles/imported.yaml:5:12: published: still to fill in: publication date" in check.stderr
    text = draft_path.read_text(encoding="utf-8")
    text = re.sub(r'published: "FILL IN:[^"]*"', 'published: "2023-08"', text)
    text = re.sub(r'source_url: "FILL IN:[^"]*"', "source_url: https://astanatimes.com/2023/08/x/", text)
    text = re.sub(r'summary: "FILL IN:[^"]*"', "summary: The interview, imported.", text)
    draft_path.write_text(text, encoding="utf-8")
    assert run_builder(project, "check").returncode == 0
    assert run_builder(project).returncode == 0
    assert (project / "docs/articles/imported.md").exists()


def test_import_to_stdout_and_usage_errors(project, tmp_path):
    seed = tmp_path / "seed.txt"
    seed.write_bytes(SEED)
    result = run_builder(project, "import", str(seed))
    assert result.returncode == 0 and result.stdout.startswith("# yaml-language-server")
    assert run_builder(project, "import", str(seed), "--publication", "astana-time").returncode == 2
    assert run_builder(project, "import").returncode == 2
