// Reward cycles (DESIGN §6): one node per cycle id; the sequence number is unique too, so two instances closing a
// cycle at the same moment cannot both create the next one.
CREATE CONSTRAINT reward_cycle_id_unique IF NOT EXISTS
FOR (c:RewardCycle) REQUIRE c.cycleId IS UNIQUE;

CREATE CONSTRAINT reward_cycle_seq_unique IF NOT EXISTS
FOR (c:RewardCycle) REQUIRE c.seq IS UNIQUE;
