// Invitations (DESIGN §4): codes are unique, and at most one invitation per account is open at a time
// (openAccount is set while the invitation is open and removed when it is accepted or found expired).
CREATE CONSTRAINT invitation_code_unique IF NOT EXISTS
FOR (i:Invitation) REQUIRE i.code IS UNIQUE;

CREATE CONSTRAINT invitation_open_account_unique IF NOT EXISTS
FOR (i:Invitation) REQUIRE i.openAccount IS UNIQUE;
