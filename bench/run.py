"""Benchmark: the whole pipeline on synthetic archives, against a plain MkDocs build of the same pages.

    python bench/run.py                 N = 100 and 1,000 (make bench)
    python bench/run.py --large         also N = 10,000
    python bench/run.py --sizes 100 --json bench/results.json

For each N it prints, as a table and as JSON: build_pages time (cold, and a no-op
rebuild), the files a one-article edit rewrites and the time that rebuild takes, `mkdocs build` time and peak
memory (build_pages' and mkdocs', which run one after the other), publishing one more edit with `make
site` (build_pages.py and `mkdocs build --dirty`: its time, the site files it writes, and whether site/
is then byte for byte a clean build's), the baseline (plain `mkdocs build`
of the same pre-written pages with the same nav, without this project's hooks and plugins), the
plain-page baseline (as many pages, each an article's words as plain Markdown paragraphs, built by
the same MkDocs + Material: the pipeline's time per page is reported as a ratio to it), site, article-page and
search-index bytes, and over http in headless Chromium what a first page view and a one-word
query transfer and how long a reader waits for the first search result when typing as soon
as the search box appears (bench/search_costs.py), and Lighthouse's scores (mobile and desktop) of each
page kind behind the shipped nginx config at N = 1 and, on the first run, at each N (bench/lighthouse.py).
Then the shipped
site with one 500 KB paragraph of punctuation against one of words (build_pages +
mkdocs build): escaped text must render in linear time. Targets are checked as
ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from bench import headless, site_digests  # noqa: E402
from bench.synthetic import WORDS, article_yaml, write_archive  # noqa: E402
from newsbuild.write import read_manifest  # noqa: E402

PROJECT_PARTS = [
    "build_pages.py",
    "mkdocs.yml",
    "newsbuild",
    "templates",
    "schema",
    "overrides",
]
RARE_WORD = "zyzzogeton"  # only in the body of article 0 (bench/synthetic.py)
COMMON_WORD = "trade"  # in nearly every article: the largest index part and the most results
REFERENCE_N = 10


def copy_project(target: Path, parts=PROJECT_PARTS) -> Path:
    """These parts of the project and its hand-written docs/, without generated output; the
    installed node_modules/ (the build publishes the iframe-worker shim from it) is linked. The code's
    compiled modules come along (each is checked against its source's time and size, which the copy
    keeps), so the builder and MkDocs in the copy need not compile the package again."""
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    if (ROOT / "node_modules").is_dir():
        (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    (target / "docs").mkdir(exist_ok=True)
    generated = read_manifest(ROOT / "docs")
    for path in (ROOT / "docs").rglob("*"):
        rel = path.relative_to(ROOT / "docs").as_posix()
        if (
            path.is_file()
            and rel not in generated
            and not any(part.startswith(".") for part in path.relative_to(ROOT / "docs").parts)
            and not rel.startswith("downloads/")
        ):
            (target / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / "docs" / rel)
    return target


def make_project(root: Path, count: int, languages: bool = False) -> Path:
    """The project's code with a synthetic archive of count articles (with languages: a third in each
    of English, Russian and Kazakh, bench/synthetic.py)."""
    copy_project(root)
    write_archive(root, count, languages=languages)
    return root


def tree_memory(pid: int) -> int:
    """Memory of a process and all its descendants now, in bytes: the sum of their proportional set sizes
    (shared pages, as after a fork, counted once). Linux /proc; 0 for a process already gone."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1)) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, AttributeError):  # ended meanwhile, or a zombie without memory
            continue
    return total


def timed(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """(seconds, peak memory in bytes, output) of one command. The peak is the most memory the command and
    the processes it starts (MkDocs runs Node for the search index) held together, sampled every 0.1 s,
    or the largest single process's peak if that is more."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    os.sync()  # the previous step's files go to disk now, not during (and billed to) this one
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak, finished = [0], threading.Event()

    def sample():
        while not finished.wait(0.1):
            peak[0] = max(peak[0], tree_memory(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    finished.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return elapsed, max(peak[0], usage.ru_maxrss * 1024), output


def snapshot(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def baseline_config(project: Path) -> Path:
    """mkdocs.yml without this project's plugin, watch list and offline plugin: plain MkDocs + Material."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\n  # This project's plugin.*\n((  #|  - newsbuild|    ).*\n)+", "\n", text)
    text = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", text)
    text = re.sub(r"\n  # Search from file.*\n  - offline\n", "\n", text)
    text = re.sub(r"\nextra:\n(  .*\n|    .*\n)+", "\n", text)
    config = project / "mkdocs-baseline.yml"
    config.write_text(text, encoding="utf-8")
    return config


PLAIN_CONFIG = """site_name: Plain pages
use_directory_urls: false
theme:
  name: material
  font: false
  features: [navigation.tabs]
plugins: [search]
nav: [index.md]
not_in_nav: /pages/
"""


def plain_pages_site(project: Path, pages: int) -> Path:
    """The plain-page baseline: as many pages as the pipeline's docs/ holds, each an article's
    title and words as plain Markdown paragraphs (article i % N for page i), built by the same MkDocs +
    Material with only its search plugin, and no hooks, templates or escaping."""
    import yaml

    articles = []
    for path in sorted((project / "source" / "articles").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        blocks = [data["summary"]] + [b.get("paragraph") or b["quote"] for b in data["body"]]
        articles.append(f"# {data['title']}\n\n" + "\n\n".join(blocks) + "\n")
    plain = project.parent / f"{project.name}-plain"
    (plain / "docs" / "pages").mkdir(parents=True)
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    (plain / "docs" / "index.md").write_text(articles[0], encoding="utf-8")
    for number in range(1, pages):
        (plain / "docs" / "pages" / f"page-{number:05d}.md").write_text(
            articles[number % len(articles)], encoding="utf-8"
        )
    return plain


def search_measurements(site: Path) -> dict:
    """What search costs a reader over http (bench/search_costs.py); nothing without Chromium."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return {}
    if not headless.installed():
        return {}
    from bench.search_costs import search_costs

    costs = search_costs(
        site, "articles/article-00001.html", COMMON_WORD, RARE_WORD, "article-00000.html"
    )
    return {f"search_{key}": value for key, value in costs.items()}


def lighthouse_measurements(site: Path) -> list[dict]:
    """Lighthouse, mobile and desktop, on each page kind behind the shipped nginx (bench/lighthouse.py)."""
    from bench.lighthouse import LIGHTHOUSE, audit_site

    if not (headless.installed() and LIGHTHOUSE.exists() and shutil.which("nginx")):
        return []
    return audit_site(site, runs=3)


def lighthouse_of_one_article(workdir: Path) -> tuple[list[dict], list[dict]]:
    """Lighthouse on a site of one article (N = 1): the pages as light as they get; then mobile again
    without the service worker, to measure what it costs (the rows with it, the rows without)."""
    from bench.lighthouse import audit_site

    project = make_project(workdir / "n1", 1)
    timed([sys.executable, "build_pages.py"], project)
    timed([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"], project)
    rows = lighthouse_measurements(project / "site")
    without = (
        audit_site(project / "site", presets=("mobile",), runs=3, worker=False) if rows else []
    )
    shutil.rmtree(project)
    return rows, without


def reference_article_bytes(count: int, workdir: Path) -> int:
    """The size of an article page in a site of count articles: what article pages are compared with."""
    project = make_project(workdir / f"reference-n{count}", count)
    for command in (
        [sys.executable, "build_pages.py"],
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"],
    ):
        subprocess.run(command, cwd=project, check=True, capture_output=True)
    size = (project / "site" / "articles" / "article-00001.html").stat().st_size
    shutil.rmtree(project)
    return size


def measure(
    count: int,
    workdir: Path,
    browser: bool = True,
    lighthouse: bool = False,
    record_digests: bool = False,
) -> dict:
    project = make_project(workdir / f"n{count}", count)
    python = sys.executable
    mkdocs = str(Path(python).parent / "mkdocs")
    docs = project / "docs"
    result: dict = {"articles": count}

    result["build_pages_cold_s"], result["build_pages_peak_bytes"], output = timed(
        [python, "build_pages.py"], project
    )
    result["pages_generated"] = int(re.search(r"(\d+) page\(s\) written", output).group(1))
    before = snapshot(docs)
    result["noop_rebuild_s"], _, output = timed([python, "build_pages.py"], project)
    result["noop_files_written"] = sum(
        1 for p, data in snapshot(docs).items() if before.get(p) != data
    )

    edited = project / "source" / "articles" / "article-00000.yaml"
    edited.write_text(article_yaml(0, edit=1), encoding="utf-8")
    result["edit_rebuild_s"], _, _ = timed([python, "build_pages.py"], project)
    after = snapshot(docs)
    result["edit_files_written"] = sorted(p for p, data in after.items() if before.get(p) != data)
    first_block_theme = re.search(
        r"  - paragraph: .*\n    themes: \[(theme-\d+)\]", article_yaml(0)
    ).group(1)
    # The article, its embed page and the page (or pages: the first and its year's) of its theme showing the paragraph.
    theme_pages = [
        p
        for p, data in after.items()
        if re.fullmatch(rf"themes/{first_block_theme}(/[\w-]+)?\.md", p)
        and b"article-00000.html#p-" in data
    ]
    result["edit_expected"] = sorted(
        ["articles/article-00000.md", "embed/article-00000.md", *theme_pages]
    )

    result["mkdocs_build_s"], result["mkdocs_peak_bytes"], _ = timed(
        [mkdocs, "build", "--strict"], project
    )
    result.update(publish_one_edit(project, workdir))
    result["baseline_mkdocs_build_s"], result["baseline_peak_bytes"], _ = timed(
        [
            mkdocs,
            "build",
            "--no-strict",  # plain MkDocs + Material: a baseline to time, whatever it warns of
            "-q",
            "-f",
            str(baseline_config(project)),
            "-d",
            str(project / "site-baseline"),
        ],
        project,
    )
    pages = sum(1 for _ in docs.rglob("*.md"))
    plain = plain_pages_site(project, pages)
    result["pages"] = pages
    result["plain_pages_build_s"], result["plain_pages_peak_bytes"], _ = timed(
        [mkdocs, "build", "--no-strict", "-q"], plain
    )
    shutil.rmtree(plain)
    site = project / "site"
    result["site_bytes"] = tree_bytes(site)
    result["article_page_bytes"] = (site / "articles" / "article-00001.html").stat().st_size
    result["largest_page_bytes"] = largest_pages(site)
    result["search_index_bytes"] = tree_bytes(site / "search")
    result.update(
        {
            "search_first_view_bytes": None,
            "search_query_bytes": None,
            "search_first_result_ms": None,
        }
    )
    if browser:
        result.update(search_measurements(site))
    result["lighthouse"] = lighthouse_measurements(site) if browser and lighthouse else []
    # The site after the one-article edits above, byte for byte the one recorded for this size (if one is)
    if record_digests:
        site_digests.record(f"synthetic-{count}", site)
    result["site_differences"] = site_digests.differences(f"synthetic-{count}", site)
    shutil.rmtree(project)
    return result


def file_stamps(site: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(site).as_posix(): (stat.st_size, stat.st_mtime_ns)
        for p in site.rglob("*")
        if p.is_file() and (stat := p.stat())
    }


def same_files(one: Path, other: Path) -> bool:
    """The same files and folders, byte for byte (read one pair at a time: a site at N = 10,000 is large)."""
    listing = [
        sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) for root in (one, other)
    ]
    return listing[0] == listing[1] and all(
        (one / path).is_dir() == (other / path).is_dir()
        and ((one / path).is_dir() or (one / path).read_bytes() == (other / path).read_bytes())
        for path in listing[0]
    )


def publish_one_edit(project: Path, workdir: Path) -> dict:
    """`make site` after a one-article edit (build_pages.py, then `mkdocs build --dirty`): its time, its
    peak memory, the pages it wrote, the files of site/ it wrote or removed (the search index's parts move
    to a folder named by their new version), and whether site/ is then byte for byte the site a clean
    build gives."""
    python, mkdocs = sys.executable, str(Path(sys.executable).parent / "mkdocs")
    site = project / "site"
    before = file_stamps(site)
    (project / "source" / "articles" / "article-00001.yaml").write_text(
        article_yaml(1, edit=1), encoding="utf-8"
    )
    pages_s, pages_bytes, _ = timed([python, "build_pages.py"], project)
    site_s, site_bytes, _ = timed([mkdocs, "build", "--strict", "--dirty"], project)
    after = file_stamps(site)
    clean = workdir / "site-clean"
    timed([mkdocs, "build", "--strict", "-d", str(clean)], project)
    identical = same_files(site, clean)
    shutil.rmtree(clean)
    return {
        "publish_s": pages_s + site_s,
        "publish_mkdocs_s": site_s,
        "publish_peak_bytes": max(pages_bytes, site_bytes),
        "publish_files_written": sum(
            1 for p in set(before) | set(after) if before.get(p) != after.get(p)
        ),
        "publish_pages_written": sum(
            1 for p in after if p.endswith(".html") and before.get(p) != after.get(p)
        ),
        "publish_identical": identical,
    }


PUNCTUATION = "".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum())
LONG_PARAGRAPH_BYTES = 500_000


def long_paragraph_seconds(workdir: Path, kind: str, size: int = LONG_PARAGRAPH_BYTES) -> float:
    """build_pages + mkdocs build of the shipped site plus one paragraph of `size` bytes (500 KB) of
    punctuation or of words: escaped punctuation must not make rendering slower than linear."""
    import random

    rng = random.Random(kind)
    if kind == "punctuation":
        text = "".join(rng.choice(PUNCTUATION) for _ in range(size))
    else:
        text = " ".join(rng.choice(WORDS) for _ in range(size // 6))[:size]
    project = copy_project(workdir / f"long-{kind}", PROJECT_PARTS + ["source"])
    article = next((project / "source" / "articles").glob("*.yaml"))
    with article.open("a", encoding="utf-8") as handle:
        # a JSON string is a YAML scalar
        handle.write(f"  - paragraph: {json.dumps(text, ensure_ascii=False)}\n")
    python = sys.executable
    build_pages, _, _ = timed([python, "build_pages.py"], project)
    mkdocs, _, _ = timed([str(Path(python).parent / "mkdocs"), "build", "--strict"], project)
    shutil.rmtree(project)
    return build_pages + mkdocs


PAGE_LIMIT_BYTES = 100_000
ENTITY_KIND_NAMES = {
    "people": "person",
    "organizations": "organization",
    "places": "place",
    "themes": "theme",
}


def page_kind(path: str) -> str:
    """The kind of a page of the site by its path: 'article', 'theme', 'people index' …"""
    top, _, rest = path.partition("/")
    if path == "index.html":
        return "home"
    if top in ("archive.html", "archive"):
        return "archive"
    if top in ("articles", "embed"):
        return top.removesuffix("s")
    if top in ENTITY_KIND_NAMES:
        return (
            f"{top} index"
            if rest == "index.html" or rest.startswith("index/")
            else ENTITY_KIND_NAMES[top]
        )
    return "other"


def largest_pages(site: Path) -> dict[str, tuple[int, str]]:
    """For each kind of page, (bytes, path) of its largest HTML page."""
    largest: dict[str, tuple[int, str]] = {}
    for page in site.rglob("*.html"):
        path = page.relative_to(site).as_posix()
        kind = page_kind(path)
        largest[kind] = max(largest.get(kind, (0, "")), (page.stat().st_size, path))
    return dict(sorted(largest.items()))


def check_targets(result: dict, reference_page_bytes: int) -> dict[str, bool]:
    combined = result["build_pages_cold_s"] + result["mkdocs_build_s"]
    targets = {
        "build_pages cold <= 10% of mkdocs build": result["build_pages_cold_s"]
        <= 0.10 * result["mkdocs_build_s"],
        "no-op rebuild writes 0 files": result["noop_files_written"] == 0,
        "no-op rebuild <= 0.5 s": result["noop_rebuild_s"] <= 0.5,
        "one edit rewrites only its pages and hubs": result["edit_files_written"]
        == result["edit_expected"],
        "article page <= 1.1 x its size at N=10": result["article_page_bytes"]
        <= 1.1 * reference_page_bytes,
        "build_pages + mkdocs <= 1.3 x baseline": combined
        <= 1.3 * result["baseline_mkdocs_build_s"],
        "per page <= 1.5 x a plain page": combined <= 1.5 * result["plain_pages_build_s"],
        "peak memory <= 1 GB": max(result["build_pages_peak_bytes"], result["mkdocs_peak_bytes"])
        <= 1e9,
        "every page <= 100 KB": all(
            size <= PAGE_LIMIT_BYTES for size, _ in result["largest_page_bytes"].values()
        ),
        "one-edit publish gives a clean build's site": result["publish_identical"],
    }
    if result.get("site_differences") is not None:  # bench/site_digests.py
        targets["site byte for byte the recorded one"] = not any(
            result["site_differences"].values()
        )
    if result["articles"] >= 10000:
        targets["one-edit publish <= 10 s"] = result["publish_s"] <= 10
    limit = 300 if result["articles"] <= 1000 else 1000
    if result["search_first_result_ms"] is not None:
        targets[f"search first result <= {limit} ms"] = result["search_first_result_ms"] <= limit
        targets["first page view <= 320 KB"] = result["search_first_view_bytes"] <= 320_000
        targets["one-word query <= 500 KB more"] = result["search_query_bytes"] <= 500_000
    mobile = [row for row in result.get("lighthouse", []) if row["preset"] == "mobile"]
    if mobile and result["articles"] >= 1000:
        targets["Lighthouse mobile performance >= 95 on every page kind"] = all(
            r["performance"] >= 95 for r in mobile
        )
    if result.get("lighthouse"):
        targets["Lighthouse accessibility, best practices, SEO = 100"] = all(
            r[name] == 100
            for r in result["lighthouse"]
            for name in ("accessibility", "best-practices", "seo")
        )
    return targets


def median_of(runs: list[dict]) -> dict:
    """One result from several runs of a size: each timing and ratio is the median of the runs, with
    its range under "spread"; the rest (sizes, files written) comes from the first run."""
    import statistics

    result = dict(runs[0], runs=len(runs), spread={})
    for key, value in runs[0].items():
        if isinstance(value, float) and all(isinstance(r.get(key), float) for r in runs):
            values = [r[key] for r in runs]
            result[key] = statistics.median(values)
            result["spread"][key] = [min(values), max(values)]
    return result


def with_range(result: dict, key: str, form: str = "{:.2f}") -> str:
    """A median from median_of beside the range of its runs: "1.75 (1.68–3.07)"."""
    low, high = result["spread"][key]
    return f"{form.format(result[key])} ({form.format(low)}–{form.format(high)})"


def table(results: list[dict]) -> str:
    rows = [
        ("build_pages cold (s)", "build_pages_cold_s", "{:.2f}"),
        ("no-op rebuild (s)", "noop_rebuild_s", "{:.2f}"),
        ("files written by no-op", "noop_files_written", "{}"),
        ("files written by 1 edit", "edit_files_written", "len"),
        ("rebuild after 1 edit (s)", "edit_rebuild_s", "{:.2f}"),
        ("mkdocs build (s)", "mkdocs_build_s", "{:.2f}"),
        ("publish 1 edit: make site (s)", "publish_s", "{:.2f}"),
        ("  of which mkdocs build --dirty (s)", "publish_mkdocs_s", "{:.2f}"),
        ("  pages (.html) it wrote", "publish_pages_written", "{}"),
        ("  site files written or removed", "publish_files_written", "{}"),
        ("  same site as a clean build", "publish_identical", "{}"),
        ("  peak memory (MB)", "publish_peak_bytes", "mb"),
        ("baseline mkdocs build (s)", "baseline_mkdocs_build_s", "{:.2f}"),
        ("(build_pages + mkdocs) / baseline", "pipeline_ratio", "{:.2f}"),
        ("pages (docs/*.md)", "pages", "{}"),
        ("plain pages: mkdocs build (s)", "plain_pages_build_s", "{:.2f}"),
        ("per page: pipeline (ms)", "pipeline_page_ms", "{:.1f}"),
        ("per page: plain page (ms)", "plain_page_ms", "{:.1f}"),
        ("per page: pipeline / plain", "page_ratio", "{:.2f}"),
        ("build_pages / mkdocs", "build_pages_share", "{:.1%}"),
        ("peak memory, build_pages (MB)", "build_pages_peak_bytes", "mb"),
        ("peak memory, mkdocs (MB)", "mkdocs_peak_bytes", "mb"),
        ("site (MB)", "site_bytes", "mb"),
        ("article page (KB)", "article_page_bytes", "kb"),
        ("search index, all parts (MB)", "search_index_bytes", "mb"),
        ("first page view, http (KB)", "search_first_view_bytes", "kb"),
        ("one-word query, http (KB more)", "search_query_bytes", "kb"),
        ("search: first result, http (ms)", "search_first_result_ms", "{}"),
    ]
    header = (
        f"| {'N (median of runs, and their range)':<36} | "
        + " | ".join(f"{r['articles']:>21,}" for r in results)
        + " |"
    )
    lines = [header, "|" + "-" * 38 + "|" + "|".join("-" * 23 for _ in results) + "|"]
    for label, key, fmt in rows:
        cells = []
        for r in results:
            value = r.get(key)
            if value is None:
                cells.append("n/a")
            elif fmt == "len":
                cells.append(str(len(value)))
            elif fmt == "mb":
                cells.append(f"{value / 1e6:.1f}")
            elif fmt == "kb":
                cells.append(f"{value / 1e3:.1f}")
            elif key in r.get("spread", {}) and r["runs"] > 1:
                cells.append(with_range(r, key, fmt))  # the range of the runs, beside their median
            else:
                cells.append(fmt.format(value))
        lines.append(f"| {label:<36} | " + " | ".join(f"{c:>21}" for c in cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[100, 1000],
        help="archive sizes (default: 100 1000)",
    )
    parser.add_argument("--large", action="store_true", help="add N = 10,000 (several minutes)")
    parser.add_argument(
        "--no-browser", action="store_true", help="skip the search measurement in Chromium"
    )
    parser.add_argument(
        "--no-lighthouse", action="store_true", help="skip the Lighthouse audits (several minutes)"
    )
    parser.add_argument(
        "--photos",
        type=int,
        default=100,
        help="photos of 4000 × 3000 px for the photo measurement, 0 to skip it (default: 100)",
    )
    parser.add_argument(
        "--import-runs",
        type=int,
        default=3,
        help="runs of the importer benchmark (bench/import_speed.py), 0 to skip it (default: 3)",
    )
    parser.add_argument(
        "--language-runs",
        type=int,
        default=3,
        help="runs of the three-language archive at N = 1,000 against English only "
        "(bench/languages.py), 0 to skip it (default: 3)",
    )
    parser.add_argument(
        "--shared-archive",
        type=int,
        default=1000,
        help="articles of the archive of copies of the shipped article, every one sharing every person "
        "and theme (bench/shared_archive.py; --runs runs), 0 to skip it (default: 1000)",
    )
    parser.add_argument(
        "--long-paragraph-kb",
        type=int,
        default=LONG_PARAGRAPH_BYTES // 1000,
        help="size of the long paragraph measurement's paragraph (default: 500)",
    )
    parser.add_argument(
        "--record-digests",
        action="store_true",
        help="record each size's site as the one later runs must equal byte for byte "
        "(tests/fixtures/site-digests/synthetic-N.json; make bench checks N = 1,000)",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--report",
        type=Path,
        help="write the figures as a dated page into this folder (make bench: handbook/performance)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="runs per size below 10,000; timings are their median, with the range (default: 3)",
    )
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes + ([10000] if args.large else [])))

    with tempfile.TemporaryDirectory(prefix="bench-") as temporary:
        workdir = Path(temporary)
        reference_bytes = reference_article_bytes(REFERENCE_N, workdir)
        results = []
        for count in sizes:
            runs = []
            for run in range(1 if count >= 10000 else max(1, args.runs)):
                print(f"measuring N = {count}, run {run + 1} …", file=sys.stderr, flush=True)
                result = measure(
                    count,
                    workdir,
                    browser=not args.no_browser,
                    lighthouse=run == 0 and not args.no_lighthouse,
                    record_digests=args.record_digests and run == 0,
                )
                pipeline = result["build_pages_cold_s"] + result["mkdocs_build_s"]
                result["pipeline_ratio"] = pipeline / result["baseline_mkdocs_build_s"]
                result["build_pages_share"] = (
                    result["build_pages_cold_s"] / result["mkdocs_build_s"]
                )
                result["pipeline_page_ms"] = 1000 * pipeline / result["pages"]
                result["plain_page_ms"] = 1000 * result["plain_pages_build_s"] / result["pages"]
                result["page_ratio"] = pipeline / result["plain_pages_build_s"]
                runs.append(result)
            result = median_of(runs)
            result["publish_identical"] = all(r["publish_identical"] for r in runs)
            # every run's site, not only the first's, is the recorded one
            result["site_differences"] = next(
                (
                    r["site_differences"]
                    for r in runs
                    if any((r["site_differences"] or {}).values())
                ),
                result["site_differences"],
            )
            result["article_page_ratio_to_n10"] = result["article_page_bytes"] / reference_bytes
            result["targets"] = check_targets(result, reference_bytes)
            results.append(result)

        lighthouse_n1, lighthouse_n1_without_worker = (
            ([], [])
            if args.no_browser or args.no_lighthouse
            else lighthouse_of_one_article(workdir)
        )
        from bench.photos import measure_photos

        long_paragraph = {
            kind: long_paragraph_seconds(workdir, kind, 1000 * args.long_paragraph_kb)
            for kind in ("words", "punctuation")
        }
        long_paragraph["ratio"] = long_paragraph["punctuation"] / long_paragraph["words"]
        photos = measure_photos(workdir, args.photos) if args.photos else None
    from bench import import_speed

    imports = import_speed.measure(args.import_runs) if args.import_runs else None
    from bench import shared_archive

    shared = shared_archive.measure(args.shared_archive, args.runs) if args.shared_archive else None
    from bench import languages

    language_cost = languages.measure(1000, args.language_runs) if args.language_runs else None

    machine = {
        "cpus": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    report = {
        "machine": machine,
        "reference_n10_article_page_bytes": reference_bytes,
        "results": results,
        "long_paragraph_s": long_paragraph,
        "lighthouse_n1": lighthouse_n1,
        "lighthouse_n1_without_worker": lighthouse_n1_without_worker,
        "photos": photos,
        "import": imports,
        "languages": language_cost,
        "shared_archive": shared,
    }
    out = []
    out.append(table(results))
    kinds = sorted({kind for r in results for kind in r["largest_page_bytes"]})
    out.append(
        f"\n| {'largest page (KB)':<36} | "
        + " | ".join(f"{r['articles']:>9,}" for r in results)
        + " |"
    )
    for kind in kinds:
        cells = [
            f"{r['largest_page_bytes'][kind][0] / 1e3:.1f}"
            if kind in r["largest_page_bytes"]
            else "n/a"
            for r in results
        ]
        out.append(f"| {kind:<36} | " + " | ".join(f"{c:>9}" for c in cells) + " |")
    from bench.lighthouse import table as lighthouse_table
    from bench.lighthouse import worker_cost_table
    from bench.photos import summary as photo_summary

    for count, rows in [(1, lighthouse_n1)] + [(r["articles"], r["lighthouse"]) for r in results]:
        if rows:
            out.append(
                f"\nLighthouse at N = {count:,} (median of 3 runs per page, behind the shipped nginx config):\n"
                + lighthouse_table(rows)
            )
    if lighthouse_n1_without_worker:
        out.append(
            "\nWhat the service worker costs a first visit, Lighthouse mobile at N = 1 (median of 3 runs "
            "each):\n" + worker_cost_table(lighthouse_n1, lighthouse_n1_without_worker)
        )
    out.append(
        f"\nA {args.long_paragraph_kb} KB paragraph, build_pages + mkdocs build: words {long_paragraph['words']:.2f} s, "
        f"punctuation {long_paragraph['punctuation']:.2f} s, ratio {long_paragraph['ratio']:.2f} "
        f"({'PASS' if long_paragraph['ratio'] <= 2 else 'MISS'}  punctuation <= 2 x words)"
    )
    if photos:
        out.append("\n" + photo_summary(photos))
    if imports:
        out.append(
            f"\nThe importer (bench/import_speed.py, median of {args.import_runs} runs):\n"
            + import_speed.table(imports)
        )
        batch_ok = imports["batch"]["median_s"] <= import_speed.BATCH_LIMIT_S
        linear_ok = imports["line_ratio"] <= import_speed.LINEAR_LIMIT
        out.append(
            f"  {'PASS' if batch_ok else 'MISS'}  {import_speed.ARTICLES} articles within "
            f"{import_speed.BATCH_LIMIT_S} s\n  {'PASS' if linear_ok else 'MISS'}  2 MB line <= "
            f"{import_speed.LINEAR_LIMIT} x 1 MB line (linear)"
        )
    if shared:
        out.append(
            f"\n{args.shared_archive:,} copies of the shipped article, every one sharing every person "
            f"and theme (bench/shared_archive.py, median of {args.runs} runs):\n"
            + shared_archive.table(shared)
        )
    if language_cost:
        out.append(
            f"\nArticles in three languages at N = 1,000 (bench/languages.py, median of "
            f"{args.language_runs} runs):\n" + languages.table(language_cost)
        )
    for result in results:
        out.append(f"\nTargets at N = {result['articles']:,}:")
        for name, ok in result["targets"].items():
            out.append(f"  {'PASS' if ok else 'MISS'}  {name}")
    print("\n".join(out))
    print("\n" + json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.report:
        path = write_report(args.report, machine, argv, "\n".join(out))
        print(f"\nwritten: {path}", file=sys.stderr)
    return 0


def write_report(folder: Path, machine: dict, argv, tables: str) -> Path:
    """The figures as a dated page of the handbook, naming the machine: never edited by hand."""
    import datetime
    import socket

    today = datetime.date.today().isoformat()
    name = re.sub(r"[^a-z0-9]+", "-", socket.gethostname().lower()).strip("-") or "machine"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{today}-{name}.md"
    command = " ".join(["bench/run.py", *(argv if argv is not None else sys.argv[1:])])
    path.write_text(
        f"# Benchmark of {today} on {name}\n\n"
        f"Written by `make bench` ({command}). Machine: {machine['cpus']} cores, {machine['memory_gib']} GiB, "
        f"Python {machine['python']}, {machine['platform']}. Timings are the median of the runs, with "
        f"their range; ratios compare with a baseline measured in the same run.\n\n{tables}\n",
        encoding="utf-8",
    )
    return path


if __name__ == "__main__":
    sys.exit(main())
