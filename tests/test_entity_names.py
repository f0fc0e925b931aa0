"""A registry entry's name as articles in other languages write it (`names: {ru: …, kk: …}`): a
Russian or Kazakh article shows that spelling in its own text and links it to the same page, the
entry's page lists the spellings, and the importer recognises people and places by them."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT, run_builder_here

from newsbuild.importer import import_text
from newsbuild.model import load_registries


def test_an_article_in_another_language_names_and_links_people_as_it_writes_them(languages_site):
    russian = (languages_site / "articles/visa-centre-ru.html").read_text(encoding="utf-8")
    # the attribution "сказал посол Розенблюм." links the name as the article writes it
    assert re.search(
        r'сказал посол <a href="\.\./people/daniel-rosenblum\.html">Розенблюм</a>', russian
    )
    person = (languages_site / "people/daniel-rosenblum.html").read_text(encoding="utf-8")
    assert (
        '<p class="entity-names">Also written: <span lang="ru">Дэниел Розенблюм</span> (Russian)'
        in person
    )


def test_a_spelling_in_a_language_the_build_does_not_know_is_a_located_error(project):
    people = project / "source/people.yaml"
    text = people.read_text(encoding="utf-8")
    people.write_text(text.replace("{ru: Дэниел", "{xx: Дэниел", 1), encoding="utf-8")
    result = run_builder_here(project)
    assert result.returncode == 1
    line = 1 + next(i for i, line in enumerate(text.splitlines()) if "{ru: Дэниел" in line)
    assert re.search(
        rf"source/people\.yaml:{line}:\d+: daniel-rosenblum\.names\.xx: 'xx' is not a language",
        result.stderr,
    ), result.stderr


@pytest.mark.parametrize(
    "text, places",
    [
        (
            "Токаев встретился с послом США\n\n"
            "АСТАНА – Президент Казахстана Касым-Жомарт Токаев принял посла США.\n\n"
            "«Мы ценим наше партнёрство», — сказал Касым-Жомарт Токаев.\n",
            {"kazakhstan", "united-states"},
        ),
        (
            "Тоқаев АҚШ елшісін қабылдады\n\n"
            "АСТАНА – Қасым-Жомарт Тоқаев Дэниел Розенблюмды қабылдады.\n\n"
            "«Біз серіктестікті бағалаймыз», – деді Қасым-Жомарт Тоқаев.\n",
            set(),
        ),
    ],
)
def test_the_importer_knows_people_and_places_by_their_russian_and_kazakh_spellings(text, places):
    draft = import_text(text, load_registries(ROOT / "source"))
    assert [q["speaker"] for q in draft.quotes] == ["kassym-jomart-tokayev"]
    assert draft.proposed_people == []
    assert places <= set(draft.places)
