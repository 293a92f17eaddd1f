// A member's score, rate and level policy version follow from its counters and the current policy, and are derived
// on read (LevelService); the projections and the recompute no longer store them, so the copies written before are
// dropped rather than left to go stale. The member keeps its counters and the level last recorded (a change of level
// is detected against it). In batches, so a large graph is not one transaction.
MATCH (m:Member)
WHERE m.scoreBps IS NOT NULL OR m.rateBps IS NOT NULL OR m.levelPolicyVersion IS NOT NULL
CALL (m) {
    REMOVE m.scoreBps, m.rateBps, m.levelPolicyVersion
} IN TRANSACTIONS OF 10000 ROWS;
