-- Timers (written by projections from events, fired by the TimerRunner).
CREATE TABLE timers (
  id         text PRIMARY KEY,
  kind       text NOT NULL,
  target_id  text NOT NULL,
  due_at     timestamptz NOT NULL
);
CREATE INDEX timers_due ON timers (due_at);

-- Read model of shift postings.
CREATE TABLE shift_postings (
  id                    uuid PRIMARY KEY,
  retailer_id           uuid NOT NULL,
  site_id               uuid NOT NULL,
  site_time_zone        text NOT NULL,
  role                  text NOT NULL,
  title                 text NOT NULL,
  description           text,
  starts_at             timestamptz NOT NULL,
  ends_at               timestamptz NOT NULL,
  unpaid_break_minutes  integer NOT NULL,
  slots                 integer NOT NULL,
  slots_filled          integer NOT NULL DEFAULT 0,
  hourly_rate           numeric(14, 2) NOT NULL,
  currency              text NOT NULL,
  requires_green_code   boolean NOT NULL,
  status                text NOT NULL,
  created_at            timestamptz NOT NULL
);
CREATE INDEX shift_postings_retailer ON shift_postings (retailer_id, created_at, id);
CREATE INDEX shift_postings_open ON shift_postings (status, starts_at) WHERE status = 'OPEN';

-- Read model of placements: one worker on one posting.
CREATE TABLE placements (
  id                  uuid PRIMARY KEY,
  shift_id            uuid NOT NULL,
  worker_id           uuid NOT NULL,
  lender_id           uuid NOT NULL,
  retailer_id         uuid NOT NULL,
  site_id             uuid NOT NULL,
  status              text NOT NULL,
  starts_at           timestamptz NOT NULL,
  ends_at             timestamptz NOT NULL,
  hourly_rate         numeric(14, 2) NOT NULL,
  currency            text NOT NULL,
  invited_at          timestamptz,
  confirmed_at        timestamptz,
  check_in_at         timestamptz,
  check_out_at        timestamptz,
  worked_minutes      integer,
  approved_minutes    integer,
  cancelled_by        text,
  cancellation_reason text,
  cancelled_at        timestamptz,
  cancellation_late   boolean,
  cancellation_fee    numeric(14, 2),
  policy_number       text,
  coverage            numeric(14, 2),
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL
);
CREATE INDEX placements_shift ON placements (shift_id, created_at, id);
CREATE INDEX placements_worker ON placements (worker_id, created_at, id);
CREATE INDEX placements_lender ON placements (lender_id, created_at, id);
CREATE INDEX placements_retailer ON placements (retailer_id, created_at, id);
