-- URL shortener service: short codes for long URLs, custom aliases, expiry, click logging with
-- referrer, country and client IP, and per-link statistics for the owner's dashboard.

CREATE TABLE links (
  id bigserial PRIMARY KEY,
  code varchar(16) NOT NULL,
  target_url text NOT NULL CHECK (target_url ~ '^https?://'),
  owner_id integer,
  title text,
  expires_at timestamp,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamp NOT NULL,
  CONSTRAINT links_code_key UNIQUE (code)
);

CREATE TABLE clicks (
  id bigserial PRIMARY KEY,
  link_id bigint NOT NULL REFERENCES links (id) ON DELETE CASCADE,
  clicked_at timestamp NOT NULL,
  ip inet,
  referrer text,
  country char(2),
  user_agent text,
  inserted_at timestamp NOT NULL DEFAULT now()
);

CREATE INDEX clicks_link_time_idx ON clicks (link_id, clicked_at);

-- Codes derived from a hash of the URL
SELECT substr(md5('https://example.com/docs/getting-started'), 1, 7) AS code;

INSERT INTO links (code, target_url, owner_id, title, expires_at, created_at) VALUES
  (substr(md5('https://example.com/docs/getting-started'), 1, 7), 'https://example.com/docs/getting-started', 1, 'docs', NULL, '2024-08-01 09:00'),
  ('launch', 'https://example.com/blog/launch?utm_source=twitter&utm_campaign=launch', 1, 'launch post', NULL, '2024-08-01 09:05'),
  ('summer-sale', 'https://shop.example.com/sale?utm_source=newsletter&utm_medium=email', 2, 'sale', '2024-08-31 23:59:59', '2024-08-02 12:00'),
  ('old-promo', 'http://shop.example.com/promo', 2, NULL, '2024-07-31 23:59:59', '2024-07-01 08:00'),
  ('careers', 'https://example.com/jobs', NULL, 'jobs', NULL, '2024-08-03 15:00')
RETURNING id, code;

INSERT INTO clicks (link_id, clicked_at, ip, referrer, country, user_agent) VALUES
  (1, '2024-08-01 10:00:00', '203.0.113.5', 'https://news.ycombinator.com/item?id=1', 'us', 'Mozilla/5.0 (Macintosh)'),
  (1, '2024-08-01 10:02:00', '203.0.113.5', 'https://news.ycombinator.com/item?id=1', 'us', 'Mozilla/5.0 (Macintosh)'),
  (1, '2024-08-01 11:30:00', '198.51.100.23', NULL, 'de', 'Mozilla/5.0 (Windows NT 10.0)'),
  (2, '2024-08-01 09:10:00', '192.0.2.10', 'https://t.co/abc', 'gb', 'Mozilla/5.0 (iPhone)'),
  (2, '2024-08-01 09:11:00', '192.0.2.11', 'https://t.co/abc', 'gb', 'Mozilla/5.0 (iPhone)'),
  (2, '2024-08-02 18:45:00', '2001:db8::1', 'https://www.linkedin.com/feed/', 'fr', 'Mozilla/5.0 (Android)'),
  (2, '2024-08-03 07:00:00', '10.1.2.3', NULL, NULL, 'curl/8.4.0'),
  (3, '2024-08-02 12:30:00', '198.51.100.99', 'https://mail.example.net/', 'us', 'Mozilla/5.0 (Windows NT 10.0)'),
  (3, '2024-08-02 13:00:00', '198.51.100.100', 'https://mail.example.net/', 'ca', 'Mozilla/5.0 (Macintosh)'),
  (3, '2024-08-04 20:15:00', '203.0.113.77', NULL, 'us', 'Googlebot/2.1'),
  (4, '2024-07-15 08:30:00', '192.0.2.50', NULL, 'us', 'Mozilla/5.0 (iPhone)');

-- Redirect lookup: active, not expired at request time
SELECT target_url FROM links
WHERE code = 'launch' AND NOT disabled AND (expires_at IS NULL OR expires_at > TIMESTAMP '2024-08-05 12:00');

SELECT target_url FROM links
WHERE code = 'old-promo' AND NOT disabled AND (expires_at IS NULL OR expires_at > TIMESTAMP '2024-08-05 12:00');

-- Log a click and return the target in one round trip
WITH l AS (SELECT id, target_url FROM links WHERE code = 'careers'),
     c AS (INSERT INTO clicks (link_id, clicked_at, ip, referrer, country, user_agent)
           SELECT id, '2024-08-05 09:00:00', '192.0.2.200', 'https://example.com/', 'nl', 'Mozilla/5.0 (X11; Linux)' FROM l RETURNING link_id)
SELECT l.target_url, (SELECT count(*) FROM c) AS logged FROM l;

-- Dashboard: per-link totals, unique visitors and last click
SELECT l.code, count(c.id) AS clicks, count(DISTINCT c.ip) AS unique_ips, max(c.clicked_at) AS last_click,
       count(c.id) FILTER (WHERE c.user_agent ILIKE '%bot%' OR c.user_agent LIKE 'curl/%') AS bot_clicks
FROM links l LEFT JOIN clicks c ON c.link_id = l.id
GROUP BY l.id, l.code ORDER BY l.id;

-- Clicks per day with zero-filled days for one link
SELECT d::date AS day, count(c.id) AS clicks
FROM generate_series(TIMESTAMP '2024-08-01', TIMESTAMP '2024-08-05', INTERVAL '1 day') AS d
LEFT JOIN clicks c ON c.link_id = 2 AND c.clicked_at >= d AND c.clicked_at < d + INTERVAL '1 day'
GROUP BY d ORDER BY d;

-- Top referrer domains
SELECT coalesce(substring(referrer FROM '^https?://([^/?#]+)'), '(direct)') AS source, count(*) AS clicks
FROM clicks GROUP BY 1 ORDER BY clicks DESC, source;

-- Country breakdown with shares
SELECT upper(coalesce(country, 'zz')) AS country, count(*) AS clicks,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct
FROM clicks GROUP BY 1 ORDER BY clicks DESC, country;

-- Device class from the user agent
SELECT CASE
         WHEN user_agent ~* 'bot|crawler|spider' OR user_agent LIKE 'curl/%' THEN 'bot'
         WHEN user_agent ~ '(iPhone|Android)' THEN 'mobile'
         ELSE 'desktop' END AS device,
       count(*)
FROM clicks GROUP BY 1 ORDER BY 1;

-- UTM parameters parsed from target URLs
SELECT code,
       substring(target_url FROM '[?&]utm_source=([^&]+)') AS utm_source,
       substring(target_url FROM '[?&]utm_medium=([^&]+)') AS utm_medium,
       split_part(split_part(target_url, '://', 2), '/', 1) AS host
FROM links ORDER BY id;

-- IP address handling with the inet type
SELECT ip, family(ip) AS family, host(ip) AS host, masklen(ip) AS bits FROM clicks WHERE link_id = 2 ORDER BY id;
SELECT count(*) AS from_doc_range FROM clicks WHERE ip << inet '198.51.100.0/24';
SELECT count(*) FILTER (WHERE ip << '10.0.0.0/8' OR ip << '192.168.0.0/16' OR ip << '172.16.0.0/12') AS private_ips,
       count(*) FILTER (WHERE family(ip) = 6) AS ipv6
FROM clicks;
SELECT network(set_masklen(ip, 24)) AS subnet, count(*) FROM clicks WHERE family(ip) = 4 GROUP BY 1 ORDER BY 1;

-- Double clicks from the same IP within five minutes
SELECT link_id, ip, clicked_at, clicked_at - lag(clicked_at) OVER (PARTITION BY link_id, ip ORDER BY clicked_at, id) AS since_last
FROM clicks WHERE link_id = 1 ORDER BY clicked_at, id;

SELECT count(*) AS deduped_clicks FROM (
  SELECT c.*, lag(clicked_at) OVER (PARTITION BY link_id, ip ORDER BY clicked_at, id) AS prev_at FROM clicks c
) x WHERE prev_at IS NULL OR clicked_at - prev_at > INTERVAL '5 minutes';

-- Hourly heat map
SELECT extract(hour FROM clicked_at)::int AS hour, count(*) FROM clicks GROUP BY 1 ORDER BY 1;

-- Custom alias rules
INSERT INTO links (code, target_url, created_at) VALUES ('launch', 'https://example.com/other', '2024-08-05 10:00');
INSERT INTO links (code, target_url, created_at) VALUES ('ftp-link', 'ftp://example.com/file', '2024-08-05 10:00');
INSERT INTO links (code, target_url, created_at) VALUES ('this-alias-is-way-too-long', 'https://example.com/', '2024-08-05 10:00');
INSERT INTO clicks (link_id, clicked_at, ip) VALUES (1, '2024-08-05 10:00', '300.1.1.1');

-- Shorten the same URL twice: reuse the existing code
INSERT INTO links (code, target_url, owner_id, created_at)
VALUES (substr(md5('https://example.com/jobs'), 1, 7), 'https://example.com/jobs', 3, '2024-08-05 11:00')
ON CONFLICT (code) DO NOTHING
RETURNING id, code;
INSERT INTO links (code, target_url, owner_id, created_at)
VALUES (substr(md5('https://example.com/docs/getting-started'), 1, 7), 'https://example.com/docs/getting-started', 1, '2024-08-05 11:00')
ON CONFLICT (code) DO UPDATE SET disabled = false
RETURNING id, code, (xmax = 0) AS inserted;
SELECT id, code FROM links WHERE target_url = 'https://example.com/jobs' ORDER BY id;

-- Owner's links page with keyset pagination on (created_at, id)
SELECT id, code, coalesce(title, code) AS label, created_at FROM links WHERE owner_id = 1 OR owner_id IS NULL
ORDER BY created_at DESC, id DESC LIMIT 2;
SELECT id, code, coalesce(title, code) AS label, created_at FROM links WHERE (owner_id = 1 OR owner_id IS NULL)
  AND (created_at, id) < (TIMESTAMP '2024-08-01 09:05', 2)
ORDER BY created_at DESC, id DESC LIMIT 2;

-- Search links
SELECT code, target_url FROM links WHERE target_url ILIKE '%SHOP%' OR title ILIKE 'la%' ORDER BY code;

-- Expired links and links never clicked
SELECT code, expires_at FROM links WHERE expires_at < TIMESTAMP '2024-08-05 12:00' ORDER BY code;
SELECT l.code FROM links l WHERE NOT EXISTS (SELECT 1 FROM clicks c WHERE c.link_id = l.id) ORDER BY l.code;

-- Extend an expiry by 30 days and disable abused links
UPDATE links SET expires_at = expires_at + INTERVAL '30 days' WHERE code = 'summer-sale' RETURNING expires_at;
UPDATE links SET disabled = true WHERE id IN (SELECT link_id FROM clicks GROUP BY link_id HAVING count(*) FILTER (WHERE user_agent LIKE 'curl/%') > 0) RETURNING code, disabled;

-- Stats as JSON for the API
SELECT jsonb_build_object('code', l.code, 'clicks', count(c.id), 'countries', coalesce(jsonb_agg(DISTINCT c.country) FILTER (WHERE c.country IS NOT NULL), '[]'::jsonb)) AS stats
FROM links l LEFT JOIN clicks c ON c.link_id = l.id WHERE l.code IN ('launch', 'summer-sale') GROUP BY l.id, l.code ORDER BY l.id;

-- Purge expired links older than the retention window (cascades to clicks)
DELETE FROM links WHERE expires_at < TIMESTAMP '2024-08-10 12:00' - INTERVAL '7 days' RETURNING code;
SELECT count(*) AS clicks_left FROM clicks;
