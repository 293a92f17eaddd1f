// Members of the referral graph (DESIGN §3, §4): the ledger's member id and account hash are unique,
// and so is the clear-text account that only Neo4j keeps.
CREATE CONSTRAINT member_id_unique IF NOT EXISTS
FOR (m:Member) REQUIRE m.memberId IS UNIQUE;

CREATE CONSTRAINT member_account_hash_unique IF NOT EXISTS
FOR (m:Member) REQUIRE m.accountHash IS UNIQUE;

CREATE CONSTRAINT member_account_unique IF NOT EXISTS
FOR (m:Member) REQUIRE m.account IS UNIQUE;
