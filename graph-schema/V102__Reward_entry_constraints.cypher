// One reward entry per (cycle, member), keyed "cycleId/memberId" (composite node keys need Enterprise Edition).
CREATE CONSTRAINT reward_entry_key_unique IF NOT EXISTS
FOR (e:RewardEntry) REQUIRE e.entryKey IS UNIQUE;

CREATE CONSTRAINT reward_chunk_key_unique IF NOT EXISTS
FOR (k:RewardChunk) REQUIRE k.chunkKey IS UNIQUE;
