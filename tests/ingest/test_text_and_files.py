"""Plain text and the file-level checks every reader shares (empty, binary, encodings)."""
from datetime import date

from multipolar.ingest import read_one, read_paths


def test_date_and_title_headers(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Date: 2024-06-19\nTitle: Putin in Pyongyang\nURL: https://x.example.org/a\n\n"
                 "Russian President Vladimir Putin arrived in Pyongyang on Wednesday.\n")
    (art,) = read_one(p)
    assert art.date == date(2024, 6, 19)
    assert art.title == "Putin in Pyongyang"
    assert art.url == "https://x.example.org/a"
    assert art.text == "Russian President Vladimir Putin arrived in Pyongyang on Wednesday."
    assert art.source == str(p) and art.hash and art.id == art.hash


def test_first_line_title_and_dateline(tmp_path):
    p = tmp_path / "b.txt"
    p.write_text("Modi meets Putin\n\nMOSCOW, 9 July 2024 - Indian Prime Minister Narendra Modi "
                 "held talks with Russian President Vladimir Putin.\n")
    (art,) = read_one(p)
    assert art.title == "Modi meets Putin"
    assert art.date == date(2024, 7, 9)
    assert art.text.startswith("MOSCOW")


def test_hard_wrapped_first_line_is_not_a_title(tmp_path):
    p = tmp_path / "wrapped.txt"
    p.write_text("Russian President Vladimir Putin arrived in Hanoi on Thursday for\n"
                 "talks with Vietnamese President To Lam.\n")
    (art,) = read_one(p)
    assert art.title is None and art.text.startswith("Russian President")


def test_no_date_anywhere(tmp_path):
    p = tmp_path / "c.txt"
    p.write_text("The European Union adopted a new package of sanctions against Russia on Monday.\n")
    (art,) = read_one(p)
    assert art.date is None and art.title is None


def test_empty_file(bad, one_skip):
    s = one_skip([bad / "empty.txt"])
    assert s.reason.startswith("E013") and "empty.txt" in s.reason and s.source.endswith("empty.txt")


def test_whitespace_only_file(bad, one_skip):
    s = one_skip([bad / "whitespace_only.txt"])
    assert s.reason.startswith("E013") and "whitespace_only.txt" in s.reason


def test_binary_file(bad, one_skip):
    s = one_skip([bad / "binary.bin"])
    assert s.reason.startswith("E014") and "binary" in s.reason and "binary.bin" in s.reason


def test_binary_file_with_text_extension(tmp_path, one_skip):
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert one_skip([p]).reason.startswith("E014")


def test_invalid_utf8_names_the_byte_and_the_fix(bad, one_skip):
    s = one_skip([bad / "invalid_utf8.txt"])
    assert s.reason.startswith("E014") and "invalid_utf8.txt" in s.reason
    assert "UTF-8" in s.reason and "iconv" in s.reason and "byte" in s.reason


def test_utf16_with_bom_is_read(bad):
    (art,) = read_one(bad / "utf16_bom.txt")
    assert art.date == date(2024, 7, 4)
    assert art.title == "Belarus joins the SCO"
    assert art.text.startswith("Belarus became the tenth full member")
    assert "\ufeff" not in art.text and "\x00" not in art.text


def test_utf8_bom_is_dropped(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfDate: 2024-03-07\n\nSweden became the 32nd member of NATO on Thursday.\n")
    (art,) = read_one(p)
    assert art.date == date(2024, 3, 7) and not art.text.startswith("\ufeff")


def test_too_short(bad, one_skip):
    s = one_skip([bad / "too_short.txt"])
    assert s.reason.startswith("E016") and "no article text" in s.reason and "too_short.txt" in s.reason


def test_impossible_header_date_gives_none(bad):
    (art,) = read_one(bad / "bad_date.txt")
    assert art.date is None and art.title == "A date that does not exist"


def test_missing_file(tmp_path, one_skip):
    s = one_skip([tmp_path / "nope.txt"])
    assert s.reason.startswith("E011") and "nope.txt" in s.reason and "no such file" in s.reason


def test_fifo_is_not_opened(tmp_path, one_skip):
    import os
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)              # opening it for reading would block forever
    s = one_skip([fifo])
    assert s.reason.startswith("E011") and "not a regular file" in s.reason


def test_single_string_path_is_one_path(bad):
    recs = list(read_paths(str(bad / "utf16_bom.txt")))
    assert len(recs) == 1 and recs[0].text
