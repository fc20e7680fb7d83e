package io.anchang.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 9: health, metrics and API documents live on management ports of their own, which the gateway does not route. */
class OfficePortsTest {

    static final OfficeSecrets SECRETS = new OfficeSecrets("reception-secret", "phone-key", "audit-key-of-the-office-for-this-test");

    @Test
    @DisplayName("each part has its management port (gateway 9080, services 9081-9085) and is probed there")
    void readinessIsProbedOnTheManagementPorts() {
        OfficePorts ports = OfficePorts.defaults();
        Map<String, Integer> management = ServiceStack.specs(ports.http(), ports.management(), SECRETS).stream()
                .collect(Collectors.toMap(ServiceSpec::module, ServiceSpec::managementPort));
        assertThat(management).containsExactlyInAnyOrderEntriesOf(Map.of("gateway", 9080, "reception-service", 9081,
                "customer-service", 9082, "deal-service", 9083, "finance-service", 9084, "reporting-service", 9085));
        assertThat(ServiceStack.specs(ports.http(), ports.management(), SECRETS)).allSatisfy(spec -> {
            assertThat(spec.healthUrl()).isEqualTo("http://127.0.0.1:" + spec.managementPort() + "/actuator/health/readiness");
            assertThat(spec.apiDocsUrl()).startsWith("http://127.0.0.1:" + spec.managementPort() + "/");
            assertThat(spec.managementPort()).isNotEqualTo(spec.port());
        });
    }

    @Test
    @DisplayName("the gateway's routes point at the services' own ports, never at a management port")
    void theGatewayRoutesNoManagementPort() {
        OfficePorts ports = OfficePorts.defaults();
        ServiceSpec gateway = ServiceStack.specs(ports.http(), ports.management(), SECRETS).stream()
                .filter(spec -> spec.module().equals("gateway")).findFirst().orElseThrow();
        List<Integer> managementPorts = List.of(9080, 9081, 9082, 9083, 9084, 9085);
        assertThat(gateway.environment().values())
                .allSatisfy(uri -> assertThat(managementPorts).noneMatch(port -> uri.endsWith(":" + port)));
    }

    @Test
    @DisplayName("R-SEC-4 each office keys its services' audit trails with a random key of its own, kept with its secrets")
    void eachOfficeHasItsOwnAuditKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path one,
                                     @org.junit.jupiter.api.io.TempDir java.nio.file.Path two) {
        String first = OfficeSecrets.of(one).auditKey();
        assertThat(first).hasSizeGreaterThanOrEqualTo(32);
        assertThat(OfficeSecrets.of(one).auditKey()).as("the same after a restart").isEqualTo(first);
        assertThat(OfficeSecrets.of(two).auditKey()).isNotEqualTo(first);
        assertThat(ServiceStack.specs(OfficePorts.defaults().http(), OfficePorts.defaults().management(), SECRETS))
                .allSatisfy(spec -> assertThat(spec.environment().get("ANCHANG_AUDIT_KEY"))
                        .isEqualTo(spec.database() == null ? null : SECRETS.auditKey()));
    }

    @Test
    @DisplayName("free ports for a test's office are distinct and below the kernel's range for outgoing connections, so no client connection takes one before its part binds it or while a part restarts")
    void freePortsAreDistinctAndOutsideTheOutgoingRange() {
        List<Integer> ports = java.util.stream.IntStream.range(0, 3).mapToObj(i -> OfficePorts.free())
                .flatMap(office -> office.byPart().values().stream()).toList();
        assertThat(ports).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isBetween(Ports.FIRST, Ports.LAST - 1));
    }
}
