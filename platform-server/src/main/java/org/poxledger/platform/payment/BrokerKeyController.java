package org.poxledger.platform.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.poxledger.payword.Receipt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The broker's public key, open to anyone, so that anyone can verify a receipt. */
@SecurityRequirements // public: no credentials (security: [] in the OpenAPI document)
@RestController
@Tag(name = "public: payments", description = "What anyone needs to verify broker receipts")
class BrokerKeyController {

    private final PaymentBroker broker;

    BrokerKeyController(PaymentBroker broker) {
        this.broker = broker;
    }

    /**
     * @param algorithm always Ed25519
     * @param publicKey base64 of the X.509 SubjectPublicKeyInfo encoding
     * @param receiptFormat the tag that starts the signed text of a receipt
     * @param signedText how the signed text is laid out
     */
    record BrokerKeyView(String algorithm, String publicKey, String receiptFormat, String signedText) {}

    @GetMapping("/api/v1/public/payments/broker-key")
    @Operation(summary = "The broker's Ed25519 public key that signs payment receipts")
    BrokerKeyView brokerKey() {
        return new BrokerKeyView(
                "Ed25519",
                broker.publishedKey(),
                Receipt.FORMAT,
                Receipt.FORMAT + "\\n<channelId>\\n<index>\\n<amount>\\n<acceptedAt>, UTF-8");
    }
}
