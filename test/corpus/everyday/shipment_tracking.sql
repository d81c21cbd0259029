-- Parcel logistics tracker: shipments, carriers, tracking events with a status timeline,
-- delivery-time SLAs per service level and depot throughput reports.

CREATE TABLE carriers (
  code varchar(8) PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE depots (
  id integer PRIMARY KEY,
  city text NOT NULL,
  country char(2) NOT NULL
);

CREATE TABLE shipments (
  id bigserial PRIMARY KEY,
  tracking_no varchar(24) NOT NULL UNIQUE,
  carrier_code varchar(8) NOT NULL REFERENCES carriers (code),
  service varchar(12) NOT NULL CHECK (service IN ('standard', 'express', 'overnight')),
  origin_depot integer NOT NULL REFERENCES depots (id),
  dest_depot integer NOT NULL REFERENCES depots (id),
  weight_kg numeric(7,2) NOT NULL CHECK (weight_kg > 0),
  dimensions_cm integer[] NOT NULL,
  status varchar(16) NOT NULL DEFAULT 'label_created',
  shipped_at timestamp,
  delivered_at timestamp
);

CREATE TABLE tracking_events (
  id bigserial PRIMARY KEY,
  shipment_id bigint NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
  depot_id integer REFERENCES depots (id),
  code varchar(24) NOT NULL,
  details jsonb,
  occurred_at timestamp NOT NULL,
  received_at timestamp NOT NULL DEFAULT now()
);

CREATE INDEX tracking_events_shipment_idx ON tracking_events (shipment_id, occurred_at);

INSERT INTO carriers VALUES ('dhx', 'DHX Freight'), ('ups2', 'Parcel Express'), ('pst', 'National Post');
INSERT INTO depots VALUES (1, 'rotterdam', 'NL'), (2, 'antwerp', 'BE'), (3, 'cologne', 'DE'), (4, 'lyon', 'FR');

INSERT INTO shipments (tracking_no, carrier_code, service, origin_depot, dest_depot, weight_kg, dimensions_cm, status, shipped_at, delivered_at) VALUES
  ('DHX100001', 'dhx', 'express', 1, 3, 2.50, '{30,20,10}', 'delivered', '2024-05-06 08:00', '2024-05-07 14:30'),
  ('DHX100002', 'dhx', 'standard', 1, 4, 12.00, '{60,40,40}', 'in_transit', '2024-05-06 09:00', NULL),
  ('UPS200001', 'ups2', 'overnight', 2, 3, 0.80, '{25,15,5}', 'delivered', '2024-05-06 17:00', '2024-05-07 09:45'),
  ('UPS200002', 'ups2', 'standard', 2, 1, 5.25, '{40,30,20}', 'exception', '2024-05-07 10:00', NULL),
  ('PST300001', 'pst', 'standard', 3, 4, 1.10, '{20,20,20}', 'delivered', '2024-05-03 12:00', '2024-05-09 11:00'),
  ('PST300002', 'pst', 'express', 4, 2, 3.00, '{35,25,15}', 'label_created', NULL, NULL);

INSERT INTO tracking_events (shipment_id, depot_id, code, details, occurred_at) VALUES
  (1, 1, 'picked_up', '{"scan": "handheld"}', '2024-05-06 08:00'),
  (1, 3, 'arrived', NULL, '2024-05-07 06:10'),
  (1, 3, 'out_for_delivery', '{"driver": "k. weber"}', '2024-05-07 08:00'),
  (1, NULL, 'delivered', '{"signed_by": "reception", "photo": true}', '2024-05-07 14:30'),
  (2, 1, 'picked_up', NULL, '2024-05-06 09:00'),
  (2, 2, 'arrived', NULL, '2024-05-07 02:00'),
  (2, 2, 'departed', NULL, '2024-05-07 20:00'),
  (3, 2, 'picked_up', NULL, '2024-05-06 17:00'),
  (3, 3, 'delivered', '{"signed_by": "m. vogel"}', '2024-05-07 09:45'),
  (4, 2, 'picked_up', NULL, '2024-05-07 10:00'),
  (4, 2, 'exception', '{"reason": "address_unknown", "retry": 1}', '2024-05-08 09:00'),
  (5, 3, 'picked_up', NULL, '2024-05-03 12:00'),
  (5, 4, 'arrived', NULL, '2024-05-08 07:00'),
  (5, NULL, 'delivered', '{"signed_by": "neighbour", "photo": false}', '2024-05-09 11:00');

-- Public tracking page: shipment header and timeline
SELECT s.tracking_no, c.name AS carrier, s.service, o.city AS origin, d.city AS destination, s.status
FROM shipments s JOIN carriers c ON c.code = s.carrier_code
JOIN depots o ON o.id = s.origin_depot JOIN depots d ON d.id = s.dest_depot
WHERE s.tracking_no = upper('dhx100001');

SELECT e.occurred_at, e.code, coalesce(dp.city, 'customer address') AS location, e.details->>'signed_by' AS signed_by
FROM tracking_events e JOIN shipments s ON s.id = e.shipment_id LEFT JOIN depots dp ON dp.id = e.depot_id
WHERE s.tracking_no = 'DHX100001' ORDER BY e.occurred_at, e.id;

-- Last known event per shipment
SELECT s.tracking_no, last.code, last.occurred_at
FROM shipments s
LEFT JOIN LATERAL (SELECT code, occurred_at FROM tracking_events e WHERE e.shipment_id = s.id ORDER BY occurred_at DESC, id DESC LIMIT 1) last ON true
ORDER BY s.id;

-- Transit times against the SLA of each service level
SELECT tracking_no, service, delivered_at - shipped_at AS transit,
       round(extract(epoch FROM delivered_at - shipped_at) / 3600, 1) AS hours,
       CASE service WHEN 'overnight' THEN INTERVAL '18 hours' WHEN 'express' THEN INTERVAL '2 days' ELSE INTERVAL '5 days' END AS sla,
       delivered_at - shipped_at <= CASE service WHEN 'overnight' THEN INTERVAL '18 hours' WHEN 'express' THEN INTERVAL '2 days' ELSE INTERVAL '5 days' END AS on_time
FROM shipments WHERE delivered_at IS NOT NULL ORDER BY id;

-- Overdue shipments still in the network as of a fixed time
SELECT tracking_no, service, shipped_at, TIMESTAMP '2024-05-12 12:00' - shipped_at AS age
FROM shipments
WHERE delivered_at IS NULL AND shipped_at IS NOT NULL
  AND shipped_at + CASE service WHEN 'overnight' THEN INTERVAL '18 hours' WHEN 'express' THEN INTERVAL '2 days' ELSE INTERVAL '5 days' END < TIMESTAMP '2024-05-12 12:00'
ORDER BY shipped_at, id;

-- Volumetric weight from the dimensions array; billed weight is the larger one
SELECT tracking_no, dimensions_cm[1] * dimensions_cm[2] * dimensions_cm[3] AS volume_cm3,
       round((dimensions_cm[1] * dimensions_cm[2] * dimensions_cm[3]) / 5000.0, 2) AS volumetric_kg,
       greatest(weight_kg, round((dimensions_cm[1] * dimensions_cm[2] * dimensions_cm[3]) / 5000.0, 2)) AS billed_kg
FROM shipments ORDER BY id;

SELECT tracking_no FROM shipments WHERE 60 = ANY (dimensions_cm) OR array_length(dimensions_cm, 1) <> 3 ORDER BY tracking_no;

-- Carrier performance
SELECT c.code, count(s.id) AS shipments,
       count(s.delivered_at) AS delivered,
       count(*) FILTER (WHERE s.status = 'exception') AS exceptions,
       avg(s.delivered_at - s.shipped_at) AS avg_transit
FROM carriers c LEFT JOIN shipments s ON s.carrier_code = c.code
GROUP BY c.code ORDER BY c.code;

-- Depot throughput per day (scans handled)
SELECT dp.city, e.occurred_at::date AS day, count(*) AS scans
FROM tracking_events e JOIN depots dp ON dp.id = e.depot_id
GROUP BY dp.city, e.occurred_at::date ORDER BY day, dp.city;

-- Lanes: origin-destination pairs
SELECT o.country || '-' || d.country AS lane, count(*) AS shipments, sum(s.weight_kg) AS kg
FROM shipments s JOIN depots o ON o.id = s.origin_depot JOIN depots d ON d.id = s.dest_depot
GROUP BY o.country, d.country ORDER BY lane;

-- Delivery proof details from JSONB
SELECT s.tracking_no, e.details->>'signed_by' AS signed_by, coalesce((e.details->>'photo')::boolean, false) AS has_photo
FROM tracking_events e JOIN shipments s ON s.id = e.shipment_id
WHERE e.code = 'delivered' ORDER BY s.id;

SELECT shipment_id, details FROM tracking_events WHERE details @> '{"reason": "address_unknown"}' ORDER BY id;

-- Recording a scan: event and status change together
BEGIN;
INSERT INTO tracking_events (shipment_id, depot_id, code, occurred_at) VALUES (2, 4, 'arrived', '2024-05-08 05:30') RETURNING id, code;
UPDATE shipments SET status = 'at_destination' WHERE id = 2 RETURNING tracking_no, status;
COMMIT;

-- Exception retry counter in the event details
UPDATE tracking_events SET details = jsonb_set(details, '{retry}', to_jsonb((details->>'retry')::int + 1))
WHERE shipment_id = 4 AND code = 'exception' RETURNING details;

-- Delivery attempt: deliver a shipment and stamp the time from the event
WITH ev AS (
  INSERT INTO tracking_events (shipment_id, depot_id, code, details, occurred_at)
  VALUES (2, NULL, 'delivered', jsonb_build_object('signed_by', 'front desk', 'photo', true), '2024-05-08 15:20')
  RETURNING shipment_id, occurred_at
)
UPDATE shipments s SET status = 'delivered', delivered_at = ev.occurred_at FROM ev WHERE s.id = ev.shipment_id
RETURNING s.tracking_no, s.status, s.delivered_at;

-- Shipments that never got a pickup scan
SELECT s.tracking_no FROM shipments s
WHERE NOT EXISTS (SELECT 1 FROM tracking_events e WHERE e.shipment_id = s.id AND e.code = 'picked_up')
ORDER BY s.tracking_no;

-- Event sequence per shipment as one string
SELECT s.tracking_no, string_agg(e.code, ' > ' ORDER BY e.occurred_at, e.id) AS path
FROM shipments s JOIN tracking_events e ON e.shipment_id = s.id
GROUP BY s.id, s.tracking_no ORDER BY s.id;

-- Dwell time at each depot between arrival and next scan
SELECT s.tracking_no, dp.city, e.occurred_at AS arrived,
       lead(e.occurred_at) OVER (PARTITION BY e.shipment_id ORDER BY e.occurred_at, e.id) - e.occurred_at AS dwell
FROM tracking_events e JOIN shipments s ON s.id = e.shipment_id LEFT JOIN depots dp ON dp.id = e.depot_id
WHERE s.id IN (1, 2)
ORDER BY s.id, e.occurred_at, e.id;

-- Search by partial tracking number, case-insensitively
SELECT tracking_no, status FROM shipments WHERE tracking_no ILIKE 'ups%' ORDER BY tracking_no;
SELECT tracking_no FROM shipments WHERE tracking_no LIKE '%0002' ORDER BY tracking_no;

-- Weekly report with to_char week labels
SELECT to_char(shipped_at, 'IYYY-"W"IW') AS week, count(*) AS shipped, sum(weight_kg) AS kg
FROM shipments WHERE shipped_at IS NOT NULL GROUP BY 1 ORDER BY 1;

-- Invalid input
INSERT INTO shipments (tracking_no, carrier_code, service, origin_depot, dest_depot, weight_kg, dimensions_cm) VALUES ('X1', 'fedx', 'standard', 1, 2, 1, '{1,1,1}');
INSERT INTO shipments (tracking_no, carrier_code, service, origin_depot, dest_depot, weight_kg, dimensions_cm) VALUES ('X2', 'dhx', 'same_day', 1, 2, 1, '{1,1,1}');
INSERT INTO shipments (tracking_no, carrier_code, service, origin_depot, dest_depot, weight_kg, dimensions_cm) VALUES ('X3', 'dhx', 'standard', 1, 2, 0, '{1,1,1}');
INSERT INTO shipments (tracking_no, carrier_code, service, origin_depot, dest_depot, weight_kg, dimensions_cm) VALUES ('DHX100001', 'dhx', 'standard', 1, 2, 1, '{1,1,1}');
INSERT INTO shipments (tracking_no, carrier_code, service, origin_depot, dest_depot, weight_kg, dimensions_cm) VALUES ('X4', 'dhx', 'standard', 1, 2, 1, '{1,one,1}');

-- Cancelling labels that were never shipped
DELETE FROM shipments WHERE status = 'label_created' AND shipped_at IS NULL RETURNING tracking_no;
SELECT status, count(*) FROM shipments GROUP BY status ORDER BY status;
