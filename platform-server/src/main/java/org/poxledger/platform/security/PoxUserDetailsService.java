package org.poxledger.platform.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads {@link PoxUser}s from Neo4j; being a bean, it also keeps Spring Boot from inventing a default user. */
@Service
class PoxUserDetailsService implements UserDetailsService {

    private final UserAccounts accounts;

    PoxUserDetailsService(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.find(username).orElseThrow(() -> new UsernameNotFoundException("no account " + username));
    }
}
