package org.poxledger.platform.web;

import java.util.List;

/**
 * One page of a list answer.
 *
 * @param items the page's items
 * @param page 0-based page number
 * @param size requested page size
 * @param total number of items on all pages
 * @param <T> item type
 */
public record PageOf<T>(List<T> items, int page, int size, long total) {

    public PageOf {
        items = List.copyOf(items);
    }

    /** Page sizes every list endpoint accepts. */
    public static final int MAX_SIZE = 100;
}
