"""Read what ``dyad spark code`` wrote, for ``dyad load``: pyarrow only, no Spark needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow.fs as pafs
import pyarrow.parquet as pq

from dyad.errors import SourceError
from dyad.pipeline import CodedArticle
from dyad.spark.records import coded_from_record

__all__ = ["read_coded"]


def read_coded(output: str | Path, batch_size: int = 256) -> Iterator[CodedArticle]:
    """The coded articles of ``output``/articles in input order (the job sorted them and
    wrote its part files in that order), a record batch at a time, so memory stays flat."""
    where = str(output).rstrip("/")
    uri = where if "://" in where else str(Path(where).resolve())
    try:
        fs, base = pafs.FileSystem.from_uri(uri)
        infos = fs.get_file_info(pafs.FileSelector(f"{base}/articles"))
    except (OSError, ValueError) as exc:
        raise SourceError(f"{where}: no articles/ written by 'dyad spark code' ({exc})") from None
    files = sorted(i.path for i in infos if i.is_file and i.base_name.endswith(".parquet"))
    if not files and not any(i.base_name == "_SUCCESS" for i in infos):
        raise SourceError(f"{where}/articles: no Parquet files and no _SUCCESS marker")
    for path in files:
        try:
            with fs.open_input_file(path) as fh:
                for rb in pq.ParquetFile(fh).iter_batches(batch_size=batch_size):
                    for rec in rb.to_pylist():
                        yield coded_from_record(rec)
        except (OSError, KeyError, TypeError, ValueError) as exc:
            raise SourceError(f"{path}: not an articles file of 'dyad spark code': {exc}") from exc
