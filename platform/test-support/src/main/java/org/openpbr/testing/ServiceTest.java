package org.openpbr.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.WithTestResource;

/**
 * Marks a {@code @QuarkusTest} of an OpenPbR service: real embedded PostgreSQL and the test OIDC
 * server. Every class with the same resources shares one application start.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(OidcTestServer.class)
public @interface ServiceTest {
}
