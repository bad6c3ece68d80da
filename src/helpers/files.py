"""Writing outputs so that readers never see a half-written file or a half-updated folder."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd


def write_outputs(files: dict[str, pd.DataFrame | str], output_dir: Path) -> dict[str, Path]:
    """Write every file to a temporary name first, then move them all into place."""
    output_dir.mkdir(parents=True, exist_ok=True)
    staged = {}
    try:
        for name, content in files.items():
            fd, tmp = tempfile.mkstemp(dir=output_dir, prefix=f".{name}.", suffix=".tmp")
            staged[name] = Path(tmp)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                if isinstance(content, pd.DataFrame):
                    content.to_csv(fh, index=False, lineterminator="\n")
                else:
                    fh.write(content)
    except BaseException:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise
    for name, tmp in staged.items():
        tmp.chmod(0o644)  # mkstemp makes files private; outputs are for everyone to read
        os.replace(tmp, output_dir / name)
    return {name: output_dir / name for name in staged}


def write_atomic(path: Path, text: str) -> None:
    """Readers never see a half-written file: write a temporary file beside it, then rename."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """:func:`write_atomic` for bytes (a raw document copied byte for byte)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp",
                                     delete=False) as tmp:
        tmp.write(data)
    os.chmod(tmp.name, 0o644)  # temporary files are created private (0600); reports are for reading
    os.replace(tmp.name, path)
