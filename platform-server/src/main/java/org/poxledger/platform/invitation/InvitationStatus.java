package org.poxledger.platform.invitation;

/** OPEN until accepted; EXPIRED is derived from the expiry time, never stored. */
public enum InvitationStatus {
    OPEN,
    ACCEPTED,
    EXPIRED
}
