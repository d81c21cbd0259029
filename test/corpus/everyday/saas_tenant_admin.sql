-- SaaS admin panel: organizations (tenants), members with roles, plans and seat limits,
-- feature flags and an audit trail, queried the way Prisma and TypeORM emit SQL.

CREATE TABLE "Plan" (
  "id" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "seatLimit" INTEGER NOT NULL,
  "priceCents" INTEGER NOT NULL,
  CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Organization" (
  "id" SERIAL NOT NULL,
  "slug" TEXT NOT NULL,
  "displayName" TEXT NOT NULL,
  "planId" TEXT NOT NULL DEFAULT 'free',
  "settings" JSONB NOT NULL DEFAULT '{}',
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "deletedAt" TIMESTAMP(3),
  CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Membership" (
  "id" SERIAL NOT NULL,
  "orgId" INTEGER NOT NULL,
  "userEmail" TEXT NOT NULL,
  "role" TEXT NOT NULL DEFAULT 'member',
  "joinedAt" TIMESTAMP(3) NOT NULL,
  "lastSeenAt" TIMESTAMP(3),
  CONSTRAINT "Membership_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Membership_role_check" CHECK ("role" IN ('owner', 'admin', 'member', 'billing'))
);

CREATE TABLE "AuditLog" (
  "id" BIGSERIAL NOT NULL,
  "orgId" INTEGER NOT NULL,
  "actor" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "meta" JSONB,
  "at" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");
CREATE UNIQUE INDEX "Membership_orgId_userEmail_key" ON "Membership"("orgId", "userEmail");
CREATE INDEX "AuditLog_orgId_at_idx" ON "AuditLog"("orgId", "at");
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "Plan" ("id", "name", "seatLimit", "priceCents") VALUES
  ('free', 'Free', 3, 0), ('team', 'Team', 10, 4900), ('business', 'Business', 50, 19900);

INSERT INTO "Organization" ("slug", "displayName", "planId", "settings") VALUES
  ('acme', 'Acme Corp', 'business', '{"sso": true, "features": ["exports", "audit"]}'),
  ('globex', 'Globex', 'team', '{"features": ["exports"]}'),
  ('initech', 'Initech', 'free', '{}'),
  ('umbrella', 'Umbrella Health', 'team', '{"sso": false, "region": "eu"}')
RETURNING "id", "slug", "planId";

INSERT INTO "Membership" ("orgId", "userEmail", "role", "joinedAt", "lastSeenAt") VALUES
  (1, 'ceo@acme.test', 'owner', '2023-01-10 09:00:00', '2024-03-01 10:00:00'),
  (1, 'ops@acme.test', 'admin', '2023-02-01 09:00:00', '2024-02-27 16:30:00'),
  (1, 'dev1@acme.test', 'member', '2023-05-15 09:00:00', NULL),
  (1, 'money@acme.test', 'billing', '2023-06-01 09:00:00', '2023-12-24 08:00:00'),
  (2, 'boss@globex.test', 'owner', '2023-03-03 12:00:00', '2024-02-29 23:59:59'),
  (2, 'hank@globex.test', 'member', '2023-03-04 12:00:00', '2024-01-15 11:00:00'),
  (3, 'bill@initech.test', 'owner', '2023-07-07 07:07:07', NULL),
  (3, 'peter@initech.test', 'member', '2023-07-08 08:00:00', '2023-09-01 09:00:00'),
  (3, 'milton@initech.test', 'member', '2023-07-09 08:00:00', NULL),
  (4, 'alice@umbrella.test', 'owner', '2024-01-02 10:00:00', '2024-03-01 09:00:00');

INSERT INTO "AuditLog" ("orgId", "actor", "action", "meta", "at") VALUES
  (1, 'ceo@acme.test', 'plan.upgrade', '{"from": "team", "to": "business"}', '2023-09-01 10:00:00'),
  (1, 'ops@acme.test', 'member.invite', '{"email": "dev1@acme.test"}', '2023-05-15 08:59:00'),
  (2, 'boss@globex.test', 'settings.update', '{"key": "features"}', '2024-02-01 14:00:00'),
  (3, 'bill@initech.test', 'member.invite', '{"email": "milton@initech.test"}', '2023-07-09 07:55:00'),
  (1, 'ops@acme.test', 'sso.enable', NULL, '2024-01-05 09:30:00'),
  (4, 'alice@umbrella.test', 'org.create', '{}', '2024-01-02 10:00:00');

-- Prisma findMany with include-style count and pagination
SELECT "public"."Organization"."id", "public"."Organization"."slug", "public"."Organization"."displayName", "public"."Organization"."planId"
FROM "public"."Organization" WHERE "public"."Organization"."deletedAt" IS NULL
ORDER BY "public"."Organization"."id" ASC LIMIT 2 OFFSET 0;

SELECT "public"."Organization"."id", "public"."Organization"."slug"
FROM "public"."Organization" WHERE "public"."Organization"."deletedAt" IS NULL
ORDER BY "public"."Organization"."id" ASC LIMIT 2 OFFSET 2;

SELECT "t1"."orgId", COUNT(*) AS "_aggr_count_members" FROM "public"."Membership" AS "t1" WHERE 1=1 GROUP BY "t1"."orgId" ORDER BY "t1"."orgId";

-- Admin search box
SELECT "id", "slug", "displayName" FROM "Organization"
WHERE ("displayName" ILIKE '%corp%' OR "slug" ILIKE '%corp%') AND "deletedAt" IS NULL ORDER BY "id";

SELECT "id", "userEmail", "role" FROM "Membership" WHERE "userEmail" ILIKE '%@INITECH.test' ORDER BY "id";

-- Seat usage against plan limits
SELECT o."slug", p."name" AS "planName", p."seatLimit", count(m."id") AS "seatsUsed",
       p."seatLimit" - count(m."id") AS "seatsLeft",
       round(100.0 * count(m."id") / p."seatLimit", 1) AS "pctUsed"
FROM "Organization" o
JOIN "Plan" p ON p."id" = o."planId"
LEFT JOIN "Membership" m ON m."orgId" = o."id"
GROUP BY o."id", o."slug", p."name", p."seatLimit"
ORDER BY o."id";

-- Organizations at or over their seat limit
SELECT o."slug" FROM "Organization" o JOIN "Plan" p ON p."id" = o."planId"
GROUP BY o."id", o."slug", p."seatLimit"
HAVING (SELECT count(*) FROM "Membership" m WHERE m."orgId" = o."id") >= p."seatLimit"
ORDER BY o."slug";

-- Role breakdown with FILTER
SELECT "orgId",
       count(*) FILTER (WHERE "role" = 'owner') AS "owners",
       count(*) FILTER (WHERE "role" = 'admin') AS "admins",
       count(*) FILTER (WHERE "role" = 'member') AS "members",
       count(*) FILTER (WHERE "lastSeenAt" IS NULL) AS "neverSeen"
FROM "Membership" GROUP BY "orgId" ORDER BY "orgId";

-- Feature flags from JSONB settings
SELECT "slug", coalesce(("settings"->>'sso')::boolean, false) AS "ssoEnabled",
       coalesce("settings"->>'region', 'us') AS "region",
       coalesce(jsonb_array_length("settings"->'features'), 0) AS "featureCount"
FROM "Organization" ORDER BY "id";

SELECT "slug" FROM "Organization" WHERE "settings" @> '{"features": ["exports"]}' ORDER BY "slug";
SELECT "slug" FROM "Organization" WHERE "settings" ? 'sso' ORDER BY "slug";

UPDATE "Organization" SET "settings" = jsonb_set("settings", '{features}', coalesce("settings"->'features', '[]'::jsonb) || '["audit"]'::jsonb)
WHERE "slug" = 'globex' RETURNING "slug", "settings";

-- Inactive members as of a fixed date
SELECT m."userEmail", o."slug", m."lastSeenAt",
       CASE WHEN m."lastSeenAt" IS NULL THEN 'never'
            WHEN m."lastSeenAt" < TIMESTAMP '2024-03-01' - INTERVAL '60 days' THEN 'dormant'
            ELSE 'active' END AS "status"
FROM "Membership" m JOIN "Organization" o ON o."id" = m."orgId"
ORDER BY m."id";

-- Organizations without an admin besides the owner (anti-join)
SELECT o."slug" FROM "Organization" o
LEFT JOIN "Membership" m ON m."orgId" = o."id" AND m."role" = 'admin'
WHERE m."id" IS NULL
ORDER BY o."slug";

-- Invite flow: upsert by unique (orgId, userEmail)
INSERT INTO "Membership" ("orgId", "userEmail", "role", "joinedAt") VALUES (2, 'hank@globex.test', 'admin', '2024-03-02 09:00:00')
ON CONFLICT ("orgId", "userEmail") DO UPDATE SET "role" = EXCLUDED."role" RETURNING "id", "orgId", "userEmail", "role";

INSERT INTO "Membership" ("orgId", "userEmail", "joinedAt") VALUES (2, 'new@globex.test', '2024-03-02 09:05:00')
ON CONFLICT ("orgId", "userEmail") DO NOTHING RETURNING "id", "role";

INSERT INTO "Membership" ("orgId", "userEmail", "joinedAt") VALUES (2, 'new@globex.test', '2024-03-02 09:06:00')
ON CONFLICT ("orgId", "userEmail") DO NOTHING RETURNING "id", "role";

-- Constraint violations the panel must report
INSERT INTO "Membership" ("orgId", "userEmail", "role", "joinedAt") VALUES (1, 'x@acme.test', 'superuser', '2024-03-02 09:00:00');
INSERT INTO "Membership" ("orgId", "userEmail", "joinedAt") VALUES (99, 'ghost@nowhere.test', '2024-03-02 09:00:00');
INSERT INTO "Organization" ("slug", "displayName") VALUES ('acme', 'Acme Again');
UPDATE "Organization" SET "planId" = 'enterprise' WHERE "slug" = 'initech';
DELETE FROM "Plan" WHERE "id" = 'team';

-- Plan change in a transaction with an audit entry
BEGIN;
UPDATE "Organization" SET "planId" = 'team' WHERE "slug" = 'initech' RETURNING "id", "planId";
INSERT INTO "AuditLog" ("orgId", "actor", "action", "meta", "at")
SELECT "id", 'bill@initech.test', 'plan.upgrade', jsonb_build_object('from', 'free', 'to', 'team'), TIMESTAMP '2024-03-02 10:00:00'
FROM "Organization" WHERE "slug" = 'initech' RETURNING "id", "action", "meta";
COMMIT;

-- Renaming a plan id cascades to organizations
UPDATE "Plan" SET "id" = 'biz' WHERE "id" = 'business';
SELECT "slug", "planId" FROM "Organization" ORDER BY "id";

-- Audit trail page with keyset pagination on ("at", "id")
SELECT "id", "action", "at" FROM "AuditLog" ORDER BY "at" DESC, "id" DESC LIMIT 3;
SELECT "id", "action", "at" FROM "AuditLog" WHERE ("at", "id") < (TIMESTAMP '2024-01-05 09:30:00', 5) ORDER BY "at" DESC, "id" DESC LIMIT 3;

-- Last audit action per organization
SELECT DISTINCT ON (a."orgId") a."orgId", a."action", a."actor", a."at"
FROM "AuditLog" a ORDER BY a."orgId", a."at" DESC, a."id" DESC;

-- Audit actions by month and type
SELECT to_char(date_trunc('month', "at"), 'YYYY-MM') AS "month", split_part("action", '.', 1) AS "area", count(*)
FROM "AuditLog" GROUP BY 1, 2 ORDER BY 1, 2;

-- Members as JSON for the org detail API
SELECT o."slug", json_agg(json_build_object('email', m."userEmail", 'role', m."role") ORDER BY m."id") AS "members"
FROM "Organization" o JOIN "Membership" m ON m."orgId" = o."id"
WHERE o."slug" IN ('globex', 'umbrella')
GROUP BY o."id", o."slug" ORDER BY o."id";

-- Monthly recurring revenue by plan
SELECT p."id", count(o."id") AS "orgs", (coalesce(sum(p."priceCents") FILTER (WHERE o."id" IS NOT NULL), 0) / 100.0)::numeric(10,2) AS "mrr"
FROM "Plan" p LEFT JOIN "Organization" o ON o."planId" = p."id" AND o."deletedAt" IS NULL
GROUP BY p."id" ORDER BY p."id";

-- Soft delete, then hard delete cascading memberships and audit log
UPDATE "Organization" SET "deletedAt" = '2024-03-03 00:00:00' WHERE "slug" = 'umbrella' RETURNING "id", "deletedAt";
SELECT count(*) AS "activeOrgs" FROM "Organization" WHERE "deletedAt" IS NULL;
DELETE FROM "Organization" WHERE "deletedAt" < '2024-03-10' RETURNING "id", "slug";
SELECT (SELECT count(*) FROM "Membership") AS "memberships", (SELECT count(*) FROM "AuditLog") AS "auditRows";

-- Prisma migration adding a column
ALTER TABLE "Membership" ADD COLUMN "mfaEnabled" BOOLEAN NOT NULL DEFAULT false;
UPDATE "Membership" SET "mfaEnabled" = true WHERE "role" IN ('owner', 'admin');
SELECT "orgId", bool_and("mfaEnabled") AS "allMfa", count(*) FILTER (WHERE "mfaEnabled") AS "mfaCount" FROM "Membership" GROUP BY "orgId" ORDER BY "orgId";
