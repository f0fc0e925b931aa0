"""Interviews in question-and-answer form: `question:` blocks, the quotes after each its answers. The
article page sets the questions in bold after the asker's name and each answer after its speaker's
name, once per answer; the interviewee's page lists the answers like quotes (real `mkdocs build`)."""

from __future__ import annotations

import re

from helpers import article_text, build_site, copy_project, run_builder_here

INTERVIEW = """\
title: "Consul on student visas: «a week, no more»"
publication: astana-times
published: 2024-05-14
dateline: ALMATY
source_url: https://example.org/interview
summary: The consul answers questions on student visas.
language: en
interview:
  interviewer: ainur-imangali
  medium: silk-way-tv
people: [daniel-rosenblum, ainur-imangali]
themes: [visas-travel]
body:
  - paragraph: The ambassador took questions from a television journalist and from readers.
  - question: How long does a student wait for a visa <b>today</b>?
  - quote: A week at most, and less in summer.
    speaker: daniel-rosenblum
  - quote: We read student applications first & answer within days.
    speaker: daniel-rosenblum
  - question: Will more slots open in Almaty?
    interviewer: "A reader, Shymkent"
  - quote: Two more windows open next month.
    speaker: daniel-rosenblum
    themes: [visas-travel]
  - paragraph: The interview was recorded in Almaty.
"""


def test_an_interview_shows_bold_questions_and_attributed_answers_listed_on_the_persons_page(
    tmp_path,
):
    project = copy_project(tmp_path / "project")
    (project / "source/articles/consul-interview.yaml").write_text(INTERVIEW, encoding="utf-8")
    site = build_site(project)
    page = (site / "articles/consul-interview.html").read_text(encoding="utf-8")
    questions = re.findall(r'<p class="article-question"[^>]*>(.*?)</p>', page, re.S)
    assert len(questions) == 2
    # the asker: the article's interviewer, else the question's own; the text escaped, never markup
    assert questions[0].startswith('<strong><span class="article-asker">Ainur Imangali:</span> ')
    assert "&lt;b&gt;today&lt;/b&gt;?" in questions[0] and "<b>" not in questions[0]
    assert '<span class="article-asker">A reader, Shymkent:</span>' in questions[1]
    answers = re.findall(r'<p class="article-answer"[^>]*>(.*?)</p>', page, re.S)
    assert len(answers) == 3
    named = [a for a in answers if "article-asker" in a]
    # the name before each answer's first paragraph, not before the paragraph that goes on with it
    assert len(named) == 2 and all('href="../people/daniel-rosenblum.html"' in a for a in named)
    assert answers[1] == "We read student applications first &amp; answer within days."
    text = article_text(page)
    assert "Daniel Rosenblum: A week at most, and less in summer." in text
    # an answer is a quote: on the interviewee's page, linked to its anchor
    person = (site / "people/daniel-rosenblum.html").read_text(encoding="utf-8")
    assert "Two more windows open next month." in article_text(person)
    assert re.search(r'href="\.\./articles/consul-interview\.html#q-[0-9a-f]{8}"', person)
    # and the theme's page lists the answer tagged with it
    theme = (site / "themes/visas-travel.html").read_text(encoding="utf-8")
    assert "Two more windows open next month." in article_text(theme)


def test_a_question_with_a_speaker_or_a_paragraph_with_an_interviewer_is_refused_where_it_is(
    tmp_path,
):
    project = copy_project(tmp_path / "project")
    text = INTERVIEW.replace(
        "  - question: Will more slots open in Almaty?\n",
        "  - question: Will more slots open in Almaty?\n    speaker: daniel-rosenblum\n",
    ).replace(
        "  - paragraph: The interview was recorded in Almaty.\n",
        "  - paragraph: The interview was recorded in Almaty.\n    interviewer: Someone\n",
    )
    source = project / "source/articles/consul-interview.yaml"
    source.write_text(text, encoding="utf-8")
    result = run_builder_here(project, "check")
    assert result.returncode == 1
    lines = text.splitlines()
    speaker_line = lines.index("    speaker: daniel-rosenblum", 20) + 1
    interviewer_line = lines.index("    interviewer: Someone") + 1
    assert (
        f"source/articles/consul-interview.yaml:{speaker_line}:14: body.4.speaker: 'speaker' "
        "belongs to quotes" in result.stderr
    ), result.stderr
    assert (
        f"source/articles/consul-interview.yaml:{interviewer_line}:18: body.6.interviewer: "
        "'interviewer' belongs to questions" in result.stderr
    ), result.stderr
