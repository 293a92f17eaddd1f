// First-admin setup (DESIGN §9): one-time tokens are stored only as hashes, each once; the single
// PlatformSetup node serialises concurrent setup requests.
CREATE CONSTRAINT setup_token_hash_unique IF NOT EXISTS
FOR (t:SetupToken) REQUIRE t.tokenHash IS UNIQUE;

CREATE CONSTRAINT platform_setup_id_unique IF NOT EXISTS
FOR (s:PlatformSetup) REQUIRE s.id IS UNIQUE;
