// Log-in accounts (DESIGN §9): one account per username, at most one account per member.
CREATE CONSTRAINT user_account_username_unique IF NOT EXISTS
FOR (u:UserAccount) REQUIRE u.username IS UNIQUE;

CREATE CONSTRAINT user_account_member_id_unique IF NOT EXISTS
FOR (u:UserAccount) REQUIRE u.memberId IS UNIQUE;
