package org.poxledger.contract.model;

/**
 * The value of the current-policy key.
 *
 * @param version the latest published version
 */
public record PolicyPointer(int version) {}
