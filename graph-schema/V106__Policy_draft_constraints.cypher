// The single reward-policy draft admins edit before publishing (DESIGN §6): one node.
CREATE CONSTRAINT policy_draft_id_unique IF NOT EXISTS
FOR (d:PolicyDraft) REQUIRE d.id IS UNIQUE;
