"""Raw data is immutable: the source documents match their recorded checksums."""
from helpers import paths
from helpers.sources import checksums, manifest


def test_raw_documents_match_recorded_checksums():
    assert checksums.modified_raw_files() == []


def test_every_document_has_a_checksum_and_a_manifest_row():
    recorded = {name.removeprefix("reports/") for name in checksums.recorded_checksums()}
    listed = set(manifest.manifest()["file"])
    assert listed == set(manifest.docs()) == set(manifest.doc_prefix())
    assert listed | {"sources.csv"} == recorded
    assert set(manifest.doc_actor().values()) <= set(manifest.actor_table().actor)


def test_a_changed_byte_is_detected(tmp_path, monkeypatch):
    doc = tmp_path / "reports" / "a.txt"
    doc.parent.mkdir()
    doc.write_text("3 000 households")
    (tmp_path / "checksums.sha256").write_text(f"{checksums.sha256(doc)}  reports/a.txt\n")
    monkeypatch.setattr(paths, "RAW", tmp_path)
    monkeypatch.setattr(paths, "CHECKSUMS", tmp_path / "checksums.sha256")
    assert checksums.modified_raw_files() == []
    doc.write_text("3 001 households")
    assert checksums.modified_raw_files() == ["reports/a.txt"]
