package org.poxledger.platform.policy;

/**
 * The one policy draft admins edit before publishing it as the next version.
 *
 * @param document the draft policy (always valid once stored)
 * @param basedOnVersion the current version when the draft was last saved
 * @param updatedAt when it was last saved, epoch milliseconds; 0 for an unsaved draft
 * @param updatedBy who saved it; {@code null} for an unsaved draft
 * @param saved {@code false} when no draft is stored and this is a copy of the current policy to start from
 */
public record PolicyDraft(
        PolicyDocument document, int basedOnVersion, long updatedAt, String updatedBy, boolean saved) {}
