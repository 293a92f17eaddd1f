package org.poxledger.contract.model;

import java.util.List;

/**
 * One page of a paged query.
 *
 * @param bookmark pass it back for the next page; {@code ""} when there are no more
 * @param items this page, in key order
 * @param <T> item type
 */
public record Page<T>(String bookmark, List<T> items) {}
