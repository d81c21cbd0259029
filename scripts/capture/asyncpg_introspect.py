"""asyncpg: connect, then a query returning an enum, which makes asyncpg introspect the type."""
import asyncio
import sys
import asyncpg


async def main():
    c = await asyncpg.connect(host="127.0.0.1", port=int(sys.argv[1]), database=sys.argv[2], user="postgres")
    await c.fetch("SELECT id, mood, joined FROM authors")
    await c.fetch("SELECT tags, price FROM books")
    await c.close()


asyncio.run(main())
