-- Headless CMS: pages with unique slugs in a section tree, numbered revisions with a
-- published pointer, locales and redirects from old slugs, as a Node CMS backend queries them.

CREATE TABLE sections (
  id serial PRIMARY KEY,
  parent_id integer REFERENCES sections (id),
  slug varchar(80) NOT NULL,
  title text NOT NULL,
  UNIQUE (parent_id, slug)
);

CREATE TABLE pages (
  id serial PRIMARY KEY,
  section_id integer NOT NULL REFERENCES sections (id),
  slug varchar(120) NOT NULL,
  locale char(2) NOT NULL DEFAULT 'en',
  status varchar(16) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
  published_revision integer,
  CONSTRAINT pages_slug_locale_key UNIQUE (section_id, slug, locale),
  CONSTRAINT pages_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);

CREATE TABLE revisions (
  page_id integer NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  rev integer NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  blocks jsonb NOT NULL DEFAULT '[]',
  author text NOT NULL,
  saved_at timestamp NOT NULL,
  PRIMARY KEY (page_id, rev)
);

CREATE TABLE redirects (
  from_path text PRIMARY KEY,
  to_page_id integer NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  hits integer NOT NULL DEFAULT 0,
  created_at timestamp NOT NULL DEFAULT now()
);

INSERT INTO sections (parent_id, slug, title) VALUES
  (NULL, 'docs', 'Documentation'), (NULL, 'blog', 'Blog'), (1, 'guides', 'Guides'), (1, 'api', 'API Reference');

INSERT INTO pages (section_id, slug, locale, status, published_revision) VALUES
  (3, 'getting-started', 'en', 'published', 2),
  (3, 'getting-started', 'de', 'draft', NULL),
  (4, 'authentication', 'en', 'published', 1),
  (2, 'hello-world', 'en', 'published', 1),
  (2, 'roadmap-2024', 'en', 'draft', NULL);

INSERT INTO revisions (page_id, rev, title, body, blocks, author, saved_at) VALUES
  (1, 1, 'Getting started', 'Install the CLI.', '[{"type": "paragraph"}]', 'ana', '2024-01-10 10:00:00'),
  (1, 2, 'Getting Started', 'Install the CLI and log in.', '[{"type": "paragraph"}, {"type": "code", "lang": "sh"}]', 'ana', '2024-01-12 15:30:00'),
  (1, 3, 'Getting Started (draft)', 'Install the CLI, log in, deploy.', '[{"type": "paragraph"}, {"type": "code", "lang": "sh"}, {"type": "image"}]', 'bo', '2024-02-01 09:00:00'),
  (2, 1, 'Erste Schritte', 'Installieren Sie die CLI.', '[]', 'cem', '2024-01-20 11:00:00'),
  (3, 1, 'Authentication', 'Use an API token.', '[{"type": "code", "lang": "js"}]', 'bo', '2024-01-05 08:00:00'),
  (4, 1, 'Hello, world', 'Our first post.', '[{"type": "paragraph"}]', 'ana', '2023-12-31 23:00:00'),
  (5, 1, 'Roadmap', 'Coming soon.', '[]', 'dee', '2024-02-10 12:00:00'),
  (5, 2, 'Roadmap 2024', 'Q1: search. Q2: i18n.', '[{"type": "list"}]', 'dee', '2024-02-11 12:00:00');

-- Resolve a URL path: section tree plus slug
SELECT p.id, p.locale, r.title, r.body
FROM pages p
JOIN sections s ON s.id = p.section_id
JOIN sections parent ON parent.id = s.parent_id
JOIN revisions r ON r.page_id = p.id AND r.rev = p.published_revision
WHERE parent.slug = 'docs' AND s.slug = 'guides' AND p.slug = 'getting-started' AND p.locale = 'en' AND p.status = 'published';

-- Full path of every page
SELECT p.id, coalesce(parent.slug || '/', '') || s.slug || '/' || p.slug AS path, p.locale
FROM pages p JOIN sections s ON s.id = p.section_id LEFT JOIN sections parent ON parent.id = s.parent_id
ORDER BY p.id;

-- Latest revision per page (the editor view)
SELECT DISTINCT ON (r.page_id) r.page_id, r.rev, r.title, r.author, r.saved_at
FROM revisions r ORDER BY r.page_id, r.rev DESC;

-- Pages with unpublished changes
SELECT p.id, p.slug, p.published_revision, max(r.rev) AS latest_rev
FROM pages p JOIN revisions r ON r.page_id = p.id
GROUP BY p.id, p.slug, p.published_revision
HAVING max(r.rev) > coalesce(p.published_revision, 0)
ORDER BY p.id;

-- Saving a new revision: next number computed in the insert
INSERT INTO revisions (page_id, rev, title, body, author, saved_at)
SELECT 4, coalesce(max(rev), 0) + 1, 'Hello, World!', 'Our first post, edited.', 'bo', '2024-02-15 10:00:00'
FROM revisions WHERE page_id = 4
RETURNING page_id, rev, title;

-- Publishing: point the page at the newest revision
WITH published AS (
  UPDATE pages p SET published_revision = r.max_rev, status = 'published'
  FROM (SELECT page_id, max(rev) AS max_rev FROM revisions GROUP BY page_id) r
  WHERE r.page_id = p.id AND p.id IN (4, 5)
  RETURNING p.id, p.status, p.published_revision
)
SELECT * FROM published ORDER BY id;

-- Revision history with the change in body length
SELECT rev, author, saved_at, length(body) AS chars,
       length(body) - lag(length(body)) OVER (ORDER BY rev) AS delta
FROM revisions WHERE page_id = 1 ORDER BY rev;

-- Blocks used across published content
SELECT b->>'type' AS block_type, count(*) AS uses
FROM pages p JOIN revisions r ON r.page_id = p.id AND r.rev = p.published_revision,
     jsonb_array_elements(r.blocks) b
GROUP BY 1 ORDER BY 2 DESC, 1;

SELECT p.id, r.title FROM pages p JOIN revisions r ON r.page_id = p.id AND r.rev = p.published_revision
WHERE r.blocks @> '[{"type": "code"}]' ORDER BY p.id;

-- Slug generation from a title, and collision handling
SELECT trim(both '-' from regexp_replace(lower('  Release Notes: v2.0 & Beyond! '), '[^a-z0-9]+', '-', 'g')) AS slug;

SELECT 'hello-world' || CASE WHEN count(*) = 0 THEN '' ELSE '-' || (count(*) + 1)::text END AS candidate
FROM pages WHERE section_id = 2 AND (slug = 'hello-world' OR slug ~ '^hello-world-[0-9]+$');

INSERT INTO pages (section_id, slug) VALUES (2, 'hello-world');
INSERT INTO pages (section_id, slug) VALUES (2, 'Hello World');
INSERT INTO pages (section_id, slug) VALUES (2, 'hello-world-2') RETURNING id, slug, locale, status;

-- Renaming a slug keeps a redirect from the old path
BEGIN;
INSERT INTO redirects (from_path, to_page_id) VALUES ('blog/roadmap-2024', 5);
UPDATE pages SET slug = 'roadmap' WHERE id = 5 RETURNING id, slug;
COMMIT;

SELECT r.from_path, r.hits, s.slug || '/' || p.slug AS to_path
FROM redirects r JOIN pages p ON p.id = r.to_page_id JOIN sections s ON s.id = p.section_id
ORDER BY r.from_path;

UPDATE redirects SET hits = hits + 1 WHERE from_path = 'blog/roadmap-2024' RETURNING hits;

-- Translation coverage: English pages missing a German version
SELECT en.id, en.slug FROM pages en
WHERE en.locale = 'en' AND NOT EXISTS (
  SELECT 1 FROM pages de WHERE de.locale = 'de' AND de.section_id = en.section_id AND de.slug = en.slug)
ORDER BY en.id;

SELECT locale, count(*) FILTER (WHERE status = 'published') AS published, count(*) AS total
FROM pages GROUP BY locale ORDER BY locale;

-- Editor search
SELECT DISTINCT p.id, p.slug FROM pages p JOIN revisions r ON r.page_id = p.id
WHERE r.title ILIKE '%start%' OR r.body ILIKE '%cli%' ORDER BY p.id;

-- Contributors per page
SELECT page_id, string_agg(DISTINCT author, ', ' ORDER BY author) AS authors, count(*) AS revisions
FROM revisions GROUP BY page_id ORDER BY page_id;

-- Sitemap: published pages with their last modification date
SELECT s.slug || '/' || p.slug AS loc, to_char(r.saved_at, 'YYYY-MM-DD') AS lastmod
FROM pages p JOIN sections s ON s.id = p.section_id JOIN revisions r ON r.page_id = p.id AND r.rev = p.published_revision
WHERE p.status = 'published' AND p.locale = 'en'
ORDER BY r.saved_at DESC, p.id;

-- Section tree with page counts
SELECT s.id, s.slug, parent.slug AS parent, count(p.id) AS pages
FROM sections s LEFT JOIN sections parent ON parent.id = s.parent_id LEFT JOIN pages p ON p.section_id = s.id
GROUP BY s.id, s.slug, parent.slug ORDER BY s.id;

-- Duplicate section slug under the same parent, and invalid status
INSERT INTO sections (parent_id, slug, title) VALUES (1, 'api', 'API again');
UPDATE pages SET status = 'deleted' WHERE id = 2;
INSERT INTO revisions (page_id, rev, title, body, author, saved_at) VALUES (1, 2, 'dup', 'dup', 'x', '2024-03-01 00:00:00');

-- Restore an old revision as a new one
INSERT INTO revisions (page_id, rev, title, body, blocks, author, saved_at)
SELECT page_id, (SELECT max(rev) + 1 FROM revisions WHERE page_id = 1), title, body, blocks, 'ana', TIMESTAMP '2024-03-01 09:00:00'
FROM revisions WHERE page_id = 1 AND rev = 1
RETURNING page_id, rev, title, body;

-- Prune old revisions, keeping the newest two and the published one
DELETE FROM revisions r
WHERE r.rev < (SELECT max(rev) - 1 FROM revisions x WHERE x.page_id = r.page_id)
  AND r.rev <> coalesce((SELECT published_revision FROM pages WHERE id = r.page_id), -1)
RETURNING r.page_id, r.rev;

SELECT page_id, array_agg(rev ORDER BY rev) AS kept FROM revisions GROUP BY page_id ORDER BY page_id;

-- Archive and delete
UPDATE pages SET status = 'archived', published_revision = NULL WHERE id = 2 RETURNING id, status;
DELETE FROM pages WHERE status = 'archived' RETURNING id, slug;
SELECT count(*) FROM revisions WHERE page_id = 2;

-- A view used by the public API
CREATE VIEW published_pages AS
SELECT p.id, s.slug AS section, p.slug, p.locale, r.title, r.body, r.saved_at AS updated_at
FROM pages p JOIN sections s ON s.id = p.section_id JOIN revisions r ON r.page_id = p.id AND r.rev = p.published_revision
WHERE p.status = 'published';

SELECT section, slug, title, updated_at FROM published_pages ORDER BY updated_at DESC, id LIMIT 3;
SELECT count(*) FROM published_pages WHERE section = 'blog';
