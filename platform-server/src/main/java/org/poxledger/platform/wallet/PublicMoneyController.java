package org.poxledger.platform.wallet;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.poxledger.platform.web.Refuses;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public money figures. */
@SecurityRequirements // public: no credentials (security: [] in the OpenAPI document)
@RestController
@RequestMapping("/api/v1/public/money")
@Tag(name = "Public: money")
class PublicMoneyController {

    private final WalletService wallet;

    PublicMoneyController(WalletService wallet) {
        this.wallet = wallet;
    }

    /** @param totalSupply everything ever minted by reward cycles (paid or released) */
    record Supply(Money totalSupply) {}

    @GetMapping("/supply")
    @Operation(summary = "Total supply: the sum of all minted rewards")
    @Refuses(ledger = Refuses.Ledger.EVALUATES)
    Supply totalSupply() {
        return new Supply(wallet.totalSupply());
    }
}
