// Level history of a member, newest first.
CREATE INDEX level_change_member IF NOT EXISTS
FOR (c:LevelChange) ON (c.memberId, c.changedAt);
