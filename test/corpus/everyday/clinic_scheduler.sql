-- Outpatient clinic scheduler: practitioners, weekly working hours, patients and appointments,
-- with free-slot search, double-booking checks and no-show reports, in Sequelize-style SQL.

CREATE TABLE IF NOT EXISTS "Practitioners" (
  "id" SERIAL,
  "name" VARCHAR(255) NOT NULL,
  "specialty" VARCHAR(255) NOT NULL,
  "slotMinutes" INTEGER NOT NULL DEFAULT 30,
  "active" BOOLEAN NOT NULL DEFAULT true,
  "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  PRIMARY KEY ("id")
);

CREATE TABLE IF NOT EXISTS "WorkingHours" (
  "id" SERIAL,
  "practitionerId" INTEGER NOT NULL REFERENCES "Practitioners" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "weekday" SMALLINT NOT NULL CHECK ("weekday" BETWEEN 1 AND 7),
  "startsAt" TIME NOT NULL,
  "endsAt" TIME NOT NULL,
  PRIMARY KEY ("id"),
  CHECK ("endsAt" > "startsAt")
);

CREATE TABLE IF NOT EXISTS "Patients" (
  "id" SERIAL,
  "fullName" VARCHAR(255) NOT NULL,
  "email" VARCHAR(255) UNIQUE,
  "phone" VARCHAR(32),
  "dateOfBirth" DATE NOT NULL,
  PRIMARY KEY ("id")
);

CREATE TABLE IF NOT EXISTS "Appointments" (
  "id" SERIAL,
  "practitionerId" INTEGER NOT NULL REFERENCES "Practitioners" ("id") ON DELETE NO ACTION ON UPDATE CASCADE,
  "patientId" INTEGER NOT NULL REFERENCES "Patients" ("id") ON DELETE NO ACTION ON UPDATE CASCADE,
  "startTime" TIMESTAMP NOT NULL,
  "endTime" TIMESTAMP NOT NULL,
  "status" VARCHAR(255) NOT NULL DEFAULT 'booked' CHECK ("status" IN ('booked', 'checked_in', 'completed', 'cancelled', 'no_show')),
  "reason" TEXT,
  PRIMARY KEY ("id"),
  CHECK ("endTime" > "startTime")
);

CREATE UNIQUE INDEX "appointments_practitioner_start" ON "Appointments" ("practitionerId", "startTime") WHERE "status" <> 'cancelled';

INSERT INTO "Practitioners" ("id","name","specialty","slotMinutes","active") VALUES (DEFAULT,'dr okafor','general',20,true) RETURNING "id","name","specialty","slotMinutes","active";
INSERT INTO "Practitioners" ("id","name","specialty","slotMinutes","active") VALUES (DEFAULT,'dr lindqvist','dermatology',30,true) RETURNING "id","name","specialty","slotMinutes","active";
INSERT INTO "Practitioners" ("id","name","specialty","slotMinutes","active") VALUES (DEFAULT,'dr haddad','pediatrics',15,false) RETURNING "id","name","specialty","slotMinutes","active";

INSERT INTO "WorkingHours" ("practitionerId","weekday","startsAt","endsAt") VALUES
  (1, 1, '09:00', '12:00'), (1, 1, '13:00', '16:00'), (1, 3, '09:00', '12:00'),
  (2, 2, '10:00', '14:00'), (2, 4, '10:00', '14:00'), (3, 5, '08:00', '12:00');

INSERT INTO "Patients" ("fullName","email","phone","dateOfBirth") VALUES
  ('Maria Santos', 'maria@example.com', '+1 555 0101', '1985-02-28'),
  ('Tom Becker', 'tom@example.com', NULL, '2016-07-14'),
  ('Aiko Tanaka', NULL, '+1 555 0199', '1950-12-01'),
  ('Sam Oduya', 'sam@example.com', '+1 555 0142', '2000-02-29');

INSERT INTO "Appointments" ("practitionerId","patientId","startTime","endTime","status","reason") VALUES
  (1, 1, '2024-04-01 09:00', '2024-04-01 09:20', 'completed', 'annual checkup'),
  (1, 3, '2024-04-01 09:20', '2024-04-01 09:40', 'no_show', 'blood pressure'),
  (1, 4, '2024-04-01 10:00', '2024-04-01 10:20', 'completed', NULL),
  (2, 1, '2024-04-02 10:00', '2024-04-02 10:30', 'completed', 'mole check'),
  (2, 2, '2024-04-02 10:30', '2024-04-02 11:00', 'cancelled', 'rash'),
  (2, 4, '2024-04-04 11:00', '2024-04-04 11:30', 'booked', 'follow-up'),
  (1, 2, '2024-04-03 09:00', '2024-04-03 09:20', 'booked', 'vaccination'),
  (1, 3, '2024-04-08 13:00', '2024-04-08 13:20', 'booked', 'blood pressure'),
  (1, 4, '2024-04-01 12:20', '2024-04-01 12:40', 'completed', 'walk-in');

-- Sequelize findAll with include
SELECT "Appointment"."id", "Appointment"."startTime", "Appointment"."status", "patient"."id" AS "patient.id", "patient"."fullName" AS "patient.fullName"
FROM "Appointments" AS "Appointment"
LEFT OUTER JOIN "Patients" AS "patient" ON "Appointment"."patientId" = "patient"."id"
WHERE "Appointment"."practitionerId" = 1 AND "Appointment"."startTime" >= '2024-04-01 00:00:00' AND "Appointment"."startTime" < '2024-04-02 00:00:00'
ORDER BY "Appointment"."startTime" ASC;

-- findAndCountAll for the front desk list
SELECT count("Appointment"."id") AS "count" FROM "Appointments" AS "Appointment" WHERE "Appointment"."status" IN ('booked', 'checked_in');
SELECT "id", "patientId", "startTime" FROM "Appointments" AS "Appointment" WHERE "Appointment"."status" IN ('booked', 'checked_in') ORDER BY "Appointment"."startTime" ASC, "Appointment"."id" ASC LIMIT 2 OFFSET 0;

-- Free slots for a practitioner on a given day
SELECT s.slot::time AS slot
FROM "Practitioners" p
JOIN "WorkingHours" w ON w."practitionerId" = p."id" AND w."weekday" = extract(isodow FROM DATE '2024-04-01')
CROSS JOIN LATERAL generate_series(DATE '2024-04-01' + w."startsAt", DATE '2024-04-01' + w."endsAt" - make_interval(mins => p."slotMinutes"), make_interval(mins => p."slotMinutes")) AS s(slot)
WHERE p."id" = 1
  AND NOT EXISTS (
    SELECT 1 FROM "Appointments" a
    WHERE a."practitionerId" = p."id" AND a."status" <> 'cancelled'
      AND a."startTime" < s.slot + make_interval(mins => p."slotMinutes") AND a."endTime" > s.slot)
ORDER BY s.slot
LIMIT 8;

-- Double-booking check before insert (overlap test)
SELECT EXISTS (
  SELECT 1 FROM "Appointments"
  WHERE "practitionerId" = 2 AND "status" <> 'cancelled'
    AND ("startTime", "endTime") OVERLAPS (TIMESTAMP '2024-04-02 10:15', TIMESTAMP '2024-04-02 10:45')
) AS "conflict";

-- Rebooking a cancelled slot is allowed; a second active booking is not
INSERT INTO "Appointments" ("practitionerId","patientId","startTime","endTime","reason") VALUES (2, 3, '2024-04-02 10:30', '2024-04-02 11:00', 'eczema') RETURNING "id","status";
INSERT INTO "Appointments" ("practitionerId","patientId","startTime","endTime") VALUES (2, 1, '2024-04-02 10:30', '2024-04-02 11:00');
INSERT INTO "Appointments" ("practitionerId","patientId","startTime","endTime") VALUES (1, 1, '2024-04-05 10:00', '2024-04-05 09:40');
INSERT INTO "Appointments" ("practitionerId","patientId","startTime","endTime","status") VALUES (1, 1, '2024-04-05 10:00', '2024-04-05 10:20', 'pending');
INSERT INTO "WorkingHours" ("practitionerId","weekday","startsAt","endsAt") VALUES (1, 8, '09:00', '10:00');

-- Check-in flow in a transaction
BEGIN;
UPDATE "Appointments" SET "status" = 'checked_in' WHERE "id" = 7 AND "status" = 'booked' RETURNING "id", "status";
UPDATE "Appointments" SET "status" = 'completed' WHERE "id" = 7 AND "status" = 'checked_in' RETURNING "id", "status";
COMMIT;

-- Patient ages on the appointment date, including leap-day birthdays
SELECT p."fullName", a."startTime"::date AS "visitDate",
       extract(year FROM age(a."startTime"::date, p."dateOfBirth"))::int AS "ageYears",
       CASE WHEN age(a."startTime"::date, p."dateOfBirth") < INTERVAL '18 years' THEN 'minor' ELSE 'adult' END AS "group"
FROM "Appointments" a JOIN "Patients" p ON p."id" = a."patientId"
WHERE a."status" <> 'cancelled'
ORDER BY a."startTime", a."id";

-- Birthdays in February and April
SELECT "fullName", to_char("dateOfBirth", 'Mon DD') AS "birthday" FROM "Patients"
WHERE extract(month FROM "dateOfBirth") IN (2, 4) ORDER BY extract(month FROM "dateOfBirth"), extract(day FROM "dateOfBirth"), "id";

-- Utilisation per practitioner for the week
SELECT p."name",
       count(a."id") FILTER (WHERE a."status" IN ('completed', 'booked', 'checked_in')) AS "visits",
       count(a."id") FILTER (WHERE a."status" = 'no_show') AS "noShows",
       coalesce(sum(extract(epoch FROM a."endTime" - a."startTime") / 60) FILTER (WHERE a."status" <> 'cancelled'), 0) AS "bookedMinutes"
FROM "Practitioners" p
LEFT JOIN "Appointments" a ON a."practitionerId" = p."id" AND a."startTime" >= '2024-04-01' AND a."startTime" < '2024-04-08'
GROUP BY p."id", p."name" ORDER BY p."id";

-- Weekly capacity from working hours
SELECT p."name", sum(w."endsAt" - w."startsAt") AS "hoursPerWeek",
       sum(extract(epoch FROM w."endsAt" - w."startsAt") / 60 / p."slotMinutes")::int AS "slotsPerWeek"
FROM "Practitioners" p JOIN "WorkingHours" w ON w."practitionerId" = p."id"
GROUP BY p."id", p."name" ORDER BY p."id";

-- Appointments booked outside working hours (data quality report)
SELECT a."id", a."startTime" FROM "Appointments" a
WHERE a."status" <> 'cancelled' AND NOT EXISTS (
  SELECT 1 FROM "WorkingHours" w
  WHERE w."practitionerId" = a."practitionerId"
    AND w."weekday" = extract(isodow FROM a."startTime")
    AND a."startTime"::time >= w."startsAt" AND a."endTime"::time <= w."endsAt")
ORDER BY a."id";

-- Patients who missed an appointment and have another booked
SELECT DISTINCT p."id", p."fullName" FROM "Patients" p
WHERE EXISTS (SELECT 1 FROM "Appointments" a WHERE a."patientId" = p."id" AND a."status" = 'no_show')
  AND EXISTS (SELECT 1 FROM "Appointments" a WHERE a."patientId" = p."id" AND a."status" = 'booked')
ORDER BY p."id";

-- Patients never seen (anti-join)
SELECT p."id", p."fullName" FROM "Patients" p
LEFT JOIN "Appointments" a ON a."patientId" = p."id" AND a."status" = 'completed'
WHERE a."id" IS NULL ORDER BY p."id";

-- Reminder list: contact channel with fallbacks
SELECT a."id", p."fullName", coalesce(p."email", p."phone", 'no contact') AS "contact",
       to_char(a."startTime", 'Dy DD Mon HH24:MI') AS "when",
       a."startTime" - INTERVAL '1 day' AS "remindAt"
FROM "Appointments" a JOIN "Patients" p ON p."id" = a."patientId"
WHERE a."status" = 'booked' ORDER BY a."startTime", a."id";

-- Search patients
SELECT "id", "fullName" FROM "Patients" WHERE "fullName" ILIKE 'ma%' OR "email" ILIKE '%SAM%' ORDER BY "id";
SELECT "id", "fullName", nullif(regexp_replace(coalesce("phone", ''), '[^0-9]', '', 'g'), '') AS "digits" FROM "Patients" ORDER BY "id";

-- Reschedule: move an appointment by a week
UPDATE "Appointments" SET "startTime" = "startTime" + INTERVAL '7 days', "endTime" = "endTime" + INTERVAL '7 days'
WHERE "id" = 8 RETURNING "id", "startTime", "endTime";

-- Deactivating a practitioner cancels future bookings
BEGIN;
UPDATE "Practitioners" SET "active" = false WHERE "id" = 2;
WITH cancelled AS (
  UPDATE "Appointments" SET "status" = 'cancelled'
  WHERE "practitionerId" = 2 AND "status" = 'booked' AND "startTime" >= '2024-04-03'
  RETURNING "id"
)
SELECT count(*) AS "cancelledCount" FROM cancelled;
COMMIT;

-- Deleting a patient with appointments is blocked
DELETE FROM "Patients" WHERE "id" = 3;

-- Status summary
SELECT "status", count(*) FROM "Appointments" GROUP BY "status" ORDER BY "status";

-- Sequelize migration: add a column with a default and an index
ALTER TABLE "Appointments" ADD COLUMN "room" VARCHAR(16);
UPDATE "Appointments" SET "room" = CASE "practitionerId" WHEN 1 THEN 'a1' WHEN 2 THEN 'b2' END;
CREATE INDEX "appointments_room" ON "Appointments" ("room");
SELECT "room", count(*) FROM "Appointments" GROUP BY "room" ORDER BY "room" NULLS LAST;
