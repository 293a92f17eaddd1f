// NetPay wallets (docs/netpay-wallet-and-minipay.md): which payee each accepted index range of a wallet channel
// belongs to, so a settlement splits the redeemed amount between payees. A channel's segments are contiguous
// (fromIndex, toIndex] ranges; the next payment looks up the segment ending at the accepted index.
CREATE INDEX wallet_segment_end IF NOT EXISTS
FOR (s:WalletSegment) ON (s.channelId, s.toIndex);

// Mini-Pay daily spending certificates the broker issued: one per channel and UTC day ("<channelId>:<day>").
CREATE CONSTRAINT spending_certificate_id_unique IF NOT EXISTS
FOR (s:SpendingCertificate) REQUIRE s.certificateId IS UNIQUE;

CREATE INDEX spending_certificate_channel IF NOT EXISTS
FOR (s:SpendingCertificate) ON (s.channelId);
