"""Photos in the benchmark: N photos of 4000 × 3000 px processed cold, and the no-op rebuild with them, as
ratios to the same builds without photos; and what an article page with its lead photo transfers on a
375-px phone (device pixel ratio 2) behind the shipped nginx config.

    python bench/photos.py [--count 100]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]  # the test suite's servers and browser

from bench.run import make_project, timed  # noqa: E402

PHOTO_SIZE = (4000, 3000)
PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True}
TRANSFER_BUDGET = 300_000


def camera_photo(path: Path, seed: int) -> None:
    """A 12-megapixel JPEG that compresses like a photograph: shapes under grain, with camera EXIF."""
    from helpers import make_photo
    from PIL import Image

    make_photo(path, size=PHOTO_SIZE, orientation=1)
    with Image.open(path) as image:
        exif = image.getexif()
        grain = Image.effect_noise(PHOTO_SIZE, 24 + seed % 8).convert("RGB")
        Image.blend(image.convert("RGB"), grain, 0.25).save(path, "JPEG", quality=90, exif=exif)


def add_photos(project: Path, count: int) -> None:
    """Article i's first media entry shows photo i."""
    for index in range(count):
        camera_photo(project / "source/media/bench" / f"photo-{index:03d}.jpg", index)
        article = project / "source/articles" / f"article-{index:05d}.yaml"
        text = article.read_text(encoding="utf-8")
        text = text.replace(
            "    credit: Staff photographer\n",
            "    credit: Staff photographer\n"
            f"    image: bench/photo-{index:03d}.jpg\n    alt: A benchmark photo.\n",
            1,
        )
        article.write_text(text, encoding="utf-8")


def phone_transfer(site: Path, page: str) -> dict:
    """Bytes a phone receives for one page, everything it loads included (compressed as served)."""
    from playwright.sync_api import sync_playwright

    from bench.headless import launch
    from bench.lighthouse import served

    with (
        tempfile.TemporaryDirectory() as temporary,
        served(site, Path(temporary)) as base,
        sync_playwright() as playwright,
    ):
        browser = launch(playwright)
        context = browser.new_context(**PHONE)
        tab = context.new_page()
        finished = []
        tab.on("requestfinished", lambda request: finished.append(request))
        tab.goto(base + page, wait_until="networkidle")
        sizes = [(request.url, request.sizes()) for request in finished]
        browser.close()
    total = sum(s["responseBodySize"] + s["responseHeadersSize"] for _, s in sizes)
    photo = [url.rsplit("/", 1)[1] for url, _ in sizes if "/media/" in url]
    return {"page": page, "transfer_bytes": total, "photo_variants_loaded": photo}


def measure_photos(workdir: Path, count: int = 100) -> dict:
    python = [sys.executable, "build_pages.py"]
    plain = make_project(workdir / "photos-plain", count)
    plain_cold, _, _ = timed(python, plain)
    plain_noop, _, _ = timed(python, plain)
    project = make_project(workdir / "photos", count)
    add_photos(project, count)
    cold, peak, _ = timed(python, project)
    noop, _, _ = timed(python, project)
    timed([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"], project)
    transfer = phone_transfer(project / "site", "articles/article-00001.html")
    return {
        "photos": count,
        "photo_size": list(PHOTO_SIZE),
        "cold_s": cold,
        "cold_without_photos_s": plain_cold,
        "cold_ratio": cold / plain_cold,
        "cold_peak_bytes": peak,
        "noop_s": noop,
        "noop_without_photos_s": plain_noop,
        "noop_ratio": noop / plain_noop,
        **transfer,
        "transfer_within_budget": transfer["transfer_bytes"] <= TRANSFER_BUDGET,
    }


def summary(result: dict) -> str:
    return (
        f"{result['photos']} photos of {result['photo_size'][0]} × {result['photo_size'][1]} px: build_pages cold "
        f"{result['cold_s']:.1f} s ({result['cold_ratio']:.1f} × without photos), no-op rebuild "
        f"{result['noop_s']:.2f} s ({result['noop_ratio']:.2f} ×); an article page with its lead photo transfers "
        f"{result['transfer_bytes'] / 1e3:.0f} KB on a 375-px phone (variant {', '.join(result['photo_variants_loaded'])}; "
        f"{'PASS' if result['transfer_within_budget'] else 'MISS'}  <= {TRANSFER_BUDGET // 1000} KB)"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--count", type=int, default=100, help="photos, one per article (default: 100)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-photos-") as temporary:
        result = measure_photos(Path(temporary), args.count)
    print(summary(result))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
