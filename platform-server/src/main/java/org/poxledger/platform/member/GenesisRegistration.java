package org.poxledger.platform.member;

import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.Member;
import org.poxledger.platform.security.UserAccounts;
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
     * @throws Refusal {@code USERNAME_TAKEN} (checked before the ledger is touched), {@code
     *     ACCOUNT_ALREADY_REGISTERED}
     */
    public Member register(SocialAccount account, String displayName, String email, String username, String password) {
        if (accounts.find(username).isPresent()) {
            throw Refusal.of(ErrorCode.USERNAME_TAKEN, "username", "username " + username + " is taken");
        }
        Member member = registration.registerGenesis(account, displayName, email);
        accounts.reserveForMember(member.memberId(), username, password);
        accounts.enableMember(member.memberId());
        return member;
    }
}
