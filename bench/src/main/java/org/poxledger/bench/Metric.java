package org.poxledger.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name under which a JMH benchmark's score goes into {@code bench/results/latest.json} ({@link JmhResults}), in
 * the benchmark's own unit (its {@code @OutputTimeUnit}). Benchmarks without one stay in JMH's raw output only.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Metric {

    /** @return e.g. {@code payword_verify_per_s_core} */
    String value();
}
