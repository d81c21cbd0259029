-- A small blog platform's schema evolving over releases: ALTER TABLE in many forms, indexes,
-- materialized views, savepoints, prepared statements, DO blocks and maintenance statements.

CREATE TABLE authors (id serial PRIMARY KEY, handle text NOT NULL, bio text);
CREATE TABLE posts (
  id serial PRIMARY KEY,
  author_id int NOT NULL REFERENCES authors ON DELETE CASCADE,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  published_at timestamp,
  views int NOT NULL DEFAULT 0
);
INSERT INTO authors (handle, bio) VALUES ('amy', 'Writes about SQL'), ('bob', NULL), ('cyd', 'Poet');
INSERT INTO posts (author_id, title, body, published_at, views) VALUES
  (1, 'Intro to joins', 'Joins combine rows', '2024-01-05 10:00', 120),
  (1, 'Window functions', 'Frames and partitions', '2024-02-10 09:30', 340),
  (2, 'Draft: indexes', 'TODO', NULL, 0),
  (3, 'Ode to NULL', 'Nothing is something', '2024-03-01 12:00', 45),
  (1, 'CTEs', 'WITH queries', '2024-03-15 08:00', 90);

-- Release 2: new columns, defaults, constraints
ALTER TABLE posts ADD COLUMN slug text;
UPDATE posts SET slug = lower(regexp_replace(title, '[^a-zA-Z0-9]+', '-', 'g'));
ALTER TABLE posts ALTER COLUMN slug SET NOT NULL;
ALTER TABLE posts ADD CONSTRAINT posts_slug_key UNIQUE (slug);
ALTER TABLE posts ADD COLUMN IF NOT EXISTS slug text;
ALTER TABLE posts ADD COLUMN status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived'));
UPDATE posts SET status = 'published' WHERE published_at IS NOT NULL;
SELECT id, slug, status FROM posts ORDER BY id;
INSERT INTO posts (author_id, title, slug) VALUES (2, 'Another CTEs', 'ctes');
ALTER TABLE authors RENAME COLUMN handle TO username;
ALTER TABLE authors ADD COLUMN joined date DEFAULT '2024-01-01';
SELECT id, username, joined FROM authors ORDER BY id;
ALTER TABLE posts ALTER COLUMN views TYPE bigint;
ALTER TABLE posts ALTER COLUMN views SET DEFAULT 1;
ALTER TABLE posts RENAME TO articles;
SELECT count(*) FROM articles;
SELECT count(*) FROM posts;
ALTER TABLE articles DROP COLUMN body;
SELECT * FROM articles WHERE id = 1;
ALTER TABLE articles ALTER COLUMN status DROP DEFAULT;
INSERT INTO articles (author_id, title, slug) VALUES (2, 'No status', 'no-status');
ALTER TABLE articles ALTER COLUMN title TYPE varchar(10);
ALTER TABLE articles ALTER COLUMN title TYPE varchar(100);

-- Indexes
CREATE INDEX articles_author_idx ON articles (author_id);
CREATE INDEX IF NOT EXISTS articles_author_idx ON articles (author_id);
CREATE UNIQUE INDEX authors_username_lower ON authors (lower(username));
INSERT INTO authors (username) VALUES ('AMY');
CREATE INDEX articles_published ON articles (published_at DESC NULLS LAST) WHERE status = 'published';
DROP INDEX articles_author_idx;
DROP INDEX IF EXISTS no_such_index;
SELECT indexname FROM pg_indexes WHERE tablename = 'articles' ORDER BY indexname;

-- Materialized view
CREATE MATERIALIZED VIEW author_stats AS
  SELECT a.username, count(p.id) AS posts, coalesce(sum(p.views), 0) AS views FROM authors a LEFT JOIN articles p ON p.author_id = a.id GROUP BY a.username;
SELECT * FROM author_stats ORDER BY username;
UPDATE articles SET views = views + 1000 WHERE author_id = 3;
SELECT views FROM author_stats WHERE username = 'cyd';
REFRESH MATERIALIZED VIEW author_stats;
SELECT views FROM author_stats WHERE username = 'cyd';

-- Savepoints
BEGIN;
INSERT INTO authors (username) VALUES ('dee');
SAVEPOINT s1;
INSERT INTO authors (username) VALUES ('amy');
ROLLBACK TO SAVEPOINT s1;
INSERT INTO authors (username) VALUES ('eve');
RELEASE SAVEPOINT s1;
COMMIT;
SELECT username FROM authors ORDER BY id;

-- Errors abort the transaction until rollback
BEGIN;
INSERT INTO authors (username) VALUES (NULL);
SELECT 1;
ROLLBACK;

-- Prepared statements
PREPARE by_author(int) AS SELECT title FROM articles WHERE author_id = $1 ORDER BY id;
EXECUTE by_author(1);
EXECUTE by_author(2);
DEALLOCATE by_author;
EXECUTE by_author(1);

-- DO block
DO $$
BEGIN
  UPDATE articles SET views = views * 2 WHERE status = 'published';
END
$$;
SELECT sum(views) FROM articles;

-- CREATE TABLE AS and SELECT INTO
CREATE TABLE top_articles AS SELECT id, title, views FROM articles ORDER BY views DESC LIMIT 2;
SELECT * FROM top_articles;
SELECT id, title INTO TEMP recent FROM articles WHERE published_at > '2024-02-01';
SELECT count(*) FROM recent;

-- FETCH FIRST WITH TIES, TABLE, LIMIT ALL
SELECT author_id, title FROM articles ORDER BY author_id FETCH FIRST 2 ROWS WITH TIES;
TABLE authors ORDER BY id LIMIT 2;
SELECT id FROM articles ORDER BY id LIMIT ALL OFFSET 4;

-- DELETE USING, UPDATE with subquery
DELETE FROM articles a USING authors u WHERE a.author_id = u.id AND u.username = 'bob' RETURNING a.title;
UPDATE authors SET bio = (SELECT count(*)::text || ' posts' FROM articles WHERE author_id = authors.id) WHERE bio IS NULL RETURNING username, bio;

-- Overriding identity
CREATE TABLE tags (id int GENERATED ALWAYS AS IDENTITY, name text);
INSERT INTO tags (name) VALUES ('sql');
INSERT INTO tags (id, name) OVERRIDING SYSTEM VALUE VALUES (100, 'pg');
INSERT INTO tags (name) VALUES ('next') RETURNING id;
UPDATE tags SET id = 5 WHERE name = 'sql';

-- Comments and catalog lookups
COMMENT ON TABLE articles IS 'Blog articles';
SELECT obj_description('articles'::regclass, 'pg_class');
SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'articles' ORDER BY ordinal_position;

-- Drops
DROP TABLE authors;
DROP TABLE authors CASCADE;
DROP TABLE IF EXISTS authors;
TRUNCATE articles;
SELECT count(*) FROM articles;
DROP MATERIALIZED VIEW IF EXISTS author_stats;
