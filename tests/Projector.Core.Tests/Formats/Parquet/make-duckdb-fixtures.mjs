// Writes the Parquet reference files in TestData/ with DuckDB, a Parquet writer independent of
// Parquet.Net. Run from this folder:
//   npm install --no-save --no-audit --no-fund @duckdb/node-api@1 && node make-duckdb-fixtures.mjs
import { DuckDBInstance } from '@duckdb/node-api';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'TestData');
const db = await (await DuckDBInstance.create(':memory:')).connect();
const rows = `
  SELECT * FROM (VALUES
    (1, 'alpha', [0.5, 1.5]::FLOAT[],  true,  TIMESTAMP '2024-05-06 07:08:09', DATE '2024-05-06', 9007199254740993::BIGINT),
    (2, 'beta',  [2.5, 3.5]::FLOAT[],  false, NULL,                            DATE '2024-05-07', NULL),
    (3, NULL,    [4.5, 5.5]::FLOAT[],  NULL,  TIMESTAMP '2024-05-08 00:00:00', NULL,              -1::BIGINT)
  ) AS t(id, name, vec, flag, ts, day, big)`;

// Row groups of 2 rows, so the file has two of them; zstd like many lakehouse writers.
await db.run(`COPY (${rows}) TO '${path.join(out, 'duckdb_list.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 2, COMPRESSION zstd)`);

// DOUBLE[2] (DuckDB's fixed-size ARRAY) is written as a Parquet LIST of doubles.
await db.run(`COPY (SELECT id, vec::DOUBLE[2] AS vec FROM (${rows})) TO '${path.join(out, 'duckdb_array_f64.parquet')}' (FORMAT parquet, COMPRESSION snappy)`);

// Numeric columns only, for --columns.
await db.run(`COPY (SELECT name, vec[1] AS x, vec[2]::DOUBLE AS y, id AS z FROM (${rows})) TO '${path.join(out, 'duckdb_columns.parquet')}' (FORMAT parquet)`);
console.log('wrote', out);
