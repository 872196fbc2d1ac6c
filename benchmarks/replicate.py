"""Stopgap scale data: the example company copied ``n`` times, every id
(except country codes) suffixed with the copy number, written as CSV.

Only for profiling before ``graphmap synth`` existed; the benchmark uses
synth data.  Usage: ``python benchmarks/replicate.py N OUT_DIR``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))

from graphmap import model as m  # noqa: E402
from graphmap.dataset import Dataset  # noqa: E402
from importers import read_sources, write_source  # noqa: E402


def _sfx(value: str, sfx: str) -> str:
    return value if len(value) == 2 and value.isupper() else value + sfx  # country codes stay


def replicate(ds: Dataset, n: int) -> Dataset:
    out = Dataset()
    for k in range(n):
        sfx = f"-R{k}"
        for rec in ds:
            if isinstance(rec, m.Country):
                if k == 0:
                    out.add(rec)
                continue
            data: dict[str, Any] = rec.model_dump()
            for f in rec.fields():
                if not (f.ref or f.name == "id") or f.ref == ("Country",):
                    continue
                v = data.get(f.name)
                if v is None:
                    continue
                data[f.name] = [_sfx(x, sfx) for x in v] if isinstance(v, list) else _sfx(v, sfx)
            out.add(type(rec).model_validate(data))
    return out


def main() -> None:
    n, target = int(sys.argv[1]), Path(sys.argv[2])
    ds, problems, _ = read_sources([ROOT / "examples/company/csv"])
    assert not problems, problems[:3]
    write_source(replicate(ds, n), target)


if __name__ == "__main__":
    main()
