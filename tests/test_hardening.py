"""Defects found by a security review, each tried the way it was found."""

import json
import os
import xml.etree.ElementTree as ET

import pytest
from helpers import run_builder_here, run_mkdocs_here

ARTICLE = "source/articles/rosenblum-kazakh-american-relations.yaml"
PAGE = "docs/articles/rosenblum-kazakh-american-relations.md"


def test_a_symlink_out_of_source_is_refused_with_a_located_error(project, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text(
        (project / ARTICLE)
        .read_text(encoding="utf-8")
        .replace('title: "Ambassador', 'title: "Private notes of the'),
        encoding="utf-8",
    )
    (project / "source/articles/leak.yaml").symlink_to(secret)
    people = project / "source/people.yaml"
    (tmp_path / "people.yaml").write_bytes(people.read_bytes())
    people.unlink()
    people.symlink_to(tmp_path / "people.yaml")

    result = run_builder_here(project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(
        line.startswith("source/articles/leak.yaml:1:1: (file): is a symbolic link to ")
        and "outside source/" in line
        for line in lines
    ), result.stderr
    assert any(
        line.startswith("source/people.yaml:1:1: (file): is a symbolic link to ") for line in lines
    ), result.stderr
    assert not (project / "docs/articles").exists()


def test_a_symlink_inside_source_is_followed(project):
    (project / "source/articles/alias.yaml").symlink_to(project / ARTICLE)
    assert run_builder_here(project).returncode == 0
    assert (project / "docs/articles/alias.md").is_file()


def test_an_edit_that_keeps_size_and_time_is_published(project):
    assert run_builder_here(project).returncode == 0
    article = project / ARTICLE
    before = article.stat()
    text = article.read_text(encoding="utf-8")
    assert "dateline: ASTANA" in text
    # same length
    article.write_text(text.replace("dateline: ASTANA", "dateline: ALMATY"), encoding="utf-8")
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (
        article.stat().st_size == before.st_size
        and article.stat().st_mtime_ns == before.st_mtime_ns
    )

    result = run_builder_here(project)
    assert result.returncode == 0, result.stderr
    assert "ALMATY" in (project / PAGE).read_text(encoding="utf-8")


def test_a_lost_manifest_recovers_on_its_own(project):
    assert run_builder_here(project).returncode == 0
    (project / "docs/.newsbuild/manifest.json").unlink()
    result = run_builder_here(project)
    assert result.returncode == 0, result.stderr
    assert "0 page(s) written" in result.stdout

    # A generated page edited by hand while the manifest was missing is someone's work: a conflict.
    (project / "docs/.newsbuild/manifest.json").unlink()
    page = project / PAGE
    page.write_text(
        page.read_text(encoding="utf-8") + "\nA note added by hand.\n", encoding="utf-8"
    )
    result = run_builder_here(project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{project / PAGE}:1:1: (file): a hand-written file is in the way of a generated page: move or rename it"
    ]
    assert "A note added by hand." in page.read_text(encoding="utf-8")


def test_mkdocs_publishes_no_generated_page_it_cannot_take_as_the_builder_wrote_it(project):
    """A generated page's body is HTML that MkDocs publishes as it is: a page whose front matter MkDocs
    could not read (it would show the block as page text) or that an older builder wrote as Markdown
    stops the build, with what to do."""
    assert run_builder_here(project).returncode == 0
    page = project / PAGE
    written = page.read_text(encoding="utf-8")
    page.write_text(written.replace("---\n{", "---\n{{", 1), encoding="utf-8")
    result = run_mkdocs_here(project)
    assert result.returncode == 1
    assert (
        "articles/rosenblum-kazakh-american-relations.md: MkDocs did not read the page's front matter"
        in result.stderr
    )

    page.write_text('---\n{"summary": "x"}\n---\n\n# Markdown <b>as before</b>\n', encoding="utf-8")
    result = run_mkdocs_here(project)
    assert result.returncode == 1
    assert "written by an older build_pages.py; run build_pages.py again" in result.stderr


HOSTILE = "<![CDATA[ ]]> </content> &amp; &#0; ' \" \U0001f1f0\U0001f1ff \ufffd \u00a0 \u200d \ue000 <script>x</script>"


def test_feeds_are_well_formed_for_any_accepted_text(project):
    article = project / ARTICLE
    text = article.read_text(encoding="utf-8")
    hostile = json.dumps(HOSTILE, ensure_ascii=False)  # a JSON string is a YAML scalar
    text = text.replace('title: "Ambassador', f"title: {hostile[:-1]} Ambassador", 1).replace(
        "dateline: ASTANA", f"dateline: {hostile}"
    )
    article.write_text(text, encoding="utf-8")
    themes = project / "source/themes.yaml"
    themes.write_text(
        themes.read_text(encoding="utf-8").replace("name: Sanctions", f"name: {hostile}"),
        encoding="utf-8",
    )
    result = run_builder_here(project)
    assert result.returncode == 0, result.stderr
    assert run_mkdocs_here(project).returncode == 0

    feeds = sorted((project / "site/feeds").rglob("*.xml"))
    json_feeds = sorted((project / "site/feeds").rglob("*.json"))
    assert len(feeds) >= 2 and len(json_feeds) == len(feeds)
    atom = "{http://www.w3.org/2005/Atom}"
    for path in feeds:
        root = ET.parse(path).getroot()  # raises on anything that is not well-formed XML 1.0
        assert root.tag == f"{atom}feed"
        titles = [e.findtext(f"{atom}title") for e in root.iter(f"{atom}entry")]
        assert any(HOSTILE in title for title in titles), path
    for path in json_feeds:
        feed = json.loads(path.read_text(encoding="utf-8"))
        assert any(HOSTILE in item["title"] for item in feed["items"]), path


@pytest.mark.parametrize(
    "option, value",
    [
        ("--prefix", "/a/ { return 200 x; } location /b/"),
        ("--prefix", "/kz-us/\n"),
        ("--prefix", "/../etc/"),
        ("--listen", "80; include /etc/passwd"),
        ("--listen", "70000"),
        ("--embed-origin", "https://portal.example; script-src *"),
        ("--embed-origin", "https://portal.example\n"),
        ("--site-root", "/srv/site; }"),
        ("--server-name", "news.example; include /etc/passwd"),
        ("--server-name", "news.example\n"),
        ("--server-name", "news.example }"),
        ("--server-name", ""),
    ],
)
def test_nginx_conf_refuses_values_that_would_become_config(built_site, option, value):
    from newsbuild import nginx_conf

    _, site = built_site
    arguments = {"--site-root": str(site), option: value}
    argv = [part for key, item in arguments.items() for part in (key, item)]
    with pytest.raises(SystemExit) as exit_info:
        nginx_conf.main(argv)
    assert exit_info.value.code == 2


def test_nginx_conf_takes_good_values(built_site):
    from newsbuild import nginx_conf

    _, site = built_site
    config = nginx_conf.render(
        str(site),
        "/kz-us/",
        "[::1]:8080",
        ["https://portal.intranet.example:8443"],
        server_name="news.intranet.example *.news.intranet.example",
    )
    assert "location /kz-us/ {" in config and "listen [::1]:8080;" in config
    assert "server_name news.intranet.example *.news.intranet.example;" in config
    assert "'sha256-" in config and "@" not in config.replace("@FRAME", "")
