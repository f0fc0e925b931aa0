"""newsbuild/search_index.js: the index parts are MiniSearch's own index of the documents, and a rebuild that
reuses the analyses of unchanged documents, or patches the last build's parts, writes the same bytes
as a build from nothing."""

import json
import random
import shutil
import subprocess

import pytest
from helpers import ROOT

from newsbuild.search_documents import text_key
from newsbuild.search_index import IndexBuilder, SearchIndexError

BUILDER = ROOT / "newsbuild" / "search_index.js"
WORDS = (
    "trade investment embassy ambassador Kazakhstan Astana energy uranium security visa student grain "
    "oil pipeline minister foreign affairs cooperation summit treaty nuclear Tokayev's U.S. 3.5 José "
    "Қазақстан экономика сотрудничество инвестиции посол Алматы ёлка straße İstanbul"
).split()


def documents(count, seed=1):
    rng = random.Random(seed)
    docs = []
    for number in range(count):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 120)))
        docs.append(
            {
                "location": f"articles/a-{number:04d}.html",
                "title": " ".join(rng.sample(WORDS, 3)),
                "lead": " ".join(rng.sample(WORDS, 6)) if number % 3 else "",
                "text": text,
                # each analysed in its language: English and Russian stems, Kazakh words as they are
                "language": ("en", "ru", "kk", "en-GB")[number % 4],
                "kind": "article" if number % 5 else "entity",
                "label": "Article",
                "date": "2024-01-01",
                "publication": "The Daily",
                "snippet": text[:40],
            }
        )
    return docs


def build(
    docs,
    out,
    cache=None,
    previous=None,
    with_text=None,
    expect_failure=False,
    keep_keys=None,
    streamed=True,
):
    """newsbuild/search_index.js run as the search stage runs it: each document's text sent to be analysed
    (with_text: only these documents', as a dirty build renders only the pages that changed), then every
    document, with its key and without its text. Not streamed: the texts come with the documents."""
    messages, sent = [], []
    for doc in docs:
        doc["key"] = text_key(doc["title"], doc["lead"], doc["text"], doc["language"])
        without_text = {name: value for name, value in doc.items() if name != "text"}
        if with_text is None or doc["location"] in with_text:
            if streamed:
                messages.append({"analyse": doc})
            sent.append(without_text if streamed else doc)
        else:
            sent.append(without_text)
    messages.append(
        {
            "documents": sent,
            "keepKeys": keep_keys,
            "out": str(out),
            "previous": previous and str(previous),
        }
    )
    done = subprocess.run(
        ["node", str(BUILDER)] + ([str(cache)] if cache else []),
        input="".join(json.dumps(message) + "\n" for message in messages),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    if expect_failure:
        assert done.returncode != 0
        return done.stderr
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def docs():
    return documents(300)


def test_the_parts_hold_minisearchs_own_index_of_the_documents(docs, tmp_path):
    build(docs, tmp_path / "parts")
    check = r"""
    const fs = require("fs"), path = require("path");
    const MiniSearch = require("minisearch");
    const SearchText = require("./docs/assets/javascripts/workers/search-text.js");
    const SearchLayout = require("./docs/assets/javascripts/workers/search-layout.js");
    const [dir, docsFile] = process.argv.slice(1);
    const parts = {};
    global.searchPart = (name, data) => { parts[name] = data; };
    for (const file of fs.readdirSync(dir)) eval(fs.readFileSync(path.join(dir, file), "utf8"));
    const docs = JSON.parse(fs.readFileSync(docsFile, "utf8"));
    const whole = new MiniSearch({ ...SearchText.miniSearchOptions, idField: "number" });
    whole.addAll(docs.map((doc, number) => ({ ...doc, number })));
    const own = whole.toJSON();
    const written = new Map();
    for (const name of parts.meta.parts) for (const [term, packed] of parts[name]) written.set(term, packed);
    const problems = [];
    if (written.size !== own.index.length) problems.push(`${written.size} terms written, MiniSearch has ${own.index.length}`);
    for (const [term, fields] of own.index) {
      const capped = Object.fromEntries(Object.entries(fields).map(([f, docs]) =>
        [f, Object.fromEntries(Object.entries(docs).map(([d, n]) => [d, Math.min(n, 35)]))]));
      if (JSON.stringify(SearchLayout.packPostings(capped)) !== JSON.stringify(written.get(term))) problems.push(term);
    }
    if (JSON.stringify(own.averageFieldLength) !== JSON.stringify(parts.meta.averageFieldLength)) problems.push("averages");
    console.log(JSON.stringify(problems.slice(0, 10)));
    """
    (tmp_path / "docs.json").write_text(json.dumps(docs), encoding="utf-8")
    done = subprocess.run(
        ["node", "-e", check, str(tmp_path / "parts"), str(tmp_path / "docs.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_reused_analyses_give_the_same_parts(docs, tmp_path):
    assert build(docs, tmp_path / "plain", streamed=False)["analysed"] == 300
    assert build(docs, tmp_path / "cold", tmp_path / "cache")["analysed"] == 300
    assert build(docs, tmp_path / "warm", tmp_path / "cache")["analysed"] == 0
    assert files(tmp_path / "plain") == files(tmp_path / "cold") == files(tmp_path / "warm")


def edit_in_place(docs):
    docs[3]["text"] += " Қазақстан zanzibar Ministry of Foreign Affairs"
    docs[150]["text"] = docs[150]["text"].replace("trade", "commerce")
    docs[299]["title"] = "A title of its own"
    docs[200]["lead"] = ""


def grow_a_part_past_its_size(docs):
    # thousands of new words under one prefix: their part must now be split, as a build from nothing splits it
    docs[10]["text"] += " " + " ".join(f"zq{n:05d}x" for n in range(6000))


def add_and_remove(docs):
    docs.insert(40, {**docs[41], "location": "articles/new.html", "text": "brand new words"})
    del docs[100]


@pytest.mark.parametrize(
    "change, patched",
    [(edit_in_place, True), (grow_a_part_past_its_size, True), (add_and_remove, False)],
)
def test_a_rebuild_after_a_change_writes_what_a_build_from_nothing_writes(
    docs, tmp_path, change, patched
):
    cache = tmp_path / "cache"
    build(docs, tmp_path / "before", cache)
    before = {doc["location"]: doc["key"] for doc in docs}
    change(docs)
    changed = {
        doc["location"]
        for doc in docs
        if before.get(doc["location"])
        != text_key(doc["title"], doc["lead"], doc["text"], doc["language"])
    }
    summary = build(
        docs, tmp_path / "after", cache, previous=tmp_path / "before", with_text=changed
    )
    assert summary["patched"] is patched
    assert summary["analysed"] <= 4
    build(docs, tmp_path / "fresh")
    assert files(tmp_path / "after") == files(tmp_path / "fresh")
    # the same again from the patched parts themselves, in place: nothing changes
    assert build(docs, tmp_path / "after", cache, previous=tmp_path / "after")["patched"]
    assert files(tmp_path / "after") == files(tmp_path / "fresh")


def test_a_missing_or_damaged_earlier_build_is_merged_again(docs, tmp_path):
    cache = tmp_path / "cache"
    build(docs, tmp_path / "before", cache)
    edit_in_place(docs)
    first_part = next(p for p in (tmp_path / "before").iterdir() if p.name.startswith("t"))
    # cut short
    first_part.write_text(first_part.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    summary = build(docs, tmp_path / "after", cache, previous=tmp_path / "before")
    assert summary["patched"] is False
    build(docs, tmp_path / "fresh")
    assert files(tmp_path / "after") == files(tmp_path / "fresh")


def test_a_document_without_text_or_kept_terms_is_a_clear_error(docs, tmp_path):
    build(docs, tmp_path / "before", tmp_path / "cache")
    # the kept terms, and what a patch needs: the documents must be merged again
    shutil.rmtree(tmp_path / "cache")
    error = build(
        docs,
        tmp_path / "after",
        tmp_path / "cache",
        previous=tmp_path / "before",
        with_text=set(),
        expect_failure=True,
    )
    assert "no text, and no terms kept, for the search document of articles/a-0000.html" in error


def test_a_clean_build_deletes_the_analyses_no_site_refers_to(docs, tmp_path):
    cache = tmp_path / "cache"
    build(docs, tmp_path / "all", cache)
    (kept_folder,) = (cache / "analyses").iterdir()
    # what another site directory's state still refers to
    others = [doc["key"] for doc in docs[250:260]]
    build(docs[:200], tmp_path / "some", cache)  # a dirty build (no keepKeys) deletes nothing
    assert len(list(kept_folder.iterdir())) == 300
    build(docs[:200], tmp_path / "clean", cache, keep_keys=others)
    assert sorted(p.name for p in kept_folder.iterdir()) == sorted(
        {doc["key"] for doc in docs[:200]} | set(others)
    )


def test_an_index_builder_that_fails_mid_build_stops_the_build_with_its_error(docs, tmp_path):
    """The documents stream to newsbuild/search_index.js as pages are rendered: when it fails (here it cannot make
    its cache folder), the build stops with what went wrong, whether the pipe is still open or already closed."""
    (tmp_path / "cache").write_text("a file where the cache folder should be", encoding="utf-8")
    builder = IndexBuilder(tmp_path / "cache")
    with pytest.raises(
        SearchIndexError,
        match=r"building the search index failed:\nError: ENOTDIR(.|\n)*make rebuild",
    ):
        for doc in docs:
            doc["key"] = text_key(doc["title"], doc["lead"], doc["text"], doc["language"])
            builder.analyse(doc)
        builder.finish(
            {"documents": [], "keepKeys": None, "out": str(tmp_path / "parts"), "previous": None}
        )
    assert builder.process.returncode == 1


def test_an_index_builder_that_fails_at_the_end_stops_the_build_with_its_error(docs, tmp_path):
    builder = IndexBuilder(tmp_path / "cache")
    docs[0]["key"] = text_key(
        docs[0]["title"], docs[0]["lead"], docs[0]["text"], docs[0]["language"]
    )
    without_text = {name: value for name, value in docs[0].items() if name != "text"}
    with pytest.raises(
        SearchIndexError,
        match=r"no text, and no terms kept, for the search document of "
        r"articles/a-0000\.html(.|\n)*make rebuild",
    ):
        builder.finish(
            {
                "documents": [without_text],
                "keepKeys": None,
                "out": str(tmp_path / "parts"),
                "previous": None,
            }
        )
