"""asyncpg against a server: the types it has to introspect (enums, domains) and codecs it sets up
itself (json, jsonb, a codec of its own for an enum). Prints what it sees, so that the output for
two servers can be compared."""
import asyncio
import datetime
import decimal
import json
import sys

import asyncpg


async def main():
    c = await asyncpg.connect(host="127.0.0.1", port=int(sys.argv[1]), database=sys.argv[2], user="postgres")
    await c.execute(
        """
        CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
        CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
        CREATE TABLE t (
          id serial PRIMARY KEY, m mood, p posint, j json, jb jsonb, n numeric(10, 3),
          iv interval, ts timestamptz, d date, b bytea, u uuid, tx text[]
        );
        SET TIME ZONE 'UTC';
        """
    )
    await c.set_type_codec("json", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
    await c.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
    row = (
        "happy", 7, {"a": [1, 2]}, {"b": None}, decimal.Decimal("12.345"),
        datetime.timedelta(days=1, seconds=5),
        datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc),
        datetime.date(2024, 1, 2), b"\x00\xff", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", ["x", None],
    )
    await c.execute(
        "INSERT INTO t (m, p, j, jb, n, iv, ts, d, b, u, tx) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        *row,
    )
    r = await c.fetchrow("SELECT m, p, j, jb, n, iv, ts, d, b, u::text, tx FROM t")
    for k, v in r.items():
        print(k, repr(v))
    print("enum parameter", await c.fetchval("SELECT count(*) FROM t WHERE m = $1", "happy"))
    print("enum result", await c.fetchval("SELECT $1::mood", "ok"))
    print("domain parameter", await c.fetchval("SELECT $1::posint + 1", 41))
    try:
        await c.execute("INSERT INTO t (p) VALUES ($1)", -1)
    except asyncpg.PostgresError as e:
        print("error", e.sqlstate, type(e).__name__)
    try:
        await c.execute("INSERT INTO t (m) VALUES ($1)", "angry")
    except asyncpg.PostgresError as e:
        print("error", e.sqlstate, type(e).__name__)
    # A codec of our own for a type asyncpg has to look up by name.
    await c.set_type_codec("mood", encoder=str.lower, decoder=str.upper, schema="public", format="text")
    print("custom codec", await c.fetchval("SELECT m FROM t"), await c.fetchval("SELECT $1::mood::text", "OK"))
    stmt = await c.prepare("SELECT id, m, p, jb FROM t WHERE id = $1")
    print("attributes", [(a.name, a.type.name, a.type.kind, a.type.schema) for a in stmt.get_attributes()])
    print("parameters", [(p.name, p.kind, p.schema) for p in stmt.get_parameters()])
    await c.close()


asyncio.run(main())
