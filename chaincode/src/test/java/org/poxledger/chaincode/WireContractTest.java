package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.Test;

/** The chaincode and the contract module's list of transactions cannot drift apart. */
class WireContractTest {

    private static final List<Class<?>> CONTRACTS = List.of(
            MemberContract.class,
            PolicyContract.class,
            RewardContract.class,
            MoneyContract.class,
            ChannelContract.class);

    @Test
    void every_chaincode_transaction_is_listed_in_the_contract_module_with_its_intent() {
        Map<String, org.poxledger.contract.Transaction> listed = Arrays.stream(
                        org.poxledger.contract.Transaction.values())
                .collect(Collectors.toMap(org.poxledger.contract.Transaction::wireName, Function.identity()));
        TreeSet<String> implemented = new TreeSet<>();
        for (Class<?> contract : CONTRACTS) {
            String name = contract.getAnnotation(Contract.class).name();
            for (Method method : contract.getDeclaredMethods()) {
                Transaction transaction = method.getAnnotation(Transaction.class);
                if (transaction == null) {
                    continue;
                }
                String wireName = name + ":" + method.getName();
                implemented.add(wireName);
                assertThat(listed).as("contract module lists %s", wireName).containsKey(wireName);
                assertThat(listed.get(wireName).intent().name())
                        .as("intent of %s", wireName)
                        .isEqualTo(transaction.intent().name());
            }
        }
        assertThat(implemented).isEqualTo(new TreeSet<>(listed.keySet()));
    }
}
