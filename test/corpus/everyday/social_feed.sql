-- Social network backend: profiles, follows, posts with hashtags, likes and reposts; home feed,
-- suggestions, counters and notification queries in the style of a TypeORM service.

CREATE TABLE "user" (
  "id" SERIAL NOT NULL,
  "username" character varying(30) NOT NULL,
  "displayName" character varying(60),
  "bio" text,
  "isPrivate" boolean NOT NULL DEFAULT false,
  "createdAt" TIMESTAMP NOT NULL DEFAULT now(),
  CONSTRAINT "UQ_user_username" UNIQUE ("username"),
  CONSTRAINT "PK_user" PRIMARY KEY ("id")
);

CREATE TABLE "follow" (
  "followerId" integer NOT NULL,
  "followeeId" integer NOT NULL,
  "since" TIMESTAMP NOT NULL,
  CONSTRAINT "PK_follow" PRIMARY KEY ("followerId", "followeeId"),
  CONSTRAINT "CHK_follow_self" CHECK ("followerId" <> "followeeId")
);

CREATE TABLE "post" (
  "id" SERIAL NOT NULL,
  "authorId" integer NOT NULL,
  "body" text NOT NULL,
  "tags" text[] NOT NULL DEFAULT '{}',
  "repostOfId" integer,
  "postedAt" TIMESTAMP NOT NULL,
  CONSTRAINT "PK_post" PRIMARY KEY ("id")
);

CREATE TABLE "like" (
  "userId" integer NOT NULL,
  "postId" integer NOT NULL,
  "likedAt" TIMESTAMP NOT NULL,
  CONSTRAINT "PK_like" PRIMARY KEY ("userId", "postId")
);

ALTER TABLE "follow" ADD CONSTRAINT "FK_follow_follower" FOREIGN KEY ("followerId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "follow" ADD CONSTRAINT "FK_follow_followee" FOREIGN KEY ("followeeId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "post" ADD CONSTRAINT "FK_post_author" FOREIGN KEY ("authorId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "post" ADD CONSTRAINT "FK_post_repost" FOREIGN KEY ("repostOfId") REFERENCES "post"("id") ON DELETE SET NULL ON UPDATE NO ACTION;
ALTER TABLE "like" ADD CONSTRAINT "FK_like_user" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "like" ADD CONSTRAINT "FK_like_post" FOREIGN KEY ("postId") REFERENCES "post"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
CREATE INDEX "IDX_post_author_postedAt" ON "post" ("authorId", "postedAt");
CREATE INDEX "IDX_post_tags" ON "post" USING gin ("tags");

INSERT INTO "user"("username", "displayName", "bio", "isPrivate") VALUES
  ('alex', 'Alex R.', 'coffee & code', false),
  ('bea', 'Bea', NULL, false),
  ('chen', NULL, 'photographer', false),
  ('dara', 'Dara K.', 'runner', true),
  ('eli', 'Eli', '', false)
RETURNING "id", "username", "isPrivate";

INSERT INTO "follow"("followerId", "followeeId", "since") VALUES
  (1, 2, '2024-01-01 10:00'), (1, 3, '2024-01-02 10:00'), (2, 1, '2024-01-03 10:00'),
  (2, 3, '2024-01-04 10:00'), (3, 1, '2024-01-05 10:00'), (4, 1, '2024-01-06 10:00'),
  (5, 1, '2024-01-07 10:00'), (5, 2, '2024-01-08 10:00'), (5, 4, '2024-01-09 10:00');

INSERT INTO "post"("authorId", "body", "tags", "repostOfId", "postedAt") VALUES
  (1, 'shipping a new release today', '{release,dev}', NULL, '2024-02-01 09:00'),
  (2, 'morning run done', '{running}', NULL, '2024-02-01 07:30'),
  (3, 'golden hour at the harbour', '{photo,sunset}', NULL, '2024-02-01 18:45'),
  (2, 'anyone tried the new release?', '{dev}', NULL, '2024-02-02 08:00'),
  (4, 'half marathon PB!', '{running,pb}', NULL, '2024-02-02 11:00'),
  (3, 'shipping a new release today', '{}', 1, '2024-02-02 12:00'),
  (1, 'debugging all day', '{dev}', NULL, '2024-02-03 16:00'),
  (5, 'hello world', '{}', NULL, '2024-02-03 17:00');

INSERT INTO "like"("userId", "postId", "likedAt") VALUES
  (2, 1, '2024-02-01 09:05'), (3, 1, '2024-02-01 09:30'), (5, 1, '2024-02-01 12:00'),
  (1, 3, '2024-02-01 19:00'), (2, 3, '2024-02-01 19:10'), (1, 2, '2024-02-01 08:00'),
  (5, 5, '2024-02-02 11:30'), (1, 5, '2024-02-02 11:45'), (3, 7, '2024-02-03 16:30');

-- Profile with follower/following/post counters (TypeORM loadRelationCountAndMap-style)
SELECT "u"."id", "u"."username", coalesce(nullif("u"."displayName", ''), '@' || "u"."username") AS "shownName",
       (SELECT count(*) FROM "follow" f WHERE f."followeeId" = "u"."id") AS "followers",
       (SELECT count(*) FROM "follow" f WHERE f."followerId" = "u"."id") AS "following",
       (SELECT count(*) FROM "post" p WHERE p."authorId" = "u"."id") AS "posts"
FROM "user" "u" ORDER BY "u"."id";

-- Home feed for alex: own posts and posts by followees, newest first
SELECT "p"."id", "a"."username" AS "author", "p"."body", "p"."postedAt", "p"."repostOfId"
FROM "post" "p" INNER JOIN "user" "a" ON "a"."id" = "p"."authorId"
WHERE "p"."authorId" = 1 OR "p"."authorId" IN (SELECT "followeeId" FROM "follow" WHERE "followerId" = 1)
ORDER BY "p"."postedAt" DESC, "p"."id" DESC
LIMIT 4;

-- Next feed page with a keyset cursor
SELECT "p"."id", "p"."postedAt"
FROM "post" "p"
WHERE ("p"."authorId" = 1 OR EXISTS (SELECT 1 FROM "follow" f WHERE f."followerId" = 1 AND f."followeeId" = "p"."authorId"))
  AND ("p"."postedAt", "p"."id") < ('2024-02-01 18:45:00', 3)
ORDER BY "p"."postedAt" DESC, "p"."id" DESC
LIMIT 4;

-- Feed with like counts and whether the viewer liked each post
SELECT p."id", count(l."userId") AS "likes", bool_or(l."userId" = 2) AS "likedByViewer"
FROM "post" p LEFT JOIN "like" l ON l."postId" = p."id"
GROUP BY p."id" ORDER BY p."id";

SELECT p."id", count(l."userId") AS "likes",
       coalesce(bool_or(l."userId" = 2), false) AS "likedByViewer",
       EXISTS (SELECT 1 FROM "like" x WHERE x."postId" = p."id" AND x."userId" = 2) AS "viaExists"
FROM "post" p LEFT JOIN "like" l ON l."postId" = p."id"
WHERE p."id" IN (1, 2, 8)
GROUP BY p."id" ORDER BY p."id";

-- Mutual follows (friends)
SELECT a."followerId" AS "userId", a."followeeId" AS "friendId"
FROM "follow" a JOIN "follow" b ON b."followerId" = a."followeeId" AND b."followeeId" = a."followerId"
WHERE a."followerId" < a."followeeId"
ORDER BY 1, 2;

-- Who to follow: followed by people I follow, not yet followed by me
SELECT f2."followeeId" AS "suggestedId", u."username", count(*) AS "mutuals"
FROM "follow" f1
JOIN "follow" f2 ON f2."followerId" = f1."followeeId"
JOIN "user" u ON u."id" = f2."followeeId"
WHERE f1."followerId" = 5 AND f2."followeeId" <> 5
  AND NOT EXISTS (SELECT 1 FROM "follow" x WHERE x."followerId" = 5 AND x."followeeId" = f2."followeeId")
GROUP BY f2."followeeId", u."username"
ORDER BY "mutuals" DESC, "suggestedId";

-- Trending hashtags
SELECT tag, count(*) AS "uses", count(DISTINCT "authorId") AS "authors"
FROM "post", unnest("tags") AS tag
WHERE "postedAt" >= '2024-02-01' AND "postedAt" < '2024-02-04'
GROUP BY tag HAVING count(*) >= 2 ORDER BY "uses" DESC, tag;

SELECT "id", "body" FROM "post" WHERE "tags" @> ARRAY['dev'] ORDER BY "id";
SELECT "id" FROM "post" WHERE "tags" && '{running,photo}' ORDER BY "id";
SELECT "id", "tags" FROM "post" WHERE cardinality("tags") = 0 ORDER BY "id";

-- Search people and posts
SELECT "id", "username" FROM "user" WHERE "username" ILIKE 'B%' OR "bio" ILIKE '%RUN%' ORDER BY "id";
SELECT "id", "body" FROM "post" WHERE "body" ILIKE '%release%' AND "repostOfId" IS NULL ORDER BY "id";

-- Reposts resolved to the original author
SELECT r."id", r."authorId" AS "repostedBy", o."authorId" AS "originalAuthor", o."body"
FROM "post" r JOIN "post" o ON o."id" = r."repostOfId" ORDER BY r."id";

-- Most liked post per author
SELECT DISTINCT ON (p."authorId") p."authorId", p."id", count(l."userId") AS "likes"
FROM "post" p LEFT JOIN "like" l ON l."postId" = p."id"
GROUP BY p."authorId", p."id"
ORDER BY p."authorId", "likes" DESC, p."id";

-- Notifications: likes on my posts since a time, grouped per post
SELECT p."id" AS "postId", string_agg(u."username", ', ' ORDER BY l."likedAt", u."id") AS "likedBy", max(l."likedAt") AS "latest"
FROM "like" l JOIN "post" p ON p."id" = l."postId" JOIN "user" u ON u."id" = l."userId"
WHERE p."authorId" = 1 AND l."likedAt" > '2024-02-01 09:00'
GROUP BY p."id" ORDER BY "latest" DESC, p."id";

-- Like / unlike (idempotent)
INSERT INTO "like"("userId", "postId", "likedAt") VALUES (4, 1, '2024-02-04 10:00') ON CONFLICT DO NOTHING;
INSERT INTO "like"("userId", "postId", "likedAt") VALUES (4, 1, '2024-02-04 10:05') ON CONFLICT ("userId", "postId") DO NOTHING RETURNING "userId";
DELETE FROM "like" WHERE "userId" = 5 AND "postId" = 1 RETURNING "postId";
SELECT count(*) AS "likes" FROM "like" WHERE "postId" = 1;

-- Follow rules
INSERT INTO "follow"("followerId", "followeeId", "since") VALUES (3, 3, '2024-02-05 10:00');
INSERT INTO "follow"("followerId", "followeeId", "since") VALUES (1, 2, '2024-02-05 10:00');
INSERT INTO "follow"("followerId", "followeeId", "since") VALUES (1, 42, '2024-02-05 10:00');
INSERT INTO "user"("username") VALUES ('alex');

-- Private accounts: posts visible only to followers
SELECT p."id", p."body" FROM "post" p JOIN "user" a ON a."id" = p."authorId"
WHERE NOT a."isPrivate" OR EXISTS (SELECT 1 FROM "follow" f WHERE f."followerId" = 2 AND f."followeeId" = a."id") OR a."id" = 2
ORDER BY p."id";

-- Engagement per day using generate_series for empty days
SELECT d::date AS "day", count(DISTINCT p."id") AS "posts", count(l."postId") AS "likes"
FROM generate_series(TIMESTAMP '2024-01-31', TIMESTAMP '2024-02-04', INTERVAL '1 day') d
LEFT JOIN "post" p ON p."postedAt" >= d AND p."postedAt" < d + INTERVAL '1 day'
LEFT JOIN "like" l ON l."postId" = p."id"
GROUP BY d ORDER BY d;

-- Followers as a JSON list for the API
SELECT u."username", coalesce(json_agg(json_build_object('id', f."followerId", 'since', f."since") ORDER BY f."since") FILTER (WHERE f."followerId" IS NOT NULL), '[]') AS "followers"
FROM "user" u LEFT JOIN "follow" f ON f."followeeId" = u."id"
WHERE u."id" IN (3, 5)
GROUP BY u."id", u."username" ORDER BY u."id";

-- Edit profile, then delete an account (cascades to follows, posts and likes)
UPDATE "user" SET "bio" = nullif(trim("bio"), ''), "displayName" = coalesce("displayName", initcap("username")) WHERE "id" IN (3, 5);
SELECT "id", "displayName", "bio" FROM "user" WHERE "id" IN (3, 5) ORDER BY "id";
DELETE FROM "user" WHERE "username" = 'alex';
SELECT (SELECT count(*) FROM "follow") AS "follows", (SELECT count(*) FROM "post") AS "posts", (SELECT count(*) FROM "like") AS "likes";
SELECT "id", "repostOfId" FROM "post" WHERE "authorId" = 3 ORDER BY "id";
