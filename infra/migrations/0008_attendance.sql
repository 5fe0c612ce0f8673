-- Attendance and timesheets on the placements read model.
ALTER TABLE placements
  ADD COLUMN cancelled_from_status text,
  ADD COLUMN business_date         text,
  ADD COLUMN adjustment_reason     text,
  ADD COLUMN wage                  jsonb,
  ADD COLUMN settlement_id         uuid,
  ADD COLUMN rating_stars          integer,
  ADD COLUMN rating_comment        text;

-- Close contacts: who was checked in at a site when.
CREATE INDEX placements_site_attendance ON placements (site_id, check_in_at) WHERE check_in_at IS NOT NULL;
