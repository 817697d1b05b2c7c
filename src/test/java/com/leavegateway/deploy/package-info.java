/**
 * Tests of what ships: the Helm chart, rendered with Helm embedded through helm-java
 * ({@link com.leavegateway.deploy.HelmChartTest}, in every {@code ./mvnw verify}), and
 * the container image run through Testcontainers
 * ({@link com.leavegateway.deploy.ContainerImageIT}, only with {@code -Pcontainer-it}).
 */
@NullMarked
package com.leavegateway.deploy;

import org.jspecify.annotations.NullMarked;
