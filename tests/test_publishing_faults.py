"""Publishing under faults: a withdrawal always goes out, nothing unpublished stays downloadable,
and no input stalls or crashes the build without a located message."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile

import pytest
from helpers import (
    ROOT,
    SEED_ARTICLE,
    add_photo_to_seed,
    build_site,
    run_builder,
    run_builder_here,
    run_mkdocs_here,
    search_worker,
)
from PIL import Image

ZIP = "downloads/kazakhstan-u-s-relations-offline.zip"
SEED_PAGE = "articles/rosenblum-kazakh-american-relations.html"
SENTENCE = "bilateral trade between Kazakhstan and the United States surpassed"


def withdraw_seed(project, note="The interview was withdrawn at the broadcaster's request."):
    article = project / SEED_ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace(
            "publication: astana-times\n",
            f'publication: astana-times\nstatus: withdrawn\nwithdrawn_note: "{note}"\n',
            1,
        ),
        encoding="utf-8",
    )


def test_an_article_with_a_photo_can_be_withdrawn_and_the_notice_is_published(project):
    add_photo_to_seed(project)
    site = build_site(project, "--dirty")
    assert SENTENCE in (site / SEED_PAGE).read_text(encoding="utf-8")
    withdraw_seed(project)
    # The photo file is gone too: whatever is wrong with a withdrawn article's media, the notice goes out.
    (project / "source/media/2023/silk-way.jpg").unlink()
    check = run_builder_here(project, "check")
    assert check.returncode == 0, check.stderr
    site = build_site(project, "--dirty")
    page = (site / SEED_PAGE).read_text(encoding="utf-8")
    assert "withdrawn at the broadcaster" in page and SENTENCE not in page
    for file in site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".xml", ".json", ".js"):
            assert SENTENCE not in file.read_text(encoding="utf-8", errors="replace"), file
    assert not list((project / "docs/media").glob("*/*.jpg")), (
        "the withdrawn article's photo stays published"
    )


def test_a_stale_offline_zip_is_never_in_the_site(project):
    from newsbuild.build import stamp_offline_zip
    from newsbuild.settings import read_settings

    assert run_builder_here(project).returncode == 0
    (project / "docs/downloads").mkdir()
    with zipfile.ZipFile(
        project / "docs" / ZIP, "w"
    ) as bundle:  # stands in for `make offline`'s zip
        bundle.writestr("site-offline/index.html", SENTENCE)
    stamp_offline_zip(project / "source", project / "docs", read_settings(project / "mkdocs.yml"))
    site = build_site(project, "--dirty")
    assert (site / ZIP).is_file() and ZIP in (site / "index.html").read_text(encoding="utf-8")

    withdraw_seed(project)
    result = run_builder_here(project)
    assert result.returncode == 0, result.stderr
    assert "made from an older source" in result.stderr and "make offline" in result.stderr
    assert not (project / "docs" / ZIP).exists()
    assert run_mkdocs_here(project, "--dirty").returncode == 0
    assert not (site / ZIP).exists(), "a zip with the withdrawn text is still served"
    assert not list(site.rglob("*.zip"))
    again = run_builder_here(project)
    assert again.returncode == 0 and again.stdout.startswith("up to date"), (
        again.stdout + again.stderr
    )


def run_index_builder(documents, out):
    """newsbuild/search_index.js as a build runs it: each document analysed, then the index of them all."""
    from newsbuild.search_documents import text_key

    messages = []
    for doc in documents:
        doc.update(
            kind="article",
            label="Article",
            date="2024-01-01",
            publication="",
            snippet="",
            key=text_key(doc["title"], doc["lead"], doc["text"]),
        )
        messages.append({"analyse": doc})
    sent = [{name: value for name, value in doc.items() if name != "text"} for doc in documents]
    messages.append({"documents": sent, "keepKeys": None, "out": str(out), "previous": None})
    return subprocess.run(
        ["node", str(ROOT / "newsbuild/search_index.js")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        input="".join(json.dumps(m) + "\n" for m in messages),
        timeout=60,
    )


def test_one_very_long_word_is_indexed_by_its_first_64_letters_in_linear_time(tmp_path):
    long_word = "a" * 101_000
    documents = [
        {
            "location": "articles/long.html",
            "title": "Long",
            "lead": "",
            "text": f"trade {long_word} talks",
        },
        {"location": "articles/dots.html", "title": "Dots", "lead": "", "text": "a." * 250_000},
        {
            "location": "articles/both.html",
            "title": "Both",
            "lead": long_word,
            "text": "ы" * 120_000,
        },
    ]
    done = run_index_builder(documents, tmp_path / "parts")
    assert done.returncode == 0, done.stderr
    terms = set()
    for part in (tmp_path / "parts").glob("*.js"):
        terms.update(re.findall(r'\["([^"\\]*)",', part.read_text(encoding="utf-8")))
    assert "a" * 64 in terms and "ы" * 64 in terms
    # a word pair: two capped words and a space
    assert max(len(term) for term in terms) <= 2 * 64 + 1


def test_the_index_builder_stops_at_its_time_limit_with_the_longest_page_named(tmp_path):

    from newsbuild.search_documents import text_key
    from newsbuild.search_index import IndexBuilder, SearchIndexError

    builder = IndexBuilder(tmp_path / "cache", time_limit=0.001)
    for number in range(400):
        text = f"word{number} " * (2000 if number == 7 else 50)
        builder.analyse(
            {
                "location": f"articles/a{number}.html",
                "title": "T",
                "lead": "",
                "text": text,
                "key": text_key("T", "", text),
            }
        )
    with pytest.raises(
        SearchIndexError,
        match=r"^articles/a7\.html: building the search index took more than 0\.001 s",
    ):
        builder.finish(
            {"documents": [], "keepKeys": None, "out": str(tmp_path / "parts"), "previous": None}
        )
    assert builder.process.poll() is not None  # stopped, not left running


def test_a_query_counts_its_first_32_words_each_by_its_first_64_letters(built_site):
    _, site = built_site
    assert "articles/rosenblum-kazakh-american-relations.html" in search_worker(site, "visas")
    # A pasted 30,000-letter word costs what its first 64 letters cost (typo matching grows with its square).
    long_word = "visas" + "x" * 30_000
    assert search_worker(site, long_word) == search_worker(site, long_word[:64])
    # 5,000 exclusions: the first 32 words count, the rest (here the word searched for) are left out.
    assert search_worker(site, " ".join(f"-word{n}" for n in range(5000)) + " visas") == []
    assert search_worker(site, " ".join(f"-word{n}" for n in range(31)) + " visas") != []


CANARIES = (
    b"CANARY-EXIF",
    b"CANARY-GPS",
    b"CANARY-XMP",
    b"CANARY-COM",
    b"CANARY-TEXT",
    b"CANARY-ITXT",
)


def photo_with_every_metadata_kind(path, fmt, icc=True):
    """A photo carrying every kind of metadata its format can: EXIF (with GPS), XMP, an ICC profile, and
    a JPEG comment with markup in it or PNG text chunks, each with a canary."""
    from PIL import Image, ImageCms, PngImagePlugin

    exif = Image.Exif()
    exif[0x010E] = "CANARY-EXIF"  # ImageDescription
    exif.get_ifd(0x8825)[0x001B] = b"ASCII\0\0\0CANARY-GPS"  # GPSProcessingMethod
    options = {"exif": exif, "xmp": b'<x:xmpmeta xmlns:x="adobe:ns:meta/">CANARY-XMP</x:xmpmeta>'}
    if icc:  # a photo with a profile is converted to sRGB, one without it is taken as it is
        options["icc_profile"] = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    if fmt == "JPEG":
        options["comment"] = b"<script>alert('CANARY-COM')</script>"
    if fmt == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", "CANARY-TEXT")
        text.add_itxt("XML:com.adobe.xmp", "CANARY-ITXT")
        options["pnginfo"] = text
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (900, 600), (40, 90, 160)).save(path, fmt, **options)
    # the original does carry them
    assert sum(canary in path.read_bytes() for canary in CANARIES) >= 3


def jpeg_markers(data: bytes) -> list[int]:
    """The markers of a JPEG's segments, up to the image data."""
    markers, at = [], 2
    while at < len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            break
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return markers


def webp_chunks(data: bytes) -> list[bytes]:
    """The kinds of a WebP file's RIFF chunks."""
    kinds, at = [], 12
    while at + 8 <= len(data):
        kinds.append(data[at : at + 4])
        size = int.from_bytes(data[at + 4 : at + 8], "little")
        at += 8 + size + size % 2
    return kinds


@pytest.mark.parametrize("icc", [True, False])
@pytest.mark.parametrize(
    "fmt, name", [("JPEG", "meta.jpg"), ("PNG", "meta.png"), ("WEBP", "meta.webp")]
)
def test_photo_variants_carry_no_metadata_of_any_kind(project, fmt, name, icc):
    from PIL import Image

    photo_with_every_metadata_kind(project / "source/media" / name, fmt, icc)
    add_photo_to_seed(project)
    article = project / SEED_ARTICLE
    article.write_text(
        article.read_text(encoding="utf-8").replace("image: 2023/silk-way.jpg", f"image: {name}"),
        encoding="utf-8",
    )
    result = run_builder_here(project)
    assert result.returncode == 0, result.stderr
    files = [f for f in (project / "docs/media").glob("*/*") if f.suffix in (".jpg", ".webp")]
    assert len(files) == 6
    for file in files:
        data = file.read_bytes()
        assert not [canary for canary in CANARIES if canary in data], file.name
        with Image.open(file) as image:
            assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info), (
                file.name,
                image.info.keys(),
            )
        # only JFIF, tables, frame and scan: no APPn but APP0, no COM (0xFE)
        if file.suffix == ".jpg":
            assert set(jpeg_markers(data)) <= {0xE0, 0xDB, 0xC0, 0xC2, 0xC4, 0xDD, 0xDA}, (
                jpeg_markers(data)
            )
        else:  # only the picture's chunks: no EXIF, XMP or ICCP
            assert set(webp_chunks(data)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}, webp_chunks(data)


def seed_photo(project, name):
    """The seed article's photo entry pointed at source/media/<name> (which the test makes)."""
    add_photo_to_seed(project)
    article = project / SEED_ARTICLE
    article.write_text(
        article.read_text(encoding="utf-8").replace("image: 2023/silk-way.jpg", f"image: {name}"),
        encoding="utf-8",
    )
    return project / "source/media" / name


def webp_sizes(project):
    from PIL import Image

    return sorted(Image.open(f).size for f in (project / "docs/media").glob("*/*.webp"))


def test_a_very_tall_infographic_gets_variants_within_webps_limits(project):
    from PIL import Image

    Image.new("RGB", (1000, 17000), (200, 200, 200)).save(seed_photo(project, "tall.png"))
    result = run_builder_here(project)
    assert result.returncode == 0, result.stderr
    assert webp_sizes(project) == [(320, 5440), (640, 10880), (963, 16371)]


def test_a_very_wide_banner_gets_variants_at_least_one_pixel_high(project):
    from PIL import Image

    Image.new("RGB", (40000, 1), (200, 200, 200)).save(seed_photo(project, "wide.png"))
    result = run_builder_here(project)
    assert result.returncode == 0, result.stderr
    assert webp_sizes(project) == [(320, 1), (640, 1), (1024, 1), (1600, 1)]


def test_an_image_no_variant_can_hold_is_refused_by_check_with_its_location(project):
    from PIL import Image

    Image.new("L", (1, 20000), 128).save(seed_photo(project, "line.png"))
    for command in (("check",), ()):
        result = run_builder_here(project, *command)
        assert result.returncode == 1
        assert re.search(
            r"rosenblum-kazakh-american-relations\.yaml:\d+:\d+: media\.0\.image: source/media/line\.png "
            r"is 1 × 20000 pixels: no photo variant can be narrow enough",
            result.stderr,
        ), result.stderr
        assert "Traceback" not in result.stderr


def test_a_phones_mpo_jpeg_is_taken_as_the_jpeg_it_starts_with(project):
    from PIL import Image

    first, second = (
        Image.new("RGB", (800, 600), (200, 30, 30)),
        Image.new("RGB", (800, 600), (30, 30, 200)),
    )
    first.save(seed_photo(project, "phone.jpg"), "MPO", save_all=True, append_images=[second])
    assert Image.open(project / "source/media/phone.jpg").format == "MPO"
    result = run_builder_here(project)
    assert result.returncode == 0, result.stderr
    assert webp_sizes(project) == [(320, 240), (640, 480), (800, 600)]
    (variant,) = [f for f in (project / "docs/media").glob("*/*-800x600.jpg")]
    red, green, blue = Image.open(variant).getpixel((400, 300))
    assert red > 150 and blue < 80  # the first picture, not the second


def test_a_16_bit_grey_png_keeps_its_tones(project):
    from PIL import Image

    grey = Image.new("I;16", (400, 300), 16384)  # a quarter of full scale: dark grey, not white
    grey.save(seed_photo(project, "scan.png"))
    result = run_builder_here(project)
    assert result.returncode == 0, result.stderr
    for variant in (project / "docs/media").glob("*/*.jpg"):
        value = Image.open(variant).convert("L").getpixel((10, 10))
        assert 55 <= value <= 72, value  # 16384 / 257 = 64


def test_a_killed_builds_photo_work_folder_is_removed_by_the_next_build(project):
    add_photo_to_seed(project)
    leftover = project / "docs/.media-k1ll3d/0123456789abcdef"
    leftover.mkdir(parents=True)
    (leftover / "photo-320x200.webp").write_bytes(b"half")
    result = run_builder_here(project)
    assert result.returncode == 0, result.stderr
    assert not list((project / "docs").glob(".media-*"))


def test_a_media_folder_linked_from_outside_source_is_refused(project, tmp_path):
    outside = tmp_path / "elsewhere"
    add_photo_to_seed(project)
    (project / "source/media").rename(outside)
    (project / "source/media").symlink_to(outside)
    result = run_builder_here(project)
    assert (
        result.returncode == 1
        and "media.0.image: '2023/silk-way.jpg' is outside source/media/" in result.stderr
    )
    assert not (project / "docs/media").exists()


@pytest.mark.parametrize(
    "fifo", ["source/media/2023/silk-way.jpg", "source/articles/pipe.yaml", "source/people.yaml"]
)
def test_a_fifo_in_source_is_a_located_error_not_a_hang(project, fifo):
    import os

    add_photo_to_seed(project)
    path = project / fifo
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    for command in (("check",), ()):
        result = run_builder(project, *command)  # run_builder's timeout fails the test if it hangs
        assert result.returncode == 1, result.stdout + result.stderr
        assert "not a regular file" in result.stderr and "Traceback" not in result.stderr


DRAFT_WITH_NEW_PEOPLE = """\
title: "Embargoed: A New Envoy Named"
publication: astana-times
published: "2024-05-01"
status: draft
dateline: ASTANA
source_url: https://astanatimes.example/new-envoy
summary: A new envoy is named.
people: [zarina-canarybek]
organizations: [canary-trade-council]
places: [canaryville]
themes: [canary-theme]
body:
  - quote: "We will open the talks in June."
    speaker: zarina-canarybek
    themes: [canary-theme]
"""
NEW_ENTRIES = {
    "people": "zarina-canarybek:\n  name: Zarina Canarybek\n  role: Envoy-designate of the CANARYROLE council\n",
    "organizations": "canary-trade-council:\n  name: Canary Trade Council\n  description: A CANARYORG council.\n",
    "places": "canaryville:\n  name: Canaryville\n  description: A CANARYPLACE town.\n",
    "themes": "canary-theme:\n  name: Canary Talks\n  description: Talks on the CANARYTHEME.\n",
}


def site_text(site) -> str:
    return "\n".join(
        f.read_text(encoding="utf-8", errors="replace")
        for f in site.rglob("*")
        if f.is_file() and f.suffix in (".html", ".xml", ".json", ".js", ".txt", ".md")
    )


def test_registry_entries_named_only_by_unpublished_articles_are_not_published(project):
    for registry, entry in NEW_ENTRIES.items():
        with open(project / "source" / f"{registry}.yaml", "a", encoding="utf-8") as file:
            file.write(entry)
    (project / "source/articles/new-envoy.yaml").write_text(DRAFT_WITH_NEW_PEOPLE, encoding="utf-8")
    check = run_builder_here(project, "check")
    assert check.returncode == 0, check.stderr
    for line in (
        "withheld: source/people.yaml: zarina-canarybek: only unpublished articles name it",
        "withheld: source/organizations.yaml: canary-trade-council:",
        "withheld: source/places.yaml: canaryville:",
        "withheld: source/themes.yaml: canary-theme:",
    ):
        assert line in check.stdout, check.stdout
    site = build_site(project, "--dirty")
    text = site_text(site)
    for canary in (
        "Canarybek",
        "CANARYROLE",
        "Canary Trade",
        "CANARYORG",
        "Canaryville",
        "CANARYPLACE",
        "CANARYTHEME",
    ):
        assert canary not in text
    assert not (site / "people/zarina-canarybek.html").exists()

    article = project / "source/articles/new-envoy.yaml"
    article.write_text(DRAFT_WITH_NEW_PEOPLE.replace("status: draft\n", ""), encoding="utf-8")
    site = build_site(project, "--dirty")
    assert "CANARYROLE" in (site / "people/zarina-canarybek.html").read_text(encoding="utf-8")
    assert "Canary Trade Council" in (site / "organizations/index.html").read_text(encoding="utf-8")


def test_add_people_into_empty_registries_and_one_draft_into_a_new_folder(project, tmp_path):
    import yaml

    (project / SEED_ARTICLE).unlink()
    for registry in ("people", "organizations"):
        (project / "source" / f"{registry}.yaml").write_text(
            f"# The {registry} registry.\n{{}}\n", encoding="utf-8"
        )
    story = next(
        p
        for p in (ROOT / "tests/fixtures/import/articles").glob("*.txt")
        if "Tamara Olsen" in p.read_text()
    )
    out = tmp_path / "drafts"
    result = run_builder_here(project, "import", str(story), "-o", f"{out}/", "--add-people")
    assert result.returncode == 0, result.stderr
    # out/<id>.yaml, not a file named drafts
    assert out.is_dir() and len(list(out.glob("*.yaml"))) == 1
    people_text = (project / "source/people.yaml").read_text(encoding="utf-8")
    assert people_text.startswith("# The people registry.\n")
    assert "tamara-olsen" in yaml.safe_load(people_text)
    assert isinstance(
        yaml.safe_load((project / "source/organizations.yaml").read_text(encoding="utf-8")), dict
    )
    # the registries read; what is left is the editor's placeholders
    check = run_builder_here(project, "check")
    assert "YAML syntax" not in check.stderr and "still to fill in" in check.stderr, check.stderr

    (project / "source/people.yaml").write_text(
        "{tamara-olsen: {name: Tamara Olsen, role: Head}}\n", encoding="utf-8"
    )
    again = run_builder_here(
        project, "import", str(story), "-o", str(tmp_path / "more"), "--add-people"
    )
    assert (
        again.returncode == 1 and "people.yaml:1:1: (file): written in flow style" in again.stderr
    )


@pytest.mark.parametrize(
    "manifest", ['{"files": 5}', '{"files": ["x.md"], "pages": []}', "[1, 2]", '"text"', "{"]
)
def test_a_damaged_manifest_is_rebuilt_not_trusted(project, manifest):
    assert run_builder_here(project).returncode == 0
    (project / "docs/.newsbuild/manifest.json").write_text(manifest, encoding="utf-8")
    assert run_builder_here(project).returncode == 0
    assert run_builder_here(project).stdout.startswith("up to date")


def test_a_manifest_naming_a_hand_written_page_does_not_delete_it(project):
    assert run_builder_here(project).returncode == 0
    path = project / "docs/.newsbuild/manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["files"].append("about.md")
    manifest["inputs"] = "changed"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert run_builder_here(project).returncode == 0
    assert (project / "docs/about.md").read_text(encoding="utf-8").startswith("# About")


def test_make_site_waits_while_a_preview_writes_docs(project):
    """A preview (make serve) regenerates docs/ with drafts under the checkout's site lock; `build_pages.py
    site` (make site) holds the same lock across generating docs/ and rendering site/, so it never renders
    a preview's drafts."""
    import os
    import time

    from newsbuild.write import site_lock

    draft = project / "source/articles/a-draft.yaml"
    draft.write_text(
        (project / SEED_ARTICLE)
        .read_text(encoding="utf-8")
        .replace("publication: astana-times\n", "publication: astana-times\nstatus: draft\n", 1),
        encoding="utf-8",
    )
    # the preview's pages, drafts included
    assert run_builder_here(project, "build", "--drafts").returncode == 0
    assert (project / "docs/articles/a-draft.md").exists()
    # held as hooks/regenerate.py holds it while it writes the preview's pages
    with site_lock(project / "docs"):
        site = subprocess.Popen(
            [sys.executable, "build_pages.py", "site"],
            cwd=project,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        time.sleep(2)
        assert site.poll() is None and not (project / "site").exists()  # waiting for the preview
    output, errors = site.communicate(timeout=300)
    assert site.returncode == 0, errors
    assert (project / "site/index.html").exists() and not (
        project / "site/articles/a-draft.html"
    ).exists()
    assert not (project / "docs/articles/a-draft.md").exists()


def rewrite_keeping_time(path, data: bytes) -> None:
    """Replace a file's content and give it back its modification time, as rsync -a, cp -p and tar x do."""
    import os

    status = path.stat()
    path.write_bytes(data)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


def test_edits_that_keep_the_modification_time_are_published(project):
    photo = add_photo_to_seed(project, size=(900, 600))
    site = build_site(project, "--dirty")
    about, css = project / "docs/about.md", project / "docs/assets/stylesheets/site.css"
    rewrite_keeping_time(
        about, about.read_bytes().replace(b"# About this site", b"# About this archive", 1)
    )
    rewrite_keeping_time(css, css.read_bytes() + b"\n.edited-by-hand { color: red; }\n")
    before = {p.name for p in (project / "docs/media").glob("*")}
    # Another picture of the same byte size (a JPEG ends at its end marker: what follows is ignored).
    replacement = io.BytesIO()
    Image.new("RGB", (900, 600), (250, 20, 20)).save(replacement, "JPEG", quality=95)
    assert len(replacement.getvalue()) < photo.stat().st_size
    rewrite_keeping_time(photo, replacement.getvalue().ljust(photo.stat().st_size, b"\0"))
    site = build_site(project, "--dirty")
    assert "About this archive" in (site / "about.html").read_text(encoding="utf-8")
    assert ".edited-by-hand" in (site / "assets/stylesheets/site.css").read_text(encoding="utf-8")
    assert {
        p.name for p in (project / "docs/media").glob("*")
    } != before  # the new photo's variants


@pytest.mark.parametrize(
    "repeated",
    [
        "“a b c d.” said Bob Smith. ",
        "subscribe ",
        "«Мы откроем переговоры», — сказал посол. ",
        "The U.S. and Gen. Smith met. ",
    ],
)
def test_the_importer_reads_a_half_megabyte_one_line_paragraph(project, tmp_path, repeated):
    """Each of these was once quadratic in its length; the subprocess's time limit fails a hang
    (make bench times 1 and 2 MB lines: bench/import_speed.py)."""
    story = tmp_path / "long.txt"
    story.write_text(
        "A Long Story\n\nASTANA – " + repeated * (500_000 // len(repeated)) + "\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "build_pages.py", "import", str(story)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("# yaml-language-server")


HEADERS_ONCE = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
    "Cache-Control",
)


def test_nginx_sends_each_security_header_once_on_every_response_and_hides_dotfiles(
    built_site, tmp_path
):
    import http.client
    from urllib.parse import urlsplit

    from servers import nginx

    _, site = built_site
    (site / ".env").write_text("SECRET=1\n", encoding="utf-8")  # a stray dotfile copied into site/
    try:
        with nginx(tmp_path / "nginx", site, "/kz-us/") as (base, _):
            address = urlsplit(base)
            cases = {  # path, request headers → status (and where a redirect goes)
                ("/kz-us/index.html", ()): 200,
                ("/kz-us/index.html", (("Range", "bytes=99999999-"),)): 416,
                ("/kz-us/no-such-page.html", ()): 404,
                ("/kz-us/.env", ()): 404,
                ("/kz-us/assets/.hidden/x.css", ()): 404,
                ("/elsewhere/index.html", ()): 404,
                ("/", ()): 404,
                ("/kz-us", ()): 301,
            }
            for (path, headers), status in cases.items():
                connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
                connection.request("GET", path, headers=dict(headers))
                response = connection.getresponse()
                body = response.read()
                assert response.status == status, (path, response.status)
                for name in HEADERS_ONCE:
                    assert len(response.headers.get_all(name) or []) == 1, (
                        path,
                        name,
                        response.headers.get_all(name),
                    )
                assert b"SECRET" not in body and b"Welcome to nginx" not in body
                if status == 301:
                    assert response.headers["Location"].endswith("/kz-us/")
                connection.close()
    finally:
        (site / ".env").unlink()


def test_make_site_stops_on_a_warning_such_as_a_broken_link_in_a_hand_written_page(project):
    """`build_pages.py site` renders with `mkdocs build --strict`: a warning stops it with exit code 1
    and says what is wrong (MkDocs' --quiet would drop the warning before strict mode counted it)."""
    about = project / "docs/about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\nSee [the masthead](masthead.md).\n", encoding="utf-8"
    )
    result = run_builder(project, "site")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "contains a link 'masthead.md', but the target is not found" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr
    about.write_text(about.read_text(encoding="utf-8").replace("(masthead.md)", "(index.md)"))
    assert run_builder(project, "site").returncode == 0
