// A channel's history is read from its projected entries, by channel (ChannelHistory).
CREATE INDEX channel_entry_channel IF NOT EXISTS
FOR (e:ChannelEntry) ON (e.channelId);
