package org.openpbr.clustering;

import org.openpbr.testing.ServiceFoundationTests;
import org.openpbr.testing.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@ServiceTest
class FoundationTest extends ServiceFoundationTests {
}
