// Money projection (DESIGN §7): one wallet per member, one node per transfer id, transfers by payer and payee.
CREATE CONSTRAINT wallet_member_unique IF NOT EXISTS
FOR (w:Wallet) REQUIRE w.memberId IS UNIQUE;

CREATE CONSTRAINT transfer_id_unique IF NOT EXISTS
FOR (t:Transfer) REQUIRE t.transferId IS UNIQUE;

CREATE INDEX transfer_from IF NOT EXISTS
FOR (t:Transfer) ON (t.fromMemberId);

CREATE INDEX transfer_to IF NOT EXISTS
FOR (t:Transfer) ON (t.toMemberId);
