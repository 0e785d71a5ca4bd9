"""Apache Parquet (via pyarrow): the flat event columns with explicit types, written in row groups."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import islice
from typing import IO, Any

from ..errors import ConfigurationError
from .fields import FLAT_COLUMNS, INT_COLUMNS, REAL_COLUMNS, flat

SUFFIX, BINARY, READS, UNIT = ".parquet", True, "events", "report"
ROW_GROUP = 50_000


def write(rows: Iterable[dict[str, Any]], out: IO[bytes], left_out: Counter[str] | None = None) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise ConfigurationError('Parquet export needs pyarrow: pip install "polemos[exports]" or pip install pyarrow.') from err

    def kind(name: str) -> Any:
        return pa.float64() if name in REAL_COLUMNS else pa.int64() if name in INT_COLUMNS else pa.string()

    schema = pa.schema([(name, kind(name)) for name in FLAT_COLUMNS])
    iterator = (flat(row) for row in rows)
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        while chunk := list(islice(iterator, ROW_GROUP)):
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count
