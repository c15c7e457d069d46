// Runs one SQL query with DuckDB (@duckdb/node-api, installed by `npm install` in this directory)
// and prints its rows as JSON lines. Used by bench.py: node duckdb_query.mjs 'SQL'
import { DuckDBInstance } from '@duckdb/node-api';

const sql = process.argv[2];
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const reader = await conn.runAndReadAll(sql);
const out = reader.getRowObjectsJson().map((r) => JSON.stringify(r)).join('\n');
process.stdout.write(out.length ? out + '\n' : '');
