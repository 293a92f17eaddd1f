// A cycle's entries by chunk (the runner), a member's entries (my rewards, balances), held entries (admin).
CREATE INDEX reward_entry_cycle_chunk IF NOT EXISTS
FOR (e:RewardEntry) ON (e.cycleId, e.chunk);

CREATE INDEX reward_entry_member IF NOT EXISTS
FOR (e:RewardEntry) ON (e.memberId);

CREATE INDEX reward_entry_status IF NOT EXISTS
FOR (e:RewardEntry) ON (e.status);
