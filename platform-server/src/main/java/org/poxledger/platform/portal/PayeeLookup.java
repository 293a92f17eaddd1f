package org.poxledger.platform.portal;

import java.util.Optional;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.member.MemberRepository;
import org.poxledger.platform.member.MemberView;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.security.UserAccounts;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

/** The payee field of the portal's forms (a transfer, a channel): a member id or a username, whichever was typed. */
@Component
class PayeeLookup {

    private final MemberRepository members;
    private final UserAccounts accounts;

    PayeeLookup(MemberRepository members, UserAccounts accounts) {
        this.members = members;
        this.accounts = accounts;
    }

    /**
     * @param typed the form's {@code payee} field, already checked for size
     * @return the member it names, or {@code null} with a MEMBER_NOT_FOUND error on {@code payee} (none when the field
     *     has an error already)
     */
    MemberView resolveInto(String typed, BindingResult binding) {
        if (binding.hasFieldErrors("payee")) {
            return null;
        }
        Optional<MemberView> payee = find(typed.strip());
        if (payee.isEmpty()) {
            binding.rejectValue(
                    "payee",
                    ErrorCode.MEMBER_NOT_FOUND.name(),
                    "No member has the id or username \"" + typed.strip() + "\".");
        }
        return payee.orElse(null);
    }

    private Optional<MemberView> find(String text) {
        Optional<MemberView> byId = members.find(text);
        if (byId.isPresent()) {
            return byId;
        }
        return accounts.find(text).map(PoxUser::memberId).flatMap(members::find);
    }
}
