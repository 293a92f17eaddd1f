package org.poxledger.platform.referral;

import java.util.ArrayList;
import java.util.List;

/**
 * How many members hang at one depth of my referral tree.
 *
 * @param depth steps below me, 1..policy maxDepth
 * @param members members at that depth
 */
public record ReferralDepth(int depth, long members) {

    /** @return one entry per depth, depth 1 first, from counts listed the same way */
    public static List<ReferralDepth> of(List<Long> countsPerDepth) {
        List<ReferralDepth> depths = new ArrayList<>();
        for (int i = 0; i < countsPerDepth.size(); i++) {
            depths.add(new ReferralDepth(i + 1, countsPerDepth.get(i)));
        }
        return List.copyOf(depths);
    }
}
