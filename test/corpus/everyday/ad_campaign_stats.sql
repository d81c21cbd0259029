-- Ad campaign analytics: advertisers, campaigns with budgets and targeting, daily delivery
-- stats and conversions; CTR/CPC/ROAS reporting, pacing and budget alerts for a marketing dashboard.

CREATE TABLE advertisers (
  id serial PRIMARY KEY,
  name text NOT NULL,
  currency char(3) NOT NULL DEFAULT 'USD'
);

CREATE TABLE campaigns (
  id serial PRIMARY KEY,
  advertiser_id integer NOT NULL REFERENCES advertisers (id),
  name text NOT NULL,
  channel varchar(10) NOT NULL CHECK (channel IN ('search', 'social', 'display', 'video')),
  daily_budget numeric(10,2) NOT NULL CHECK (daily_budget > 0),
  starts_on date NOT NULL,
  ends_on date,
  targeting jsonb NOT NULL DEFAULT '{}',
  paused boolean NOT NULL DEFAULT false,
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

CREATE TABLE daily_stats (
  campaign_id integer NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  day date NOT NULL,
  impressions bigint NOT NULL DEFAULT 0,
  clicks integer NOT NULL DEFAULT 0,
  spend numeric(12,2) NOT NULL DEFAULT 0,
  conversions integer NOT NULL DEFAULT 0,
  revenue numeric(12,2) NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, day),
  CHECK (clicks <= impressions)
);

INSERT INTO advertisers (name, currency) VALUES ('brightshoes', 'USD'), ('cafe nova', 'EUR'), ('zeta bank', 'USD');

INSERT INTO campaigns (advertiser_id, name, channel, daily_budget, starts_on, ends_on, targeting) VALUES
  (1, 'spring sale search', 'search', 200.00, '2024-03-01', '2024-03-31', '{"geo": ["US", "CA"], "keywords": ["running shoes", "sneakers"]}'),
  (1, 'spring sale social', 'social', 150.00, '2024-03-01', NULL, '{"geo": ["US"], "age": {"min": 18, "max": 34}}'),
  (2, 'new menu display', 'display', 50.00, '2024-03-03', '2024-03-10', '{"geo": ["DE", "AT"]}'),
  (3, 'mortgage video', 'video', 500.00, '2024-03-01', NULL, '{"geo": ["US"], "age": {"min": 30}}'),
  (3, 'brand search', 'search', 80.00, '2024-03-05', NULL, '{}');

INSERT INTO daily_stats (campaign_id, day, impressions, clicks, spend, conversions, revenue) VALUES
  (1, '2024-03-01', 12000, 360, 185.40, 12, 1140.00),
  (1, '2024-03-02', 13500, 402, 199.99, 15, 1425.50),
  (1, '2024-03-03', 11000, 290, 160.10, 9, 810.00),
  (2, '2024-03-01', 50000, 250, 149.00, 3, 240.00),
  (2, '2024-03-02', 62000, 310, 162.30, 5, 410.00),
  (2, '2024-03-03', 0, 0, 0.00, 0, 0.00),
  (3, '2024-03-03', 8000, 40, 21.00, 0, 0.00),
  (3, '2024-03-04', 9100, 52, 24.80, 2, 31.00),
  (4, '2024-03-01', 30000, 150, 480.00, 1, 2500.00),
  (4, '2024-03-02', 28000, 120, 510.25, 0, 0.00),
  (4, '2024-03-03', 31000, 170, 495.75, 2, 5200.00);

-- Campaign performance table with safe division
SELECT c.id, c.name, sum(s.impressions) AS impressions, sum(s.clicks) AS clicks,
       round(100.0 * sum(s.clicks) / nullif(sum(s.impressions), 0), 2) AS ctr_pct,
       round(sum(s.spend) / nullif(sum(s.clicks), 0), 2) AS cpc,
       round(sum(s.spend) * 1000 / nullif(sum(s.impressions), 0), 2) AS cpm,
       round(sum(s.revenue) / nullif(sum(s.spend), 0), 2) AS roas
FROM campaigns c LEFT JOIN daily_stats s ON s.campaign_id = c.id
GROUP BY c.id, c.name ORDER BY c.id;

-- Daily CTR with NULL for days without impressions
SELECT campaign_id, day, impressions, clicks,
       CASE WHEN impressions = 0 THEN NULL ELSE round(clicks::numeric / impressions, 4) END AS ctr
FROM daily_stats WHERE campaign_id = 2 ORDER BY day;

-- Cost per acquisition, campaigns without conversions last
SELECT c.name, sum(s.conversions) AS conversions, round(sum(s.spend) / nullif(sum(s.conversions), 0), 2) AS cpa
FROM campaigns c JOIN daily_stats s ON s.campaign_id = c.id
GROUP BY c.id, c.name ORDER BY cpa ASC NULLS LAST, c.id;

-- Budget pacing: spend vs. budget per day, overspend flagged
SELECT s.campaign_id, s.day, s.spend, c.daily_budget,
       round(100 * s.spend / c.daily_budget, 1) AS pacing_pct,
       s.spend > c.daily_budget AS overspent
FROM daily_stats s JOIN campaigns c ON c.id = s.campaign_id
WHERE s.spend > 0.9 * c.daily_budget
ORDER BY s.campaign_id, s.day;

-- Advertiser roll-up with channel mix
SELECT a.name,
       sum(s.spend) AS spend,
       sum(s.spend) FILTER (WHERE c.channel = 'search') AS search_spend,
       sum(s.spend) FILTER (WHERE c.channel IN ('social', 'display', 'video')) AS other_spend,
       count(DISTINCT c.id) AS campaigns
FROM advertisers a
JOIN campaigns c ON c.advertiser_id = a.id
LEFT JOIN daily_stats s ON s.campaign_id = c.id
GROUP BY a.id, a.name ORDER BY a.id;

-- Share of total spend per campaign (window over an aggregate)
SELECT campaign_id, sum(spend) AS spend,
       round(100 * sum(spend) / sum(sum(spend)) OVER (), 2) AS share_pct,
       rank() OVER (ORDER BY sum(spend) DESC) AS spend_rank
FROM daily_stats GROUP BY campaign_id ORDER BY spend_rank, campaign_id;

-- Running spend and day-over-day change
SELECT campaign_id, day, spend,
       sum(spend) OVER (PARTITION BY campaign_id ORDER BY day) AS cumulative,
       spend - lag(spend, 1, 0::numeric) OVER (PARTITION BY campaign_id ORDER BY day) AS change
FROM daily_stats WHERE campaign_id IN (1, 4) ORDER BY campaign_id, day;

-- Targeting filters from JSONB
SELECT id, name FROM campaigns WHERE targeting->'geo' ? 'US' ORDER BY id;
SELECT id, name, (targeting->'age'->>'min')::int AS min_age, coalesce((targeting->'age'->>'max')::int, 99) AS max_age
FROM campaigns WHERE targeting ? 'age' ORDER BY id;
SELECT id, jsonb_array_elements_text(targeting->'keywords') AS keyword FROM campaigns WHERE id = 1 ORDER BY keyword;
SELECT id FROM campaigns WHERE targeting = '{}'::jsonb ORDER BY id;

-- Active campaigns on a date
SELECT id, name, starts_on, ends_on FROM campaigns
WHERE NOT paused AND DATE '2024-03-08' BETWEEN starts_on AND coalesce(ends_on, 'infinity'::date)
ORDER BY id;

-- Campaigns with no delivery at all
SELECT c.id, c.name FROM campaigns c LEFT JOIN daily_stats s ON s.campaign_id = c.id
WHERE s.campaign_id IS NULL ORDER BY c.id;

-- Ingest late stats: upsert adds to existing counters
INSERT INTO daily_stats AS d (campaign_id, day, impressions, clicks, spend, conversions, revenue)
VALUES (1, '2024-03-03', 500, 12, 6.50, 1, 95.00), (5, '2024-03-05', 4000, 220, 79.00, 6, 600.00)
ON CONFLICT (campaign_id, day) DO UPDATE SET
  impressions = d.impressions + EXCLUDED.impressions,
  clicks = d.clicks + EXCLUDED.clicks,
  spend = d.spend + EXCLUDED.spend,
  conversions = d.conversions + EXCLUDED.conversions,
  revenue = d.revenue + EXCLUDED.revenue
RETURNING campaign_id, day, impressions, clicks, spend;

-- Invalid stats and campaigns
INSERT INTO daily_stats (campaign_id, day, impressions, clicks) VALUES (3, '2024-03-05', 10, 20);
INSERT INTO campaigns (advertiser_id, name, channel, daily_budget, starts_on, ends_on) VALUES (1, 'bad dates', 'search', 10, '2024-04-10', '2024-04-01');
INSERT INTO campaigns (advertiser_id, name, channel, daily_budget, starts_on) VALUES (1, 'tv spot', 'tv', 10, '2024-04-01');
INSERT INTO campaigns (advertiser_id, name, channel, daily_budget, starts_on) VALUES (1, 'free', 'search', 0, '2024-04-01');
SELECT sum(clicks) / sum(impressions - impressions) FROM daily_stats;

-- Pause campaigns that overspent their budget, and report them
WITH offenders AS (
  SELECT s.campaign_id FROM daily_stats s JOIN campaigns c ON c.id = s.campaign_id
  WHERE s.spend > c.daily_budget GROUP BY s.campaign_id HAVING count(*) >= 1
), paused AS (
  UPDATE campaigns SET paused = true WHERE id IN (SELECT campaign_id FROM offenders) RETURNING id, name
)
SELECT id, name FROM paused ORDER BY id;

-- Week-level report by ISO week and channel
SELECT extract(isoyear FROM s.day)::int AS year, extract(week FROM s.day)::int AS week, c.channel,
       sum(s.clicks) AS clicks, sum(s.spend) AS spend
FROM daily_stats s JOIN campaigns c ON c.id = s.campaign_id
GROUP BY 1, 2, c.channel ORDER BY 1, 2, c.channel;

-- Day-of-week performance
SELECT to_char(day, 'Dy') AS dow, extract(isodow FROM day) AS n, sum(clicks) AS clicks
FROM daily_stats GROUP BY 1, 2 ORDER BY n;

-- Export rows formatted for a CSV download
SELECT c.name || ',' || to_char(s.day, 'YYYY-MM-DD') || ',' || s.clicks || ',' || to_char(s.spend, 'FM999990.00') AS csv_line
FROM daily_stats s JOIN campaigns c ON c.id = s.campaign_id
WHERE c.advertiser_id = 2 ORDER BY s.day;

-- Top campaign by ROAS per advertiser
SELECT DISTINCT ON (c.advertiser_id) c.advertiser_id, c.name, round(sum(s.revenue) / nullif(sum(s.spend), 0), 2) AS roas
FROM campaigns c JOIN daily_stats s ON s.campaign_id = c.id
GROUP BY c.advertiser_id, c.id, c.name
ORDER BY c.advertiser_id, roas DESC NULLS LAST, c.id;

-- Raise budgets by 10% for well-performing search campaigns, rounding to whole currency units
UPDATE campaigns c SET daily_budget = round(daily_budget * 1.10)
WHERE channel = 'search' AND (SELECT sum(revenue) / nullif(sum(spend), 0) FROM daily_stats s WHERE s.campaign_id = c.id) > 4
RETURNING id, daily_budget;

-- Retargeting update inside a transaction with a savepoint
BEGIN;
UPDATE campaigns SET targeting = targeting || '{"retargeting": true}' WHERE id = 2;
SAVEPOINT before_geo;
UPDATE campaigns SET targeting = jsonb_set(targeting, '{geo}', '"US"') WHERE id = 2;
ROLLBACK TO SAVEPOINT before_geo;
COMMIT;
SELECT targeting FROM campaigns WHERE id = 2;

-- Ended campaigns are archived by deleting their stats first
DELETE FROM daily_stats WHERE campaign_id IN (SELECT id FROM campaigns WHERE ends_on < DATE '2024-03-15');
SELECT campaign_id, count(*) FROM daily_stats GROUP BY campaign_id ORDER BY campaign_id;
