"""newsbuild/text_runs.py and newsbuild/generated_markdown.py only make rendering faster: with them, every
generated page renders to exactly the HTML Python-Markdown gives without them."""


import markdown
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from helpers import ROOT
from newsbuild.render import escape_markdown
from newsbuild.generated_markdown import GeneratedPageExtension

# The Markdown extensions MkDocs uses for the site: its defaults and mkdocs.yml's own.
_configured = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["markdown_extensions"]
EXTENSIONS = ["toc", "tables", "fenced_code"] + [e if isinstance(e, str) else next(iter(e)) for e in _configured]


def both(source: str) -> tuple[str, str]:
    plain = markdown.markdown(source, extensions=EXTENSIONS)
    with_runs = markdown.markdown(source, extensions=EXTENSIONS + [GeneratedPageExtension()])
    return plain, with_runs


def test_every_generated_page_of_the_site_renders_the_same(built_site):
    project, _ = built_site
    from newsbuild.write import read_manifest

    pages = sorted(p for p in read_manifest(project / "docs") if p.endswith(".md"))
    assert len(pages) > 20
    for path in pages:
        body, _ = get_data((project / "docs" / path).read_text(encoding="utf-8"))
        plain, with_runs = both(body)
        assert with_runs == plain, path


# The shapes content text takes in the templates: beside links, emphasis, tags, attribute lists.
TEMPLATE_SHAPES = [
    "{0}", "**{0}**: {1}", "**v**{0}", "[{0}](x.md) · {1}", '<span class="dateline">{0}</span> {1}',
    "“{0}” — [a](../people/a.md)", "# {0}", "- [{0}](x.md) · {1}", "[{0}](x.md){{ .theme-chip }} [{1}](y.md)",
    "<cite>[{0}](../a.md#q-1) · {1}</cite>", "({0})", "{0} *{1}*", "{0}\n{{: #p-1 .article-paragraph }}",
    '<div class="key-fact" id="f-1" markdown>\n**{0}**: {1}\n</div>', "{0}\n\n{1}",
]
ugly = st.sampled_from(["{: onclick=x }", "{", "}", "*", "**", "_", "__", "\\", "&amp;", "&", "<b>", ">", "[", "](",
                        ")", "`", "  ", "#", "!", "|", "~", "\t", "1. ", "- ", "é", "\u200b", "x_y", " * "])
text = st.lists(st.one_of(st.text(max_size=5), ugly), min_size=1, max_size=10).map("".join)


@settings(max_examples=300, deadline=None)
@given(shape=st.sampled_from(TEMPLATE_SHAPES), first=text, second=text)
def test_escaped_text_in_every_template_shape_renders_the_same(shape, first, second):
    source = shape.format(escape_markdown(first), escape_markdown(second))
    plain, with_runs = both(source)
    assert with_runs == plain, source
