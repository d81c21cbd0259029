import { differentialSuite } from "../support/differential.js";

/**
 * Enum types (enums.ts) against PostgreSQL. Enum OIDs are assigned differently (PostgreSQL's come
 * from its OID counter), so values are compared as text.
 */
differentialSuite(
  "enum types match PostgreSQL",
  [],
  [
    "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
    "CREATE TYPE mood AS ENUM ('x')",
    "CREATE TYPE twice AS ENUM ('a', 'a')",
    "CREATE TYPE empty AS ENUM ()",
    "CREATE TABLE e (id serial PRIMARY KEY, m mood NOT NULL)",
    "INSERT INTO e (m) VALUES ('ok'), ('sad'), ('happy')",
    "SELECT id, m::text FROM e ORDER BY id",
    "CREATE TABLE e2 (m nope)",
    "CREATE TABLE e2 (m mood(3))",
    "CREATE TABLE mood (x int)",
    "CREATE TYPE e AS ENUM ('a')",
    // ALTER TYPE ... ADD VALUE
    "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok'",
    "ALTER TYPE mood ADD VALUE 'ok'",
    "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok'",
    "ALTER TYPE mood ADD VALUE 'x' AFTER 'nope'",
    "ALTER TYPE mood ADD VALUE 'ecstatic' AFTER 'happy'",
    "ALTER TYPE mood ADD VALUE 'first' BEFORE 'sad'",
    "ALTER TYPE nope ADD VALUE 'x'",
    "ALTER TYPE e ADD VALUE 'x'",
    "ALTER TYPE mood ADD VALUE 'a_label_that_is_much_too_long_to_be_a_label_of_any_enum_type_here'",
    "INSERT INTO e (m) VALUES ('meh'), ('ecstatic')",
    "SELECT id, m::text FROM e ORDER BY id",
    // RENAME VALUE changes the stored values
    "ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'",
    "ALTER TYPE mood RENAME VALUE 'nope' TO 'x'",
    "ALTER TYPE mood RENAME VALUE 'ok' TO 'happy'",
    "SELECT id, m::text FROM e ORDER BY id",
    // columns of enum type through ALTER TABLE
    "ALTER TABLE e ADD COLUMN m2 mood DEFAULT 'zz'",
    "ALTER TABLE e ADD COLUMN m2 mood DEFAULT 'ok'",
    "SELECT id, m2::text FROM e ORDER BY id",
    "ALTER TABLE e ALTER COLUMN m TYPE text",
    "SELECT id, m FROM e ORDER BY id",
    "ALTER TABLE e ALTER COLUMN m TYPE mood",
    "UPDATE e SET m = 'bogus' WHERE id = 1",
    "ALTER TABLE e ALTER COLUMN m TYPE mood USING m::mood",
    "UPDATE e SET m = 'ok' WHERE id = 1",
    "ALTER TABLE e ALTER COLUMN m TYPE mood USING m::mood",
    "SELECT id, m::text FROM e ORDER BY id",
    "ALTER TABLE e ALTER COLUMN m2 SET DEFAULT 'meh'",
    "ALTER TABLE e ALTER COLUMN m2 SET DEFAULT 'nope'",
    "INSERT INTO e (m) VALUES ('happy') RETURNING id, m::text, m2::text",
    // RENAME TO
    "ALTER TYPE mood RENAME TO feeling",
    "ALTER TYPE feeling RENAME TO e",
    "SELECT id, m::text, m2::text FROM e ORDER BY id",
    "INSERT INTO e (m) VALUES ('happy') RETURNING id, m::text, m2::text",
    "CREATE TABLE e3 (id int, f feeling DEFAULT 'blue')",
    "INSERT INTO e3 DEFAULT VALUES",
    "SELECT f::text FROM e3",
    // DROP TYPE
    "DROP TYPE feeling",
    "DROP TYPE nope",
    "DROP TYPE IF EXISTS nope",
    "DROP TYPE integer",
    "DROP TYPE e",
    "DROP TYPE feeling CASCADE",
    "SELECT * FROM e ORDER BY id",
    "SELECT * FROM e3",
    "DROP TYPE empty, nope",
    "DROP TYPE IF EXISTS empty, nope",
    "CREATE TYPE empty AS ENUM ('again')",
  ],
);

differentialSuite(
  "enum values match PostgreSQL",
  [
    "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
    "CREATE TABLE e (id int, m mood)",
    "INSERT INTO e VALUES (1, 'ok'), (2, 'sad'), (3, 'happy')",
  ],
  [
    "INSERT INTO e VALUES (4, 'bad')",
    "UPDATE e SET m = 'bogus' WHERE id = 1",
    "SELECT 'nope'::mood",
    ["INSERT INTO e VALUES (5, $1)", ["bad"]],
    "SELECT m::text FROM e ORDER BY m",
    "SELECT m::text FROM e WHERE m > 'sad' ORDER BY m DESC",
    "SELECT min(m)::text, max(m)::text FROM e",
    "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok'",
    "INSERT INTO e VALUES (6, 'meh')",
    "SELECT m::text FROM e ORDER BY m",
    "SELECT 'ok'::mood < 'happy'::mood, 'ok'::mood = 'ok'",
  ],
);
