// "My invitations": an inviter's invitations, newest first.
CREATE INDEX invitation_inviter IF NOT EXISTS
FOR (i:Invitation) ON (i.inviterId, i.createdAt);
