-- Blogging platform: authors, posts, comments and tags (many-to-many), with the listing,
-- search and moderation queries of a typical CMS.

CREATE TABLE authors (
  id serial PRIMARY KEY,
  username varchar(50) NOT NULL UNIQUE,
  display_name varchar(100)
);

CREATE TABLE posts (
  id serial PRIMARY KEY,
  author_id integer REFERENCES authors (id) ON DELETE SET NULL,
  title varchar(200) NOT NULL,
  slug varchar(200) NOT NULL UNIQUE,
  body text NOT NULL DEFAULT '',
  published boolean NOT NULL DEFAULT false,
  published_at timestamp,
  view_count integer NOT NULL DEFAULT 0
);

CREATE TABLE comments (
  id serial PRIMARY KEY,
  post_id integer NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  author_name varchar(100) NOT NULL,
  body text NOT NULL,
  approved boolean NOT NULL DEFAULT false,
  created_at timestamp NOT NULL
);

CREATE TABLE tags (
  id serial PRIMARY KEY,
  name varchar(50) NOT NULL UNIQUE
);

CREATE TABLE post_tags (
  post_id integer NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  tag_id integer NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (post_id, tag_id)
);

CREATE INDEX posts_published_at_idx ON posts (published_at DESC) WHERE published;
CREATE INDEX comments_post_id_created_at_idx ON comments (post_id, created_at);

INSERT INTO authors (username, display_name) VALUES
  ('jdoe', 'Jane Doe'), ('msmith', 'Mark Smith'), ('guest', NULL);

INSERT INTO posts (author_id, title, slug, body, published, published_at, view_count) VALUES
  (1, 'Getting Started with PostgreSQL', 'getting-started-with-postgresql',
   'PostgreSQL is a powerful open source database. This post covers installation.', true, '2024-01-10 09:00:00', 150),
  (1, 'Indexing Strategies', 'indexing-strategies',
   'Indexes speed up reads. B-tree indexes are the default.', true, '2024-02-14 12:00:00', 320),
  (2, 'Why I Love SQL', 'why-i-love-sql',
   'SQL is declarative and expressive.', true, '2024-03-01 18:30:00', 75),
  (2, 'Draft: Window Functions', 'draft-window-functions',
   'Coming soon.', false, NULL, 0),
  (3, 'Guest Post on Backups', 'guest-post-on-backups',
   'Always test your backups! A backup you never restored is not a backup.', true, '2024-03-05 08:15:00', 42);

INSERT INTO tags (name) VALUES ('postgresql'), ('performance'), ('sql'), ('ops')
RETURNING id, name;

INSERT INTO post_tags (post_id, tag_id) VALUES
  (1, 1), (1, 3), (2, 1), (2, 2), (3, 3), (5, 1), (5, 4);

-- Re-tagging is idempotent
INSERT INTO post_tags (post_id, tag_id) VALUES (1, 1), (3, 1)
ON CONFLICT DO NOTHING;

INSERT INTO comments (post_id, author_name, body, approved, created_at) VALUES
  (1, 'reader1', 'Great intro, thanks!', true, '2024-01-11 10:00:00'),
  (1, 'reader2', 'What about Windows installs?', true, '2024-01-12 11:30:00'),
  (1, 'spammer', 'Buy cheap stuff', false, '2024-01-12 12:00:00'),
  (2, 'dba_dan', 'Partial indexes deserve a mention.', true, '2024-02-15 08:00:00'),
  (3, 'reader1', 'Agreed!', true, '2024-03-02 09:45:00'),
  (3, 'reader3', 'SQL forever.', false, '2024-03-02 10:00:00');

-- Front page: published posts, newest first, with author and approved comment count
SELECT p.id, p.title, coalesce(a.display_name, a.username) AS author,
       count(c.id) AS comment_count
FROM posts p
LEFT JOIN authors a ON a.id = p.author_id
LEFT JOIN comments c ON c.post_id = p.id AND c.approved
WHERE p.published
GROUP BY p.id, a.display_name, a.username
ORDER BY p.published_at DESC
LIMIT 10;

-- Single post by slug
SELECT id, title, body, published_at FROM posts WHERE slug = 'indexing-strategies';

-- Tags of every post as a comma separated list
SELECT p.slug, string_agg(t.name, ', ' ORDER BY t.name) AS tags
FROM posts p
JOIN post_tags pt ON pt.post_id = p.id
JOIN tags t ON t.id = pt.tag_id
GROUP BY p.slug
ORDER BY p.slug;

-- Tag cloud
SELECT t.name, count(pt.post_id) AS posts
FROM tags t LEFT JOIN post_tags pt ON pt.tag_id = t.id
GROUP BY t.name
ORDER BY posts DESC, t.name;

-- Posts tagged 'postgresql'
SELECT p.title FROM posts p
WHERE p.id IN (SELECT pt.post_id FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE t.name = 'postgresql')
ORDER BY p.id;

-- Search
SELECT id, title FROM posts WHERE title ILIKE '%sql%' OR body ILIKE '%sql%' ORDER BY id;
SELECT id, title FROM posts WHERE lower(title) LIKE 'why%';
SELECT count(*) FROM posts WHERE body LIKE '%backup%';

-- Excerpts for the listing page
SELECT id,
       CASE WHEN length(body) > 30 THEN left(body, 30) || '...' ELSE body END AS excerpt,
       length(body) AS body_length
FROM posts ORDER BY id;

-- Latest comment on each post
SELECT DISTINCT ON (post_id) post_id, author_name, created_at
FROM comments
WHERE approved
ORDER BY post_id, created_at DESC;

-- Same thing with a window function
SELECT post_id, author_name, body FROM (
  SELECT c.*, row_number() OVER (PARTITION BY post_id ORDER BY created_at DESC) AS rn
  FROM comments c
) ranked
WHERE rn = 1
ORDER BY post_id;

-- Authors with their published post counts and total views
SELECT a.username, sum(CASE WHEN p.published THEN 1 ELSE 0 END) AS published_posts,
       coalesce(sum(p.view_count), 0) AS views
FROM authors a LEFT JOIN posts p ON p.author_id = a.id
GROUP BY a.username
ORDER BY a.username;

-- Moderation queue
SELECT c.id, p.slug, c.author_name, c.body
FROM comments c JOIN posts p ON p.id = c.post_id
WHERE NOT c.approved
ORDER BY c.created_at;

UPDATE comments SET approved = true WHERE id = 6 RETURNING id, approved;
DELETE FROM comments WHERE author_name = 'spammer' RETURNING id;

-- Counting a page view
UPDATE posts SET view_count = view_count + 1 WHERE slug = 'why-i-love-sql' RETURNING view_count;

-- Publishing a draft
UPDATE posts SET published = true, published_at = '2024-03-10 07:00:00'
WHERE slug = 'draft-window-functions' AND NOT published;

-- Generate a slug from a title
SELECT replace(lower(trim('  New Post About Joins  ')), ' ', '-') AS slug;

-- Duplicate slug
INSERT INTO posts (author_id, title, slug) VALUES (1, 'Indexing Strategies Again', 'indexing-strategies');

-- Unknown tag id
INSERT INTO post_tags (post_id, tag_id) VALUES (1, 42);

-- Archive: posts per month
SELECT to_char(published_at, 'YYYY-MM') AS month, count(*) AS posts
FROM posts WHERE published
GROUP BY 1 ORDER BY 1 DESC;

-- View used by the public API
CREATE VIEW published_posts AS
  SELECT p.id, p.title, p.slug, a.username AS author, p.published_at
  FROM posts p LEFT JOIN authors a ON a.id = p.author_id
  WHERE p.published;

SELECT * FROM published_posts ORDER BY published_at;

-- Deleting an author keeps their posts but clears the author
DELETE FROM authors WHERE username = 'msmith';
SELECT id, author_id, title FROM posts WHERE author_id IS NULL ORDER BY id;
SELECT title, author FROM published_posts WHERE author IS NULL ORDER BY id;

-- Deleting a post removes its comments and tag links
DELETE FROM posts WHERE slug = 'getting-started-with-postgresql';
SELECT (SELECT count(*) FROM comments) AS comments, (SELECT count(*) FROM post_tags) AS post_tags;

-- Tags no longer used
SELECT name FROM tags t WHERE NOT EXISTS (SELECT 1 FROM post_tags pt WHERE pt.tag_id = t.id) ORDER BY name;

-- Related posts sharing a tag with post 2
SELECT DISTINCT p.id, p.title
FROM posts p
JOIN post_tags pt ON pt.post_id = p.id
WHERE pt.tag_id IN (SELECT tag_id FROM post_tags WHERE post_id = 2) AND p.id <> 2
ORDER BY p.id;
