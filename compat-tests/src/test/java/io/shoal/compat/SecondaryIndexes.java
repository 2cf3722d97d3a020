package io.shoal.compat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Gate of the secondary index tests (issue #4): they run only with {@code -Dcompat.indexes=true}, so the suite stays
 * green against Shoal until indexes land. Remove this gate (the annotation and the pom's compat.indexes property)
 * once Shoal implements them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@EnabledIfSystemProperty(named = "compat.indexes", matches = "true",
    disabledReason = "secondary indexes: enable with -Dcompat.indexes=true once issue #4 lands")
@interface SecondaryIndexes {
}
