package org.poxledger.platform.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full {@code @SpringBootTest} of the platform server against the shared in-process {@link Neo4jTestServer} and an
 * in-memory embedded ledger (the real chaincode classes), with a test account-hash secret and no configured admin.
 *
 * <p>Every test class with the same settings shares one application context (Spring's context cache), hence one
 * ledger; the graph is shared by all. Start a test from a clean graph with
 * {@code Neo4jTestServer.deleteAllData(driver)} and use fresh account handles, since the ledger may already hold
 * members of earlier tests.
 *
 * <pre>{@code
 * @PoxSpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
 * class RewardJourneyIT {
 *     @LocalServerPort int port;
 *     @Autowired LedgerConnection ledger;
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
@ContextConfiguration(initializers = PoxTestProperties.class)
public @interface PoxSpringBootTest {

    /** @return the web environment, as {@link SpringBootTest#webEnvironment()} */
    @AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;

    /** @return extra {@code key=value} properties, as {@link SpringBootTest#properties()} */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
