"""Damaged CSV tables are errors naming the file and the line, never a raw pandas traceback."""
import pytest

from helpers.sources.tables import InputError, numbers, read_table

GOOD = 'id,name,value\n1,"Kayes, Mali",3\n2,"two\nlines",4\n3,plain,5\n'


def write(tmp_path, data: bytes | str, name="t.csv"):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_a_good_table_reads_as_text_with_quoted_commas_and_newlines(tmp_path):
    table = read_table(write(tmp_path, GOOD))
    assert table.to_dict("list") == {"id": ["1", "2", "3"], "name": ["Kayes, Mali", "two\nlines", "plain"],
                                     "value": ["3", "4", "5"]}
    assert table.attrs["lines"] == (2, 3, 5)
    assert numbers(table, "value", "t.csv").tolist() == [3, 4, 5]


@pytest.mark.parametrize("data, line, fragment", [
    (GOOD.replace("3,plain,5", "3,plain,5,extra"), 5, "4 fields where the header has 3"),
    (GOOD.replace('1,"Kayes, Mali",3', "1,Kayes, Mali,3"), 2, "4 fields where the header has 3"),
    (GOOD + '4,"never closed,6\n', 6, "a quoted field is never closed"),
    (GOOD.encode() + "5,Ségou,7\n".encode("latin-1"), 6, "byte 0xe9 at column 4 is not UTF-8"),
    (b"\xef\xbb\xbf" + GOOD.encode(), 1, "byte-order mark"),
    (GOOD.replace("\n", "\r\n"), 1, "Windows line ending"),
    (GOOD.replace("3,plain,5\n", "3,plain,5\r\n"), 5, "Windows line ending"),
    ("id,id\n1,2\n", 1, "named twice in the header: id"),
])
def test_damage_names_file_and_line(tmp_path, data, line, fragment):
    path = write(tmp_path, data)
    with pytest.raises(InputError) as err:
        read_table(path)
    assert err.value.line == line and fragment in str(err.value)
    assert str(err.value).startswith(f"{path}: line {line}: ")


def test_missing_file_empty_file_and_missing_columns(tmp_path):
    with pytest.raises(InputError, match="nope.csv: file not found"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="empty"):
        read_table(write(tmp_path, ""))
    with pytest.raises(InputError, match=r"line 1: missing column\(s\) rate"):
        read_table(write(tmp_path, GOOD), required=("id", "rate"))


def test_a_cell_that_is_not_a_number_names_its_line(tmp_path):
    table = read_table(write(tmp_path, GOOD.replace("3,plain,5", "3,plain,five")))
    with pytest.raises(InputError, match=r"t.csv: line 5: column value: 'five' is not a number"):
        numbers(table, "value", "t.csv")
    with pytest.raises(InputError, match="is not a whole number"):
        numbers(read_table(write(tmp_path, "v\n2.5\n")), "v", "t.csv", integer=True)


def test_every_input_table_reads_and_the_digest_covers_every_input_file(tmp_path, monkeypatch):
    from helpers import paths
    from helpers.sources import inputs

    inputs.check_tables()
    files = inputs.input_files()
    assert paths.FIGURES in files and paths.EXCHANGE_RATES in files and paths.COSTS_SUPPLEMENTARY in files
    assert all(f.exists() for f in files)
    copies = []
    for f in files:
        copy = tmp_path / f.name
        copy.write_bytes(f.read_bytes())
        copies.append(copy)
    before = inputs.digest(copies)
    rates = tmp_path / paths.EXCHANGE_RATES.name
    rates.write_bytes(rates.read_bytes().replace(b"655.957", b"6559.57", 1))
    assert inputs.digest(copies) != before, "a changed rate changes the input checksum"


def test_the_record_lines_are_shared_not_copied_by_frame_operations(tmp_path):
    """pandas deep-copies attrs on every column access; a large table must not pay for its lines each time."""
    path = tmp_path / "t.csv"
    path.write_text("a,b\n" + "".join(f"{i},x\n" for i in range(1000)), encoding="utf-8")
    table = read_table(path)
    lines = table.attrs["lines"]
    assert list(lines[:3]) == [2, 3, 4]
    assert table["a"].attrs["lines"] is lines and table.loc[table.a == "5"].attrs["lines"] is lines
