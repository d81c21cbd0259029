-- IoT fleet telemetry backend: devices report readings that are bucketed into 15-minute and
-- hourly aggregates, rolled up with upserts, and checked for thresholds and silent devices.

CREATE TABLE devices (
  id serial PRIMARY KEY,
  serial_no varchar(20) NOT NULL UNIQUE,
  site text NOT NULL,
  kind text NOT NULL,
  config jsonb NOT NULL DEFAULT '{}',
  installed_on date NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE readings (
  id bigserial PRIMARY KEY,
  device_id integer NOT NULL REFERENCES devices (id),
  recorded_at timestamp NOT NULL,
  metric text NOT NULL,
  value numeric(10,3) NOT NULL,
  UNIQUE (device_id, metric, recorded_at)
);

CREATE TABLE hourly_rollups (
  device_id integer NOT NULL REFERENCES devices (id),
  metric text NOT NULL,
  hour timestamp NOT NULL,
  samples integer NOT NULL,
  min_value numeric(10,3) NOT NULL,
  max_value numeric(10,3) NOT NULL,
  avg_value numeric(10,3) NOT NULL,
  PRIMARY KEY (device_id, metric, hour)
);

CREATE INDEX readings_device_time_idx ON readings (device_id, recorded_at DESC);

INSERT INTO devices (serial_no, site, kind, config, installed_on) VALUES
  ('th-0001', 'plant-a', 'thermo', '{"thresholds": {"temp": 30, "humidity": 70}, "interval_s": 300}', '2023-11-01'),
  ('th-0002', 'plant-a', 'thermo', '{"thresholds": {"temp": 28}, "interval_s": 300}', '2023-11-01'),
  ('pw-0001', 'plant-b', 'power', '{"thresholds": {"watts": 5000}}', '2024-01-15'),
  ('th-0003', 'plant-b', 'thermo', '{}', '2024-02-01');

INSERT INTO readings (device_id, recorded_at, metric, value) VALUES
  (1, '2024-03-10 08:00:00', 'temp', 21.500), (1, '2024-03-10 08:05:00', 'temp', 22.125),
  (1, '2024-03-10 08:10:00', 'temp', 22.750), (1, '2024-03-10 08:20:00', 'temp', 24.000),
  (1, '2024-03-10 08:35:00', 'temp', 31.250), (1, '2024-03-10 09:05:00', 'temp', 29.500),
  (1, '2024-03-10 08:00:00', 'humidity', 55.000), (1, '2024-03-10 08:30:00', 'humidity', 71.500),
  (2, '2024-03-10 08:02:00', 'temp', 19.000), (2, '2024-03-10 08:17:00', 'temp', 19.250),
  (2, '2024-03-10 08:47:00', 'temp', 18.750), (2, '2024-03-10 09:02:00', 'temp', 28.500),
  (3, '2024-03-10 08:00:00', 'watts', 4200.000), (3, '2024-03-10 08:15:00', 'watts', 5100.500),
  (3, '2024-03-10 08:30:00', 'watts', 4875.250), (3, '2024-03-10 08:45:00', 'watts', 3999.999),
  (3, '2024-03-10 09:00:00', 'watts', 5300.000);

-- Latest reading per device and metric (dashboard tiles)
SELECT DISTINCT ON (r.device_id, r.metric) d.serial_no, r.metric, r.value, r.recorded_at
FROM readings r JOIN devices d ON d.id = r.device_id
ORDER BY r.device_id, r.metric, r.recorded_at DESC;

-- Hourly buckets with date_trunc
SELECT device_id, metric, date_trunc('hour', recorded_at) AS hour,
       count(*) AS samples, min(value), max(value), round(avg(value), 3) AS avg
FROM readings GROUP BY device_id, metric, date_trunc('hour', recorded_at)
ORDER BY device_id, metric, hour;

-- 15-minute buckets with date_bin
SELECT date_bin(INTERVAL '15 minutes', recorded_at, TIMESTAMP '2024-03-10 00:00:00') AS bucket,
       count(*) AS samples, round(avg(value), 2) AS avg_temp
FROM readings WHERE device_id = 1 AND metric = 'temp'
GROUP BY bucket ORDER BY bucket;

-- 15-minute buckets the epoch way
SELECT to_timestamp(floor(extract(epoch FROM recorded_at) / 900) * 900) AT TIME ZONE 'UTC' AS bucket, count(*)
FROM readings WHERE device_id = 3
GROUP BY 1 ORDER BY 1;

-- Gap-filled series of buckets for a chart
SELECT b.bucket, r.samples, r.avg_value
FROM generate_series(TIMESTAMP '2024-03-10 08:00:00', TIMESTAMP '2024-03-10 09:00:00', INTERVAL '15 minutes') AS b(bucket)
LEFT JOIN (
  SELECT date_bin(INTERVAL '15 minutes', recorded_at, TIMESTAMP '2024-03-10') AS bucket, count(*) AS samples, round(avg(value), 2) AS avg_value
  FROM readings WHERE device_id = 2 AND metric = 'temp' GROUP BY 1
) r USING (bucket)
ORDER BY b.bucket;

-- Threshold breaches using per-device config
SELECT d.serial_no, r.metric, r.value, (d.config->'thresholds'->>r.metric)::numeric AS threshold, r.recorded_at
FROM readings r JOIN devices d ON d.id = r.device_id
WHERE r.value > (d.config->'thresholds'->>r.metric)::numeric
ORDER BY r.recorded_at, r.id;

-- Devices without thresholds configured
SELECT serial_no FROM devices WHERE NOT (config ? 'thresholds') ORDER BY serial_no;

-- Change between consecutive readings and reporting interval
SELECT recorded_at, value,
       value - lag(value) OVER w AS delta,
       recorded_at - lag(recorded_at) OVER w AS since_prev
FROM readings WHERE device_id = 1 AND metric = 'temp'
WINDOW w AS (ORDER BY recorded_at)
ORDER BY recorded_at;

-- Late readings: gaps longer than twice the configured interval
SELECT device_id, recorded_at, gap FROM (
  SELECT r.device_id, r.recorded_at,
         r.recorded_at - lag(r.recorded_at) OVER (PARTITION BY r.device_id, r.metric ORDER BY r.recorded_at) AS gap,
         coalesce((d.config->>'interval_s')::int, 900) AS interval_s
  FROM readings r JOIN devices d ON d.id = r.device_id
) x
WHERE gap > make_interval(secs => interval_s * 2)
ORDER BY device_id, recorded_at;

-- Silent devices as of a fixed time
SELECT d.serial_no, max(r.recorded_at) AS last_seen,
       TIMESTAMP '2024-03-10 09:30:00' - max(r.recorded_at) AS silent_for
FROM devices d LEFT JOIN readings r ON r.device_id = d.id
GROUP BY d.id, d.serial_no
HAVING max(r.recorded_at) IS NULL OR max(r.recorded_at) < TIMESTAMP '2024-03-10 09:30:00' - INTERVAL '20 minutes'
ORDER BY d.serial_no;

-- Roll up into the hourly table
INSERT INTO hourly_rollups (device_id, metric, hour, samples, min_value, max_value, avg_value)
SELECT device_id, metric, date_trunc('hour', recorded_at), count(*), min(value), max(value), avg(value)
FROM readings WHERE recorded_at < '2024-03-10 09:00:00'
GROUP BY device_id, metric, date_trunc('hour', recorded_at)
ON CONFLICT (device_id, metric, hour) DO UPDATE
SET samples = EXCLUDED.samples, min_value = EXCLUDED.min_value, max_value = EXCLUDED.max_value, avg_value = EXCLUDED.avg_value;

SELECT * FROM hourly_rollups ORDER BY device_id, metric, hour;

-- Late-arriving readings and a re-run of the rollup for the affected hour
INSERT INTO readings (device_id, recorded_at, metric, value) VALUES
  (2, '2024-03-10 08:32:00', 'temp', 20.000), (2, '2024-03-10 08:02:00', 'temp', 19.100)
ON CONFLICT (device_id, metric, recorded_at) DO NOTHING
RETURNING device_id, recorded_at, value;

INSERT INTO hourly_rollups (device_id, metric, hour, samples, min_value, max_value, avg_value)
SELECT device_id, metric, date_trunc('hour', recorded_at), count(*), min(value), max(value), avg(value)
FROM readings WHERE device_id = 2 AND recorded_at >= '2024-03-10 08:00:00' AND recorded_at < '2024-03-10 09:00:00'
GROUP BY device_id, metric, date_trunc('hour', recorded_at)
ON CONFLICT (device_id, metric, hour) DO UPDATE
SET samples = EXCLUDED.samples, min_value = EXCLUDED.min_value, max_value = EXCLUDED.max_value, avg_value = EXCLUDED.avg_value
RETURNING device_id, hour, samples, avg_value;

-- Site-level energy: trapezoid-free approximation, kWh from 15-minute watt samples
SELECT d.site, round(sum(r.value) * 0.25 / 1000, 3) AS kwh
FROM readings r JOIN devices d ON d.id = r.device_id
WHERE r.metric = 'watts' GROUP BY d.site ORDER BY d.site;

-- Per-site summary with FILTER and percentiles
SELECT d.site,
       count(*) FILTER (WHERE r.metric = 'temp') AS temp_samples,
       max(r.value) FILTER (WHERE r.metric = 'temp') AS max_temp,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY r.value) FILTER (WHERE r.metric = 'temp') AS median_temp
FROM devices d JOIN readings r ON r.device_id = d.id
GROUP BY d.site ORDER BY d.site;

-- Time-of-day formatting for the UI
SELECT to_char(recorded_at, 'HH24:MI') AS t, to_char(value, 'FM9990.00') AS v
FROM readings WHERE device_id = 2 ORDER BY recorded_at;

-- Config updates
UPDATE devices SET config = jsonb_set(config, '{thresholds}', '{"temp": 26}') WHERE serial_no = 'th-0003' RETURNING serial_no, config;
UPDATE devices SET config = config #- '{thresholds,humidity}' WHERE serial_no = 'th-0001' RETURNING config->'thresholds' AS thresholds;
SELECT kind, jsonb_agg(serial_no ORDER BY serial_no) AS serials FROM devices GROUP BY kind ORDER BY kind;

-- Bad ingestion payloads
INSERT INTO readings (device_id, recorded_at, metric, value) VALUES (9, '2024-03-10 10:00:00', 'temp', 20);
INSERT INTO readings (device_id, recorded_at, metric, value) VALUES (1, '2024-03-10 10:00:00', 'temp', 12345678.9);
INSERT INTO readings (device_id, recorded_at, metric, value) VALUES (1, '2024-03-10 25:00:00', 'temp', 20);
INSERT INTO readings (device_id, recorded_at, metric, value) VALUES (1, '2024-03-10 08:00:00', 'temp', 20);

-- Batch ingest in a transaction with a savepoint around a bad row
BEGIN;
INSERT INTO readings (device_id, recorded_at, metric, value) VALUES (4, '2024-03-10 09:10:00', 'temp', 22.000);
SAVEPOINT row2;
INSERT INTO readings (device_id, recorded_at, metric, value) VALUES (4, '2024-03-10 09:15:00', 'temp', 'n/a');
ROLLBACK TO SAVEPOINT row2;
INSERT INTO readings (device_id, recorded_at, metric, value) VALUES (4, '2024-03-10 09:20:00', 'temp', 22.500);
COMMIT;
SELECT device_id, count(*), min(recorded_at), max(recorded_at) FROM readings WHERE device_id = 4 GROUP BY device_id;

-- Daily uptime-style coverage: share of expected 5-minute samples received
SELECT d.serial_no, count(r.id) AS received,
       round(100.0 * count(r.id) / (EXTRACT(epoch FROM INTERVAL '90 minutes') / 300), 1) AS coverage_pct
FROM devices d LEFT JOIN readings r ON r.device_id = d.id AND r.metric = 'temp'
  AND r.recorded_at >= '2024-03-10 08:00:00' AND r.recorded_at < '2024-03-10 09:30:00'
WHERE d.kind = 'thermo'
GROUP BY d.id, d.serial_no ORDER BY d.serial_no;

-- Retention: drop raw readings that are already rolled up
DELETE FROM readings r USING hourly_rollups h
WHERE h.device_id = r.device_id AND h.metric = r.metric AND h.hour = date_trunc('hour', r.recorded_at)
  AND r.recorded_at < '2024-03-10 08:15:00';
SELECT device_id, count(*) FROM readings GROUP BY device_id ORDER BY device_id;
