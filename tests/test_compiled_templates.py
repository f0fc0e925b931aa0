"""The compiled-template cache (newsbuild/compiled_templates.py) never changes what a template renders:
an edited template is compiled again, in another copy of the project too, and a damaged cache file is
compiled over."""

import uuid
from pathlib import Path

import jinja2

from newsbuild.compiled_templates import compiled_templates


def render(folder: Path, cache) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache)
    return env.get_template("page.html").render(name="Astana")


def test_edited_templates_and_damaged_cache_files_render_their_own_source(tmp_path):
    cache = compiled_templates(f"test-{uuid.uuid4().hex}")
    assert cache is not None
    try:
        one, other = tmp_path / "one", tmp_path / "other"
        for folder, text in ((one, "Hello {{ name }}"), (other, "Goodbye {{ name }}")):
            folder.mkdir()
            (folder / "page.html").write_text(text, encoding="utf-8")
        assert render(one, cache) == "Hello Astana"
        (stored,) = Path(cache.directory).glob(cache.pattern % "*")
        assert render(one, cache) == "Hello Astana"  # from the cache
        # another copy of the project with another source of the same template
        assert render(other, cache) == "Goodbye Astana"
        (one / "page.html").write_text("Hi {{ name }}", encoding="utf-8")
        assert render(one, cache) == "Hi Astana"
        stored.write_bytes(stored.read_bytes()[:20])  # cut short, as a full disk could leave it
        assert render(other, cache) == "Goodbye Astana"
    finally:
        cache.clear()
