-- Feature flags with per-tenant overrides and percentage rollouts, plus an audit log filled
-- by a trigger, queried the way an admin console would.

CREATE TABLE flags (
  key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_.-]*$'),
  description text,
  enabled boolean NOT NULL DEFAULT false,
  rollout_pct smallint NOT NULL DEFAULT 0 CHECK (rollout_pct BETWEEN 0 AND 100),
  updated_at timestamp NOT NULL DEFAULT '2024-01-01 00:00'
);

CREATE TABLE flag_overrides (
  flag_key text NOT NULL REFERENCES flags (key) ON UPDATE CASCADE ON DELETE CASCADE,
  tenant text NOT NULL,
  value boolean NOT NULL,
  UNIQUE (flag_key, tenant)
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  table_name text NOT NULL,
  op char(1) NOT NULL,
  row_key text,
  old_row jsonb,
  new_row jsonb
);

CREATE FUNCTION audit_flags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO audit_log (table_name, op, row_key, old_row) VALUES (TG_TABLE_NAME, 'D', OLD.key, to_jsonb(OLD));
    RETURN OLD;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO audit_log (table_name, op, row_key, old_row, new_row) VALUES (TG_TABLE_NAME, 'U', NEW.key, to_jsonb(OLD), to_jsonb(NEW));
    RETURN NEW;
  ELSE
    INSERT INTO audit_log (table_name, op, row_key, new_row) VALUES (TG_TABLE_NAME, 'I', NEW.key, to_jsonb(NEW));
    RETURN NEW;
  END IF;
END;
$$;

CREATE TRIGGER flags_audit AFTER INSERT OR UPDATE OR DELETE ON flags FOR EACH ROW EXECUTE FUNCTION audit_flags();

INSERT INTO flags (key, description, enabled, rollout_pct) VALUES
  ('new-checkout', 'Redesigned checkout flow', true, 25),
  ('dark_mode', 'Dark theme', true, 100),
  ('beta.reports', NULL, false, 0),
  ('search-v2', 'Vector search', true, 5);

INSERT INTO flags (key) VALUES ('Bad Key');
INSERT INTO flags (key, rollout_pct) VALUES ('too-much', 101);

INSERT INTO flag_overrides VALUES ('new-checkout', 'acme', true), ('new-checkout', 'globex', false), ('beta.reports', 'acme', true), ('search-v2', 'initech', false);
INSERT INTO flag_overrides VALUES ('new-checkout', 'acme', false);
INSERT INTO flag_overrides VALUES ('missing-flag', 'acme', true);

-- Evaluate flags for a tenant: override wins, else enabled and bucket under rollout
SELECT f.key,
       coalesce(o.value, f.enabled AND abs(hashtext('acme' || f.key)) % 100 < f.rollout_pct) IS NOT NULL AS decided,
       o.value AS override
FROM flags f LEFT JOIN flag_overrides o ON o.flag_key = f.key AND o.tenant = 'acme'
ORDER BY f.key;

SELECT f.key, coalesce(o.value, f.enabled AND f.rollout_pct = 100) AS on_for_globex
FROM flags f LEFT JOIN flag_overrides o ON o.flag_key = f.key AND o.tenant = 'globex'
ORDER BY f.key;

-- Flip flags and bump rollout
UPDATE flags SET rollout_pct = 50, updated_at = '2024-02-01 12:00' WHERE key = 'new-checkout';
UPDATE flags SET enabled = NOT enabled, updated_at = '2024-02-02 08:30' WHERE key IN ('beta.reports', 'search-v2');

-- Rename a flag: overrides follow
UPDATE flags SET key = 'checkout-v2' WHERE key = 'new-checkout';
SELECT flag_key, tenant, value FROM flag_overrides ORDER BY flag_key, tenant;

DELETE FROM flags WHERE key = 'dark_mode';

-- The audit trail
SELECT id, op, row_key, old_row->>'enabled' AS was, new_row->>'enabled' AS now FROM audit_log ORDER BY id;

-- What changed in each update
SELECT a.id, a.row_key, n.key AS field, o.value AS old_value, n.value AS new_value
FROM audit_log a
CROSS JOIN LATERAL jsonb_each(a.new_row) n
JOIN LATERAL jsonb_each(a.old_row) o ON o.key = n.key
WHERE a.op = 'U' AND o.value IS DISTINCT FROM n.value
ORDER BY a.id, n.key;

SELECT op, count(*) FROM audit_log GROUP BY op ORDER BY op;

SELECT id, jsonb_pretty(old_row) FROM audit_log WHERE op = 'D';

SELECT new_row FROM audit_log WHERE id = 1;

SELECT row_key, (new_row->>'rollout_pct')::int AS pct FROM audit_log WHERE new_row @> '{"enabled": true}' ORDER BY id;

SELECT DISTINCT row_key FROM audit_log WHERE old_row ? 'description' AND old_row->'description' = 'null'::jsonb;

-- Overrides count per flag, including flags with none
SELECT f.key, count(o.tenant) AS overrides, coalesce(string_agg(o.tenant || '=' || o.value, ',' ORDER BY o.tenant), '-') AS detail
FROM flags f LEFT JOIN flag_overrides o ON o.flag_key = f.key GROUP BY f.key ORDER BY f.key;

-- Tenants that have anything overridden
SELECT DISTINCT tenant FROM flag_overrides ORDER BY tenant;

-- Stale flags: fully rolled out or fully off and untouched since January
SELECT key FROM flags WHERE (rollout_pct IN (0, 100) OR NOT enabled) AND updated_at < '2024-01-15' ORDER BY key;

-- Upsert an override
INSERT INTO flag_overrides VALUES ('checkout-v2', 'globex', true)
ON CONFLICT (flag_key, tenant) DO UPDATE SET value = EXCLUDED.value WHERE flag_overrides.value IS DISTINCT FROM EXCLUDED.value
RETURNING *;

INSERT INTO flag_overrides VALUES ('checkout-v2', 'globex', true)
ON CONFLICT (flag_key, tenant) DO UPDATE SET value = EXCLUDED.value WHERE flag_overrides.value IS DISTINCT FROM EXCLUDED.value
RETURNING *;

INSERT INTO flag_overrides VALUES ('checkout-v2', 'umbrella', true) ON CONFLICT DO NOTHING;

SELECT count(*) FROM flag_overrides;

-- Truncating the log
TRUNCATE audit_log RESTART IDENTITY;
UPDATE flags SET description = 'Reports beta' WHERE key = 'beta.reports';
SELECT id, op, row_key FROM audit_log;

SELECT key, enabled, rollout_pct FROM flags;
