"""Photos: image files in source/media/ → responsive variants in docs/media/, with Pillow.

Each photo is checked before anything is written (a missing file, a path out of source/media/, SVG, a
type its name does not say, more pixels than MAX_PIXELS — read from the header, before decoding —, a
truncated file); then made, once per content, into WebP and JPEG variants at WIDTHS (never wider than
the original), with the EXIF orientation applied, colours converted to sRGB, and every piece of metadata
(EXIF, GPS, XMP, colour profiles) left out. Variants live in docs/media/<content digest>/, so a changed
photo gets new addresses (safe to cache forever) and an unchanged one costs nothing.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, SourceError
from .state import PHOTOS_COMPLETE, PHOTOS_IN_USE, store

MEDIA = "media"  # the folder under source/ and under docs/
WIDTHS = (320, 640, 1024, 1600)
MAX_PIXELS = (
    40_000_000  # 40 megapixels: beyond any news photo; a decompression bomb is refused unread
)
SUFFIXES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
# a phone's JPEG with a second picture (depth, preview) after the first: the first is used
FORMATS = {"MPO": "JPEG"}
MAX_SIDE = 16_383  # WebP's largest width or height: a variant's height is kept within it
WEBP_QUALITY = 72
JPEG_QUALITY = 78
# Part of each photo's digest: other sizes or qualities make other folders, never a stale mix.
PROCESSING = repr((WIDTHS, WEBP_QUALITY, JPEG_QUALITY, 1)).encode()
DIGEST = re.compile(r"[0-9a-f]{16}")
ORIENTATION = 0x0112  # the EXIF tag


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    webp: str  # docs/ paths
    jpeg: str


@dataclass(frozen=True)
class Photo:
    """A processed photo: its size after orientation, and its variants, narrowest first."""

    digest: str
    width: int
    height: int
    variants: tuple[Variant, ...]

    @property
    def largest(self) -> Variant:
        return self.variants[-1]

    @property
    def smallest(self) -> Variant:
        return self.variants[0]


def _problem(media, message: str) -> Problem:
    path, line, column = media.location
    return Problem(path, line, column, media.field, message)


def check(source: Path, media) -> tuple[Path, str] | Problem:
    """(file, content digest) of a media entry's image, or the problem with it. Reads the header only."""
    from PIL import Image, UnidentifiedImageError

    source = Path(source).resolve()
    folder = (source / MEDIA).resolve()
    path = (folder / media.image).resolve()
    # source/media/ may be a link out of source/ too
    if folder not in path.parents or source not in folder.parents:
        return _problem(
            media,
            f"'{media.image}' is outside source/{MEDIA}/: keep photos in that folder "
            "and give the path relative to it, e.g. 2023/photo.jpg",
        )
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return _problem(
            media, f"'{media.image}' is an SVG, which can carry script: export it as PNG or WebP"
        )
    if suffix not in SUFFIXES:
        return _problem(
            media,
            f"'{media.image}' is not a JPEG, PNG or WebP file (by its name): "
            "convert it to one of those",
        )
    try:
        if not path.is_file():  # a folder, a FIFO (reading it would wait for ever), a device
            if path.exists():
                return _problem(
                    media,
                    f"source/{MEDIA}/{media.image} is not a regular file: replace it with the photo",
                )
            raise FileNotFoundError
        data = path.read_bytes()
    except FileNotFoundError:
        return _problem(
            media, f"there is no file source/{MEDIA}/{media.image}: add it, or correct the path"
        )
    except OSError as error:
        return _problem(media, f"cannot read source/{MEDIA}/{media.image}: {error.strerror}")
    # the header only: ours is checked below
    pillow_limit, Image.MAX_IMAGE_PIXELS = (
        Image.MAX_IMAGE_PIXELS,
        None,
    )
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header: size and format, no pixels
            found, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, ValueError):
        return _problem(
            media,
            f"source/{MEDIA}/{media.image} is not a readable image: open it in an image "
            "editor and save it again as JPEG, PNG or WebP",
        )
    finally:
        Image.MAX_IMAGE_PIXELS = pillow_limit
    if FORMATS.get(found, found) != SUFFIXES[suffix]:
        return _problem(
            media,
            f"source/{MEDIA}/{media.image} is a {found} file, not what its name says "
            f"({suffix}): rename it or convert it",
        )
    if width * height > MAX_PIXELS:
        return _problem(
            media,
            f"source/{MEDIA}/{media.image} has more than {MAX_PIXELS // 1_000_000} megapixels "
            f"({width} × {height}): scale it down before adding it",
        )
    if not _widths(width, height):
        return _problem(
            media,
            f"source/{MEDIA}/{media.image} is {width} × {height} pixels: no photo variant can be "
            f"narrow enough to stay within {MAX_SIDE:,} pixels of height; crop it, or split it "
            "into several images",
        )
    return path, hashlib.sha256(PROCESSING + data).hexdigest()[:16]


def check_all(source: Path, articles) -> dict[str, tuple]:
    """{image path: (first media entry naming it, file, digest)} of every photo the articles show, each
    checked once; raises SourceError listing every bad one."""
    found, problems, seen = {}, [], set()
    for media in (m for article in articles for m in article.media if m.image):
        if media.image in seen:
            continue
        seen.add(media.image)
        result = check(source, media)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            found[media.image] = (media, *result)
    if problems:
        raise SourceError(problems)
    return found


def prepare(source: Path, docs: Path, articles, parallel: bool = True) -> dict[str, Photo]:
    """Check and process every photo the articles show: {image path: Photo}. Raises SourceError, with
    nothing written into docs/, if any photo is bad."""
    from .parallel import fork_map  # not for the up-to-date check, which imports this module too

    found = check_all(source, articles)
    output = Path(docs) / MEDIA
    # a killed build's work folder (builds hold the lock: none runs)
    for leftover in Path(docs).glob(".media-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    todo = {
        digest: (media, path)
        for media, path, digest in found.values()
        if not is_complete(docs, digest)
    }
    if todo:
        output.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=docs, prefix=".media-") as work:
            jobs = [(path, digest, Path(work) / digest) for digest, (_, path) in todo.items()]
            failures = [
                (todo[digest][0], error)
                for (_, digest, _), error in zip(
                    jobs, fork_map(_make_variants, jobs, parallel, minimum=2, chunk=1)
                )
                if error
            ]
            if failures:
                raise SourceError(
                    [
                        _problem(
                            media,
                            f"source/{MEDIA}/{media.image} cannot be decoded ({error}): "
                            "it may be truncated; save it again from an image editor",
                        )
                        for media, error in failures
                    ]
                )
            output.mkdir(exist_ok=True)
            complete = store(docs, PHOTOS_COMPLETE)
            complete.mkdir(parents=True, exist_ok=True)
            for digest in todo:
                shutil.rmtree(output / digest, ignore_errors=True)
                os.replace(Path(work) / digest, output / digest)
                (complete / digest).touch()  # after the folder: without it, a folder is made again
    photos = {image: _read_back(output / digest, digest) for image, (_, _, digest) in found.items()}
    used = {digest for _, _, digest in found.values()}
    _remove_unused(docs, used)
    in_use = store(docs, PHOTOS_IN_USE)
    in_use.parent.mkdir(parents=True, exist_ok=True)
    in_use.write_text("".join(f"{digest}\n" for digest in sorted(used)), encoding="ascii")
    return photos


def all_present(docs: Path) -> bool:
    """Every photo the last build made is still in docs/media/ (someone may have deleted the folder)."""
    try:
        digests = store(docs, PHOTOS_IN_USE).read_text(encoding="ascii").split()
    except FileNotFoundError:
        return True  # no build has made photos here
    except OSError:
        return False
    return all(is_complete(docs, digest) for digest in digests)


def is_complete(docs: Path, digest: str) -> bool:
    """A photo's variants were all made, and its folder is still there."""
    return (
        store(docs, PHOTOS_COMPLETE).joinpath(digest).exists()
        and (Path(docs) / MEDIA / digest).is_dir()
    )


def _make_variants(job) -> str | None:
    """Variants of one photo in its own folder; None, or why the image could not be decoded."""
    from PIL import Image, ImageOps

    path, digest, folder = job
    try:
        with Image.open(path) as image:
            # decode at a half, quarter … of the size when that is still wide enough
            if FORMATS.get(image.format, image.format) == "JPEG":
                # turned a quarter: height becomes width
                upright = image.getexif().get(ORIENTATION) in (
                    5,
                    6,
                    7,
                    8,
                )
                image.draft(image.mode, (1, WIDTHS[-1]) if upright else (WIDTHS[-1], 1))
            image.load()
            image = _srgb(ImageOps.exif_transpose(image))
    except (OSError, ValueError, SyntaxError) as error:
        return str(error) or type(error).__name__
    # No metadata goes into a variant: Pillow's savers fall back on what the original carried (a JPEG's
    # comment, which may hold markup), so nothing of it is left to fall back on.
    image.info.clear()
    folder.mkdir(parents=True)
    stem = "photo"
    full_width, full_height = image.size
    resized = image
    # each from the one before: fewer pixels
    for width in sorted(_widths(full_width, full_height), reverse=True):
        height = _height(width, full_width, full_height)
        if width != resized.width:
            resized = resized.resize((width, height), Image.Resampling.LANCZOS)
        # No exif=, icc_profile= or xmp= arguments: Pillow writes none of the original's metadata.
        resized.save(
            folder / f"{stem}-{width}x{height}.webp", "WEBP", quality=WEBP_QUALITY, method=4
        )
        _flatten(resized).save(
            folder / f"{stem}-{width}x{height}.jpg",
            "JPEG",
            quality=JPEG_QUALITY,
            optimize=True,
            progressive=True,
        )
    return None


def _widths(width: int, height: int) -> list[int]:
    """WIDTHS up to the original's width, and the original width itself when it is narrower than the next;
    a very tall image's narrower still, so that every variant's height stays within MAX_SIDE (none: it
    cannot)."""
    widest = min(width, WIDTHS[-1], width * MAX_SIDE // height)
    return [w for w in WIDTHS if w < widest] + [widest] if widest >= 1 else []


def _height(width: int, full_width: int, full_height: int) -> int:
    """A variant's height: in proportion, and at least one pixel (a 40000 × 1 banner)."""
    return max(1, round(full_height * width / full_width))


def _srgb(image):
    """The image in sRGB (RGB, or RGBA when it has transparency): embedded profiles applied, CMYK and palettes converted."""
    from PIL import ImageCms

    profile = image.info.get("icc_profile")
    if profile:
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            output_mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") else "RGB"
            return ImageCms.profileToProfile(
                image, source_profile, ImageCms.createProfile("sRGB"), outputMode=output_mode
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: convert as if there were none
    if image.mode in ("RGB", "RGBA"):
        return image
    # 16-bit grey: scaled to 8 bits, not clipped to white
    if image.mode in (
        "I;16",
        "I;16B",
        "I;16L",
        "I",
    ):
        image = image.convert("I").point(lambda value: value / 257)
        return image.convert("L").convert("RGB")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    return image.convert("RGBA" if has_alpha else "RGB")


def _flatten(image):
    """JPEG has no transparency: lay the image on white."""
    from PIL import Image

    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def _read_back(folder: Path, digest: str) -> Photo:
    """A processed photo from its folder's file names (stem-WIDTHxHEIGHT.webp)."""
    variants = []
    for webp in folder.glob("*.webp"):
        width, height = (int(n) for n in webp.stem.rsplit("-", 1)[1].split("x"))
        relative = f"{MEDIA}/{digest}/"
        variants.append(
            Variant(width, height, relative + webp.name, relative + webp.with_suffix(".jpg").name)
        )
    variants.sort(key=lambda v: v.width)
    return Photo(digest, variants[-1].width, variants[-1].height, tuple(variants))


def _remove_unused(docs: Path, used: set[str]) -> None:
    """Folders of photos no article shows any more (and interrupted ones) go, with their marks; only
    folders named as this module names them, so nothing put in docs/media/ by hand is touched."""
    output = Path(docs) / MEDIA
    if output.is_dir():
        for folder in output.iterdir():
            if folder.is_dir() and DIGEST.fullmatch(folder.name) and folder.name not in used:
                shutil.rmtree(folder, ignore_errors=True)
    complete = store(docs, PHOTOS_COMPLETE)
    if complete.is_dir():
        for mark in complete.iterdir():
            if mark.name not in used:
                mark.unlink()
