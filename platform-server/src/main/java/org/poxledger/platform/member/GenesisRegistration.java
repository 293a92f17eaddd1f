package org.poxledger.platform.member;

import org.poxledger.platform.security.UserAccounts;
import org.poxledger.platform.web.ApiException;
import org.springframework.stereotype.Service;

/** An admin creates a genesis member together with the member's log-in account. */
@Service
public class GenesisRegistration {

    private final MemberRegistration registration;
    private final UserAccounts accounts;

    GenesisRegistration(MemberRegistration registration, UserAccounts accounts) {
        this.registration = registration;
        this.accounts = accounts;
    }

    /**
     * @throws ApiException {@code USERNAME_TAKEN} (checked before the ledger is touched), {@code
     *     ACCOUNT_ALREADY_REGISTERED}
     */
    public LedgerMember register(
            SocialAccount account, String displayName, String email, String username, String password) {
        if (accounts.find(username).isPresent()) {
            throw ApiException.conflict("USERNAME_TAKEN", "username", "username " + username + " is taken");
        }
        LedgerMember member = registration.registerGenesis(account, displayName, email);
        accounts.reserveForMember(member.memberId(), username, password);
        accounts.enableMember(member.memberId());
        return member;
    }
}
