"""Compiled Jinja templates kept between runs, for the builder's environments and the theme's.

Compiling the templates is a large part of a small build and of MkDocs' fixed cost, paid again by
every process (and by every rebuild of `mkdocs serve`, which makes a new theme environment each time).
Jinja's own file cache keeps the compiled code in its per-user temporary folder. Nothing it holds shapes a page: Jinja compares each template's source with
the checksum stored beside its code and compiles an edited template again; a cache that cannot be
used (no temporary folder, a full disk, a damaged file) only means compiling, as without it.
"""

from __future__ import annotations

import hashlib

import jinja2


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """One file pattern per kind of environment, as a template's code depends on its environment's
    settings (autoescaping, extensions). Keyed by the template's name, not its file's path, so that
    every copy of a project shares the compiled code; copies with different sources of one template
    take turns compiling it, and each gets its own source's code."""

    def __init__(self, environment: str):
        super().__init__(pattern=f"newsbuild-{environment}-%s.cache")

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable or damaged (pickle and marshal raise many kinds): compile
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # not kept this time
            pass


def compiled_templates(environment: str) -> CompiledTemplates | None:
    """The cache for this kind of environment, or None where Jinja finds no safe folder for it."""
    try:
        return CompiledTemplates(environment)
    except (OSError, RuntimeError):
        return None
