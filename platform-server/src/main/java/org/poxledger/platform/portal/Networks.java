package org.poxledger.platform.portal;

import java.util.Arrays;
import java.util.List;
import org.poxledger.platform.member.SocialNetwork;

/** The social networks an acquaintance's account may live on, as the forms offer them. */
final class Networks {

    /**
     * @param value the wire name the form sends
     * @param label what people read
     * @param example a handle in that network's format
     */
    record Choice(String value, String label, String example) {}

    static final List<Choice> CHOICES = Arrays.stream(SocialNetwork.values())
            .map(network -> switch (network) {
                case EMAIL -> new Choice(network.wireName(), "E-mail", "alice@example.org");
                case PHONE -> new Choice(network.wireName(), "Phone", "+8613800138000");
                case WECHAT -> new Choice(network.wireName(), "WeChat", "alice01");
                case TELEGRAM -> new Choice(network.wireName(), "Telegram", "@alice_01");
                case X -> new Choice(network.wireName(), "X", "@alice_01");
                case GITHUB -> new Choice(network.wireName(), "GitHub", "alice-01");
            })
            .toList();

    private Networks() {}
}
