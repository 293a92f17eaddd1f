// The chaincode-event listener's checkpoint (DESIGN §10): one node.
CREATE CONSTRAINT projection_checkpoint_id_unique IF NOT EXISTS
FOR (c:ProjectionCheckpoint) REQUIRE c.id IS UNIQUE;
