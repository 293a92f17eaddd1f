package org.poxledger.platform.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The query parameters of every list endpoint, answered with a {@link PageOf}: take it as
 * {@code @ParameterObject @Valid PageRequest paging}.
 *
 * @param page 0-based page, default 0
 * @param size page size, 1..{@link PageOf#MAX_SIZE}, default {@value #DEFAULT_SIZE}
 */
public record PageRequest(
        @Parameter(description = "0-based page") @Schema(defaultValue = "0") @Min(0)
        Integer page,

        @Parameter(description = "page size, 1..100") @Schema(defaultValue = "20") @Min(1) @Max(PageOf.MAX_SIZE)
        Integer size) {

    public static final int DEFAULT_SIZE = 20;

    public PageRequest {
        page = page == null ? 0 : page;
        size = size == null ? DEFAULT_SIZE : size;
    }
}
