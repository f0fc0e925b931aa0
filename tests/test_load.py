"""Reading YAML: positions for every value, and no YAML 1.1 or PyYAML surprises."""

import pytest

from newsbuild.load import parse
from newsbuild.problems import SourceError


def problems_of(raw: bytes) -> list[str]:
    with pytest.raises(SourceError) as caught:
        parse("source/x.yaml", raw)
    return [str(p) for p in caught.value.problems]


def test_positions_are_recorded_for_nested_values():
    document = parse(
        "a.yaml", b"title: T\nbody:\n  - paragraph: one\n  - quote: two\n    speaker: x\n"
    )
    assert document.where(("body", 1, "speaker")) == (5, 14)
    assert document.where(("title",)) == (1, 8)


def test_yaml_1_1_words_and_dates_stay_text():
    data = parse("a.yaml", b"a: no\nb: yes\nc: on\nd: off\ne: 2023-08-14\nf: 2023-08\n").data
    assert data == {"a": "no", "b": "yes", "c": "on", "d": "off", "e": "2023-08-14", "f": "2023-08"}


def test_numbers_and_booleans_follow_yaml_1_2():
    assert parse("a.yaml", b"n: 3000000000\nx: 1.5\nt: true\nz: ~\n").data == {
        "n": 3000000000,
        "x": 1.5,
        "t": True,
        "z": None,
    }


def test_duplicate_keys_are_reported_with_both_lines():
    assert problems_of(b"title: a\nsummary: s\ntitle: b\n") == [
        "source/x.yaml:3:1: title: duplicate key 'title' (first given on line 1): keep one"
    ]


def test_aliases_are_rejected_and_an_alias_bomb_is_cheap():
    bomb = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n".encode()
        for i in range(8)
    )
    problems = problems_of(bomb)
    assert problems and all("aliases" in p for p in problems)


def test_python_tags_are_rejected_not_executed(tmp_path):
    marker = tmp_path / "ran"
    raw = f"a: !!python/object/apply:os.system ['touch {marker}']\n".encode()
    assert "YAML tag '!!python/object/apply:os.system' is not allowed" in problems_of(raw)[0]
    assert not marker.exists()


def test_byte_order_mark_and_crlf_are_accepted():
    assert parse("a.yaml", b"\xef\xbb\xbftitle: T\r\nsummary: S\r\n").data == {
        "title": "T",
        "summary": "S",
    }


def test_bytes_that_are_not_utf8_are_located():
    assert problems_of(b"title: ok\nsummary: caf\xe9\n") == [
        "source/x.yaml:2:13: (file): byte 0xe9 is not UTF-8: save the file as UTF-8"
    ]


def test_empty_file_and_syntax_errors_are_located():
    assert problems_of(b"") == ["source/x.yaml:1:1: (file): the file is empty"]
    assert problems_of(b"title: [unclosed\n")[0].startswith(
        "source/x.yaml:2:1: (file): YAML syntax:"
    )
