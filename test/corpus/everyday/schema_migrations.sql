-- Schema migrations of a SaaS app as a migration tool (Rails/Django/Flyway style) runs them:
-- a migrations table, transactional DDL, column changes, backfills, constraints and views.

CREATE TABLE IF NOT EXISTS schema_migrations (
  version varchar(255) NOT NULL PRIMARY KEY,
  applied_at timestamp NOT NULL DEFAULT now()
);

SELECT "schema_migrations"."version" FROM "schema_migrations" ORDER BY "schema_migrations"."version" ASC;

-- Migration 1: accounts and projects
BEGIN;
CREATE TABLE accounts (
  id bigserial PRIMARY KEY,
  name varchar(100) NOT NULL,
  plan varchar(20) NOT NULL DEFAULT 'trial'
);
CREATE TABLE projects (
  id bigserial PRIMARY KEY,
  account_id bigint NOT NULL,
  title varchar(200) NOT NULL,
  state integer NOT NULL DEFAULT 0
);
CREATE INDEX index_projects_on_account_id ON projects (account_id);
INSERT INTO schema_migrations (version) VALUES ('20240101000000');
COMMIT;

-- Re-running an idempotent migration is a no-op thanks to IF NOT EXISTS
CREATE INDEX IF NOT EXISTS index_projects_on_account_id ON projects (account_id);

-- Seed data
INSERT INTO accounts (name, plan) VALUES ('acme', 'pro'), ('globex', 'trial'), ('initech', 'free');
INSERT INTO projects (account_id, title, state) VALUES
  (1, 'website relaunch', 1), (1, 'mobile app', 0), (2, 'data warehouse', 2), (3, 'tps reports', 1);

-- Migration 2: add a foreign key and a unique constraint
BEGIN;
ALTER TABLE projects ADD CONSTRAINT fk_projects_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE;
ALTER TABLE accounts ADD CONSTRAINT accounts_name_key UNIQUE (name);
INSERT INTO schema_migrations (version) VALUES ('20240115000000');
COMMIT;

-- Migration 3: add columns with defaults, backfill, then tighten
ALTER TABLE projects ADD COLUMN archived boolean NOT NULL DEFAULT false;
ALTER TABLE projects ADD COLUMN slug varchar(200);
UPDATE projects SET slug = replace(lower(title), ' ', '-');
ALTER TABLE projects ALTER COLUMN slug SET NOT NULL;
CREATE UNIQUE INDEX index_projects_on_account_id_and_slug ON projects (account_id, slug);
INSERT INTO schema_migrations (version) VALUES ('20240201000000');

SELECT id, title, slug, archived FROM projects ORDER BY id;

-- Adding a NOT NULL column without a default to a table with rows fails
ALTER TABLE projects ADD COLUMN owner_id bigint NOT NULL;

-- Migration 4: rename a column and a table
ALTER TABLE projects RENAME COLUMN state TO status;
ALTER TABLE accounts RENAME TO organizations;
ALTER TABLE projects RENAME CONSTRAINT fk_projects_account TO fk_projects_organization;
INSERT INTO schema_migrations (version) VALUES ('20240215000000');

SELECT p.title, p.status, o.name FROM projects p JOIN organizations o ON o.id = p.account_id ORDER BY p.id;
SELECT state FROM projects;

-- Migration 5: change a column type and defaults
ALTER TABLE projects ALTER COLUMN status TYPE varchar(20) USING CASE status WHEN 0 THEN 'draft' WHEN 1 THEN 'active' ELSE 'done' END;
ALTER TABLE projects ALTER COLUMN status SET DEFAULT 'draft';
ALTER TABLE projects ADD CONSTRAINT projects_status_check CHECK (status IN ('draft', 'active', 'done'));
INSERT INTO schema_migrations (version) VALUES ('20240301000000');

SELECT id, status FROM projects ORDER BY id;
INSERT INTO projects (account_id, title, slug) VALUES (2, 'etl jobs', 'etl-jobs') RETURNING id, status, archived;
INSERT INTO projects (account_id, title, slug, status) VALUES (2, 'broken', 'broken', 'paused');

-- A constraint the existing data violates cannot be added
ALTER TABLE organizations ADD CONSTRAINT organizations_plan_check CHECK (plan IN ('pro', 'trial'));
ALTER TABLE organizations ADD CONSTRAINT organizations_plan_check CHECK (plan IN ('pro', 'trial', 'free'));

-- Migration 6: a failed migration is rolled back completely
BEGIN;
CREATE TABLE milestones (id bigserial PRIMARY KEY, project_id bigint NOT NULL REFERENCES projects (id), due date);
ALTER TABLE projects ADD COLUMN budget numeric(12,2);
INSERT INTO schema_migrations (version) VALUES ('20240315000000');
ROLLBACK;

SELECT * FROM milestones;

-- Migration 6, fixed
BEGIN;
CREATE TABLE milestones (id bigserial PRIMARY KEY, project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE, due date);
ALTER TABLE projects ADD COLUMN budget numeric(12,2) DEFAULT 0;
INSERT INTO schema_migrations (version) VALUES ('20240315000000');
COMMIT;

-- Migration 7: drop a column, add a view
ALTER TABLE projects DROP COLUMN archived;
CREATE VIEW active_projects AS
  SELECT p.id, p.title, o.name AS organization FROM projects p JOIN organizations o ON o.id = p.account_id WHERE p.status = 'active';
CREATE OR REPLACE VIEW active_projects AS
  SELECT p.id, p.title, o.name AS organization, p.budget FROM projects p JOIN organizations o ON o.id = p.account_id WHERE p.status = 'active';
SELECT * FROM active_projects ORDER BY id;

-- Migration 8: cleanup with CASCADE
DROP VIEW IF EXISTS active_projects;
DROP TABLE organizations;
DROP TABLE organizations CASCADE;
INSERT INTO projects (account_id, title, slug) VALUES (999, 'no longer checked', 'nlc') RETURNING id, account_id;

SELECT count(*) AS migrations, max(version) AS latest FROM schema_migrations;
SELECT id, title, status FROM projects ORDER BY id;
