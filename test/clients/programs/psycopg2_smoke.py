"""psycopg2 against a server: transactions, parameters, types, errors. Prints what it sees."""
import sys
import psycopg2

conn = psycopg2.connect(host="127.0.0.1", port=int(sys.argv[1]), dbname=sys.argv[2], user="py")
cur = conn.cursor()
cur.execute("CREATE TABLE t (id serial PRIMARY KEY, name text, at timestamptz DEFAULT now(), n numeric(10,2), ok boolean)")
cur.execute("INSERT INTO t (name, n, ok) VALUES (%s, %s, %s) RETURNING id", ("x", 1.25, True))
print("inserted", cur.fetchone()[0])
conn.commit()
cur.execute("SELECT id, name, n, ok FROM t WHERE name = %s", ("x",))
print("rows", cur.fetchall())
try:
    cur.execute("INSERT INTO t (id, name) VALUES (1, 'dup')")
except psycopg2.Error as e:
    print("error", e.pgcode)
    conn.rollback()
cur.execute("SELECT count(*) FROM t")
print("count", cur.fetchone()[0])
conn.close()
