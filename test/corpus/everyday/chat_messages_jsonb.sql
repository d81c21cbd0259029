-- Chat application: rooms, memberships and messages whose attachments, reactions and client
-- details live in JSONB metadata; unread counts, feeds and message search.

CREATE TABLE chat_users (
  id serial PRIMARY KEY,
  handle varchar(32) NOT NULL UNIQUE,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE rooms (
  id serial PRIMARY KEY,
  slug varchar(64) NOT NULL UNIQUE,
  is_private boolean NOT NULL DEFAULT false
);

CREATE TABLE room_members (
  room_id integer NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  user_id integer NOT NULL REFERENCES chat_users (id) ON DELETE CASCADE,
  last_read_message_id bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (room_id, user_id)
);

CREATE TABLE messages (
  id bigserial PRIMARY KEY,
  room_id integer NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  sender_id integer REFERENCES chat_users (id) ON DELETE SET NULL,
  body text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  sent_at timestamp NOT NULL
);

CREATE INDEX messages_room_id_id_idx ON messages (room_id, id DESC);
CREATE INDEX messages_metadata_idx ON messages USING gin (metadata);

INSERT INTO chat_users (handle, settings) VALUES
  ('ana', '{"theme": "dark", "notifications": {"email": false, "push": true}}'),
  ('ben', '{"theme": "light"}'),
  ('cai', '{}'),
  ('dee', '{"notifications": {"email": true}}');

INSERT INTO rooms (slug, is_private) VALUES ('general', false), ('random', false), ('ops-oncall', true);

INSERT INTO room_members (room_id, user_id) VALUES
  (1, 1), (1, 2), (1, 3), (1, 4), (2, 1), (2, 3), (3, 2), (3, 4);

INSERT INTO messages (room_id, sender_id, body, metadata, sent_at) VALUES
  (1, 1, 'Good morning everyone', '{"client": "web"}', '2024-04-02 08:00:00'),
  (1, 2, 'Morning! Deploy is at 10', '{"client": "ios", "mentions": [1, 3]}', '2024-04-02 08:01:10'),
  (1, 3, 'Here are the release notes', '{"client": "web", "attachments": [{"name": "notes.pdf", "size": 48213}]}', '2024-04-02 08:03:00'),
  (2, 1, 'Anyone up for lunch?', '{"client": "android"}', '2024-04-02 11:45:00'),
  (2, 3, 'Sure, 12:30?', '{"client": "web", "reply_to": 4}', '2024-04-02 11:47:30'),
  (3, 2, 'Disk usage alert on db-2', '{"client": "bot", "severity": "warning", "host": "db-2"}', '2024-04-02 13:00:00'),
  (3, 4, 'Looking into it', '{"client": "ios", "reply_to": 6}', '2024-04-02 13:02:00'),
  (1, 4, 'Screenshots from the demo', '{"client": "web", "attachments": [{"name": "a.png", "size": 1200}, {"name": "b.png", "size": 3400}]}', '2024-04-02 15:20:00'),
  (1, 2, 'Thanks all', '{"client": "ios"}', '2024-04-02 17:59:59');

-- Latest messages in a room, newest first (cursor pagination by id)
SELECT m.id, u.handle, m.body FROM messages m LEFT JOIN chat_users u ON u.id = m.sender_id
WHERE m.room_id = 1 AND m.id < 9
ORDER BY m.id DESC
LIMIT 3;

-- Last message per room for the sidebar
SELECT DISTINCT ON (m.room_id) r.slug, m.body, m.sent_at
FROM messages m JOIN rooms r ON r.id = m.room_id
ORDER BY m.room_id, m.id DESC;

-- Client breakdown from metadata
SELECT metadata->>'client' AS client, count(*) FROM messages GROUP BY 1 ORDER BY 2 DESC, 1;

-- Messages with attachments
SELECT id, jsonb_array_length(metadata->'attachments') AS files,
       metadata->'attachments'->0->>'name' AS first_file
FROM messages WHERE metadata ? 'attachments' ORDER BY id;

-- Containment query served by the GIN index
SELECT id, body FROM messages WHERE metadata @> '{"client": "ios"}' ORDER BY id;
SELECT id FROM messages WHERE metadata @> '{"mentions": [3]}';

-- Replies joined to the original message
SELECT r.id, r.body AS reply, o.body AS original
FROM messages r JOIN messages o ON o.id = (r.metadata->>'reply_to')::bigint
ORDER BY r.id;

-- User settings with defaults
SELECT handle,
       coalesce(settings->>'theme', 'system') AS theme,
       coalesce((settings->'notifications'->>'email')::boolean, true) AS email_notifications
FROM chat_users ORDER BY handle;

-- Toggle a nested setting
UPDATE chat_users SET settings = jsonb_set(settings, '{notifications,email}', 'true', true)
WHERE handle = 'ana' RETURNING settings;

UPDATE chat_users SET settings = settings || '{"theme": "dark"}'::jsonb WHERE handle = 'cai' RETURNING settings;

UPDATE chat_users SET settings = settings - 'theme' WHERE handle = 'ben' RETURNING settings;

-- Mark a message edited
UPDATE messages SET body = 'Morning! Deploy moved to 11',
       metadata = metadata || jsonb_build_object('edited', true, 'edited_at', '2024-04-02 08:30:00')
WHERE id = 2 RETURNING body, metadata;

SELECT id FROM messages WHERE metadata @> '{"edited": true}';

-- Unread counts per member
UPDATE room_members SET last_read_message_id = 3 WHERE user_id = 1 AND room_id = 1;
UPDATE room_members SET last_read_message_id = 9 WHERE user_id = 2 AND room_id = 1;

SELECT rm.user_id, r.slug, count(m.id) AS unread
FROM room_members rm
JOIN rooms r ON r.id = rm.room_id
LEFT JOIN messages m ON m.room_id = rm.room_id AND m.id > rm.last_read_message_id AND m.sender_id IS DISTINCT FROM rm.user_id
GROUP BY rm.user_id, r.slug
ORDER BY rm.user_id, r.slug;

-- Room feed as a JSON document
SELECT r.slug,
       json_agg(json_build_object('id', m.id, 'from', u.handle, 'text', m.body) ORDER BY m.id) AS feed
FROM rooms r
JOIN messages m ON m.room_id = r.id
JOIN chat_users u ON u.id = m.sender_id
WHERE r.slug = 'random'
GROUP BY r.slug;

SELECT jsonb_agg(handle ORDER BY handle) AS members FROM chat_users u JOIN room_members rm ON rm.user_id = u.id WHERE rm.room_id = 3;

-- Reactions stored as counters in metadata
UPDATE messages
SET metadata = jsonb_set(metadata, '{reactions}', coalesce(metadata->'reactions', '{}'::jsonb) || '{"thumbsup": 1}')
WHERE id = 9;
UPDATE messages
SET metadata = jsonb_set(metadata, '{reactions,thumbsup}', to_jsonb(coalesce((metadata->'reactions'->>'thumbsup')::int, 0) + 1))
WHERE id = 9
RETURNING metadata->'reactions' AS reactions;

-- Search
SELECT id, body FROM messages WHERE body ILIKE '%deploy%' OR metadata->>'host' = 'db-2' ORDER BY id;

-- Activity per user and hour
SELECT u.handle, date_trunc('hour', m.sent_at) AS hour, count(*)
FROM messages m JOIN chat_users u ON u.id = m.sender_id
GROUP BY u.handle, date_trunc('hour', m.sent_at)
ORDER BY hour, u.handle;

-- Total attachment size per room
SELECT room_id, sum((a->>'size')::int) AS bytes
FROM messages, jsonb_array_elements(metadata->'attachments') AS a
GROUP BY room_id ORDER BY room_id;

-- Private rooms are only visible to members
SELECT r.slug FROM rooms r
WHERE NOT r.is_private OR EXISTS (SELECT 1 FROM room_members rm WHERE rm.room_id = r.id AND rm.user_id = 1)
ORDER BY r.slug;

-- Invalid operations
INSERT INTO room_members (room_id, user_id) VALUES (1, 1);
INSERT INTO messages (room_id, sender_id, body, sent_at) VALUES (9, 1, 'hello?', '2024-04-03 00:00:00');
INSERT INTO messages (room_id, sender_id, body, metadata, sent_at) VALUES (1, 1, 'bad', 'not json', '2024-04-03 00:00:00');
SELECT (metadata->>'client')::int FROM messages WHERE id = 1;

-- Joining a room twice is ignored
INSERT INTO room_members (room_id, user_id) VALUES (1, 1), (2, 2) ON CONFLICT (room_id, user_id) DO NOTHING;
SELECT room_id, count(*) FROM room_members GROUP BY room_id ORDER BY room_id;

-- Deleting a user keeps their messages anonymised
DELETE FROM chat_users WHERE handle = 'dee';
SELECT id, sender_id, coalesce((SELECT handle FROM chat_users WHERE id = sender_id), '[deleted]') AS author
FROM messages WHERE room_id = 3 ORDER BY id;
