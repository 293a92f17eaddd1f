// A member's channels, as payer or as payee, for the portal's channel list.
CREATE INDEX payment_channel_payer IF NOT EXISTS
FOR (c:PaymentChannel) ON (c.payerId);

CREATE INDEX payment_channel_payee IF NOT EXISTS
FOR (c:PaymentChannel) ON (c.payeeId);
