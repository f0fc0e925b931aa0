"""Shared helpers: a throw-away copy of the project, the CLI, and page text."""

from __future__ import annotations

import contextlib
import html.parser
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from bench import run as bench
from newsbuild.files import file_lock

ROOT = Path(__file__).resolve().parent.parent
# articles in three languages and readers' queries
SEARCH_CORPUS = ROOT / "tests" / "fixtures" / "search_corpus"

PROJECT_PARTS = bench.PROJECT_PARTS + ["source"]  # the code, and the content it is shipped with


def copy_project(target: Path) -> Path:
    """The project without generated output: source, code and hand-written docs only."""
    return bench.copy_project(target, PROJECT_PARTS)


def built_once(tmp_path_factory, name: str, make) -> Path:
    """A project made by make(folder) once per test run, for tests that only read it: under
    pytest-xdist the first worker to need it makes it, the others wait for it and share it."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    project = root / f"shared-{name}" / "project"
    with file_lock(root / f"shared-{name}.lock"):
        if not (project.parent / "complete").exists():
            shutil.rmtree(project.parent, ignore_errors=True)
            make(project)
            (project.parent / "complete").touch()
    return project


def run_builder(
    project: Path, *args: str, env_extra: dict | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(project / "build_pages.py"), *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env_extra or {})},
    )


@contextlib.contextmanager
def _as_a_process_in(project: Path, env_extra: dict | None):
    """The project as the working folder, env_extra in the environment, standard output and error
    captured (yields the two buffers); all restored afterwards. These belong to the whole process: from
    the main thread only."""
    assert threading.current_thread() is threading.main_thread(), (
        "not thread-safe: use a subprocess"
    )
    stdout, stderr = io.StringIO(), io.StringIO()
    saved_environ, saved_cwd = dict(os.environ), os.getcwd()
    try:
        os.environ.update(env_extra or {})
        os.chdir(project)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            yield stdout, stderr
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_environ)


def run_builder_here(
    project: Path, *args: str, env_extra: dict | None = None
) -> subprocess.CompletedProcess:
    """run_builder's result, from build_pages.py's entry point called in this process: a subprocess
    spends more CPU starting Python and importing the builder than the shipped site's build takes.
    It runs this checkout's code, templates and schema, not the copy's: for tests that change only
    the project's source, docs/ or settings, never for one that edits the copy's code or needs a
    time limit or a kill."""
    from newsbuild.cli import main

    with _as_a_process_in(project, env_extra) as (stdout, stderr):
        try:
            code = main(list(args), root=project, prog="build_pages.py")
        except SystemExit as exit:  # argparse's usage errors and --help: the code Python exits with
            code = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
    return subprocess.CompletedProcess(
        ["build_pages.py", *args], code, stdout.getvalue(), stderr.getvalue()
    )


def run_mkdocs_here(
    project: Path, *args: str, env_extra: dict | None = None
) -> subprocess.CompletedProcess:
    """run_mkdocs's result (`mkdocs build --strict`; `--dirty`, `--no-strict` and `-d DIR` are the
    options it takes), from MkDocs' own config loader and build called in this process, as its command
    does: a process spends more CPU importing MkDocs, Material and their extensions than a small
    build takes. Warnings and errors go to the result's stderr; a warning fails a strict build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    dirty, strict = "--dirty" in args, "--no-strict" not in args
    site_dir = args[args.index("-d") + 1] if "-d" in args else None
    assert set(args) <= {"--dirty", "--no-strict", "-d", site_dir}, f"unknown options: {args}"
    with _as_a_process_in(project, {"NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}) as (
        stdout,
        stderr,
    ):
        # strict mode counts the warnings that reach MkDocs' logger
        assert logging.getLogger("mkdocs").getEffectiveLevel() <= logging.WARNING
        shown = logging.StreamHandler(stderr)
        shown.setLevel(logging.WARNING)
        shown.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        logging.getLogger("mkdocs").addHandler(shown)
        try:
            config = load_config(str(project / "mkdocs.yml"), strict=strict, site_dir=site_dir)
            config.plugins.on_startup(command="build", dirty=dirty)
            try:
                build(config, dirty=dirty)
            finally:
                config.plugins.on_shutdown()
            code = 0
        except MkDocsException as error:  # the command prints it and exits with 1
            print(error, file=stderr)
            code = 1
        finally:
            logging.getLogger("mkdocs").removeHandler(shown)
    return subprocess.CompletedProcess(
        ["mkdocs", "build", *(["--strict"] if strict else []), *args],
        code,
        stdout.getvalue(),
        stderr.getvalue(),
    )


def run_mkdocs(
    project: Path, *args: str, env_extra: dict | None = None, renderer: str = "mkdocs"
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` (or the same with another renderer of mkdocs.yml, e.g. properdocs). Not
    with --quiet, which drops warnings before strict mode counts them."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    mkdocs = Path(sys.executable).parent / renderer
    return subprocess.run(
        [str(mkdocs), "build", "--strict", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def build_site(project: Path, *mkdocs_args: str, env_extra: dict | None = None) -> Path:
    """build_pages.py, then `mkdocs build --strict` with mkdocs_args (e.g. --dirty), both
    succeeding: the project's site dir."""
    for step, args in ((run_builder_here, ()), (run_mkdocs_here, mkdocs_args)):
        result = step(project, *args, env_extra=env_extra)
        assert result.returncode == 0, result.stderr
    return project / "site"


# elements words run on across
INLINE = set("a abbr b cite code em i mark q small span strong sub sup time".split())


class _TextExtractor(html.parser.HTMLParser):
    """Visible text of the <article> element (Material's content area)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += 1 if tag not in ("br", "img", "hr", "meta", "link", "input") else 0

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            # words run on across inline elements (a link in a sentence), not across blocks
            if tag not in INLINE:
                self.parts.append(" ")

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def article_text(html_text: str) -> str:
    parser = _TextExtractor()
    parser.feed(html_text)
    return normalise("".join(parser.parts))


def normalise(text: str) -> str:
    """Collapse ASCII whitespace as HTML does; other spaces (no-break, ideographic) are content."""
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip()


def seed_body_sentences() -> list[str]:
    """Sentences of the seed's body: headline, caption and publisher promo left out."""
    lines = [
        line.strip()
        for line in (ROOT / "tests/fixtures/seed-rosenblum.txt")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    body = [
        line
        for line in lines[1:]
        if line and "Photo credit:" not in line and not line.startswith("Get The Astana Times")
    ]
    body[0] = body[0].removeprefix("ASTANA")
    sentences = []
    for paragraph in body:
        sentences.extend(s for s in re.split(r"(?<=[.?!])\s+(?=[“A-Z\[])", paragraph) if s)
    return sentences


class _LinkCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._open: list[list] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href") is not None:
            self._open.append([attrs["href"], ""])

    def handle_data(self, data):
        for link in self._open:
            link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, text = self._open.pop()
            self.links.append((href, " ".join(text.split())))


def page_links(html_text: str) -> tuple[set[str], list[tuple[str, str]]]:
    """(ids defined on the page, [(href, link text)])."""
    collector = _LinkCollector()
    collector.feed(html_text)
    return collector.ids, collector.links


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link on page points to."""
    path, _, fragment = href.partition("#")
    target = (page.parent / path).resolve() if path else page
    return target, fragment


class _MarkupAudit(html.parser.HTMLParser):
    """Records anything in a page that could run script or load from elsewhere."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "style", "base", "form"):
            self.findings.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.findings.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction") and value.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.findings.append(f"{tag} {name}={value[:30]}")


def unsafe_markup(html_text: str) -> list[str]:
    audit = _MarkupAudit()
    audit.feed(html_text)
    return audit.findings


def searchable_pages(site: Path) -> set[str]:
    """The pages search can return: the addresses in the index's detail parts
    (searchPart("d0", [[location, title, …], …]); newsbuild/search_index.js), in the one folder
    search/parts/<version>/ of the index."""
    (version,) = (site / "search" / "parts").iterdir()  # never an empty answer from a missing index
    locations = set()
    for part in version.glob("d*.js"):
        text = part.read_text(encoding="utf-8")
        details = json.loads(re.fullmatch(r'searchPart\("d\d+",(.*)\);\n', text, re.S).group(1))
        locations.update(entry[0] for entry in details)
    return locations


SEED_ARTICLE = "source/articles/rosenblum-kazakh-american-relations.yaml"
PHOTO_ALT = "Two people seated facing each other in a television studio."


def make_photo(
    path: Path, size=(2400, 1600), mode="RGB", fmt="JPEG", orientation: int | None = 6, gps=True
) -> Path:
    """A generated photo (shapes, so that it compresses like a picture), with the EXIF a camera writes:
    an orientation and a GPS position, which the site must apply and strip."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (40, 90, 160))
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], max(1, size[0] // 40)):
        draw.ellipse(
            (
                x,
                size[1] // 4 + x % (size[1] // 5 or 1),
                x + size[0] // 12,
                size[1] // 2 + x % (size[1] // 5 or 1),
            ),
            fill=(200, x % 255, 80),
        )
    # a mark: which way is up
    draw.rectangle((0, 0, size[0] // 3, size[1] // 6), fill=(250, 250, 250))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (43.0, 14.0, 52.0), 3: "E", 4: (76.0, 55.0, 4.0)}
    image = image.convert(mode) if mode != "RGB" else image
    path.parent.mkdir(parents=True, exist_ok=True)
    options = {"exif": exif} if fmt in ("JPEG", "WEBP", "PNG") and (orientation or gps) else {}
    image.save(path, fmt, **options)
    return path


def add_photo_to_seed(project: Path, image: str = "2023/silk-way.jpg", **photo) -> Path:
    """The seed article's photo entry names a generated photo file, as an editor would add a real one."""
    file = make_photo(project / "source/media" / image, **photo)
    article = project / SEED_ARTICLE
    text = article.read_text(encoding="utf-8")
    text = text.replace(
        "    credit: Silk Way TV Channel\n",
        f"    credit: Silk Way TV Channel\n    image: {image}\n    alt: {PHOTO_ALT}\n",
        1,
    )
    article.write_text(text, encoding="utf-8")
    return file


def search_results(site: Path, query: str) -> list[dict]:
    """The results the site's own search worker (run by Node) gives a query, best first: location,
    title and text as the result list shows them."""
    done = subprocess.run(
        ["node", str(ROOT / "tests/search_worker.js"), str(site), query],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return [item[0] for item in json.loads(done.stdout)["items"]]


def search_worker(site: Path, query: str) -> list[str]:
    """The addresses the site's own search worker finds for a query, best first."""
    return [result["location"] for result in search_results(site, query)]


def visibly_changed(picture: Path, kept: Path) -> float:
    """The share of a screenshot's pixels that differ visibly (not by anti-aliasing) from the one
    kept in screenshots/; 1.0 for another size."""
    from PIL import Image, ImageChops

    new, old = Image.open(picture).convert("RGB"), Image.open(kept).convert("RGB")
    if new.size != old.size:
        return 1.0
    changed = (
        ImageChops.difference(new, old).convert("L").point(lambda level: 255 if level > 40 else 0)
    )
    return changed.histogram()[255] / (new.width * new.height)
