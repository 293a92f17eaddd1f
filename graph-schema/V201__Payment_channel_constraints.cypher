// Micropayment channels the broker knows (DESIGN §8): one node per channel, holding the highest accepted payword;
// the ledger's channel record stays the truth for what was redeemed.
CREATE CONSTRAINT payment_channel_id_unique IF NOT EXISTS
FOR (c:PaymentChannel) REQUIRE c.channelId IS UNIQUE;

CREATE INDEX payment_channel_status IF NOT EXISTS
FOR (c:PaymentChannel) ON (c.status);

// The money a channel transaction moved, projected from the ledger's channel events into the wallets.
CREATE CONSTRAINT channel_entry_id_unique IF NOT EXISTS
FOR (e:ChannelEntry) REQUIRE e.entryId IS UNIQUE;

CREATE INDEX channel_entry_payer IF NOT EXISTS
FOR (e:ChannelEntry) ON (e.payerId);

CREATE INDEX channel_entry_payee IF NOT EXISTS
FOR (e:ChannelEntry) ON (e.payeeId);
