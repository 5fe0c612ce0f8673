-- Read models of workers, their health facts and lending offers (projection of the worker streams).
CREATE TABLE workers (
  id                  uuid PRIMARY KEY,
  employer_id         uuid NOT NULL,
  full_name           text NOT NULL,
  skills              text[] NOT NULL,
  home_lat            double precision NOT NULL,
  home_lng            double precision NOT NULL,
  max_hours_per_week  integer NOT NULL,
  employer_time_zone  text NOT NULL,
  -- claimWorkerProfile receives only the code: the profile is found by the code's sha256.
  claim_code_hash     text NOT NULL,
  -- The user who claimed the profile; the claimant stream keeps it to one profile per user.
  user_id             uuid,
  created_at          timestamptz NOT NULL
);
CREATE INDEX workers_employer ON workers (employer_id, created_at, id);
CREATE INDEX workers_claim_code ON workers (claim_code_hash);
CREATE INDEX workers_user ON workers (user_id) WHERE user_id IS NOT NULL;

-- The facts the health code is computed from at read time (the code changes with the date).
CREATE TABLE worker_health_facts (
  worker_id      uuid NOT NULL,
  revision       bigint NOT NULL,  -- in the worker's stream: facts are read in stream order
  kind           text NOT NULL CHECK (kind IN ('DECLARATION', 'ATTESTATION', 'SCREENING')),
  at             timestamptz NOT NULL,
  declared_date  text,             -- DECLARATION: "YYYY-MM-DD" in the employer's time zone
  clean          boolean,          -- DECLARATION
  code           text,             -- ATTESTATION
  valid_until    timestamptz,      -- ATTESTATION: validUntil; SCREENING: red until
  PRIMARY KEY (worker_id, revision)
);

CREATE TABLE lending_offers (
  id               uuid PRIMARY KEY,
  worker_id        uuid NOT NULL,
  available_from   timestamptz NOT NULL,
  available_until  timestamptz NOT NULL,
  roles            text[] NOT NULL,
  min_hourly_rate  numeric(14, 2) NOT NULL,
  max_travel_km    double precision NOT NULL,
  auto_approve     boolean NOT NULL,
  offered_at       timestamptz NOT NULL,
  withdrawn_at     timestamptz
);
CREATE INDEX lending_offers_worker ON lending_offers (worker_id, offered_at, id);
