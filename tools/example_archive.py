"""Build a synthetic archive (bench/synthetic.py) with small listing pages, to show split listings.

Usage: python tools/example_archive.py OUT_DIR [--articles 300] [--listing-items 30]
Writes OUT_DIR/project with its site in OUT_DIR/project/site (used by `make screenshots`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bench.run import make_project  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--listing-items", type=int, default=30)
    args = parser.parse_args()
    project = args.out / "project"
    shutil.rmtree(project, ignore_errors=True)
    make_project(project, args.articles)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "listing_items: 40", f"listing_items: {args.listing_items}"
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run(
        [sys.executable, "build_pages.py"],
        cwd=project,
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"],
        cwd=project,
        check=True,
        env=env,
    )
    print(project / "site")
    return 0


if __name__ == "__main__":
    sys.exit(main())
