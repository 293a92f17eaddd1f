// Admin member list: ordered by registration time, filtered by status.
CREATE INDEX member_registered_at IF NOT EXISTS
FOR (m:Member) ON (m.registeredAt);

CREATE INDEX member_status IF NOT EXISTS
FOR (m:Member) ON (m.status);
