"""asyncpg against a server: prepared statements, row limits, transactions. Prints what it sees."""
import asyncio
import sys
import asyncpg


async def main():
    c = await asyncpg.connect(host="127.0.0.1", port=int(sys.argv[1]), database=sys.argv[2], user="apg")
    await c.execute("CREATE TABLE t (id serial PRIMARY KEY, name text NOT NULL, qty integer)")
    async with c.transaction():
        await c.executemany("INSERT INTO t (name, qty) VALUES ($1, $2)", [("a", 1), ("b", 2), ("c", 3)])
    print("fetchrow", dict(await c.fetchrow("SELECT name, qty FROM t ORDER BY id")))
    print("fetchval", await c.fetchval("SELECT sum(qty) FROM t"))
    print("fetch", [tuple(r) for r in await c.fetch("SELECT id, name FROM t WHERE qty >= $1 ORDER BY id", 2)])
    try:
        await c.execute("INSERT INTO t (name) VALUES (NULL)")
    except asyncpg.PostgresError as e:
        print("error", e.sqlstate)
    await c.close()


asyncio.run(main())
