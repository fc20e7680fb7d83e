package io.anchang.testing;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R-SEC-4 (decision), read back through a service's audit API: the refusals a caller of another site met are on the
 * caller's own site's trail, naming the caller and the paths tried, at most the rate limit's ten in full per minute,
 * and that trail's chain still verifies.
 */
public final class RefusalTrail {

    /** The action the platform writes a refused request under ({@code RefusalAuditor.ACTION}). */
    public static final String ACTION = "security.access-refused";
    /** Refusals written in full per user, site, kind and minute. */
    public static final int IN_FULL = 10;

    private RefusalTrail() {
    }

    /**
     * @param ownSite       the caller's own site, whose trail holds the refusals
     * @param ownSiteReader a token of a MANAGER of {@code ownSite}, to read its trail
     * @param actor         the refused caller's user id
     * @param victimPaths   the start of the paths the caller tried ({@code /api/customers/sites/SH01})
     */
    public static void assertAuditedOnOwnTrail(WebTestClient web, String basePath, String ownSite, String ownSiteReader, String actor,
                                               String victimPaths) {
        List<Map<String, Object>> entries = web.get().uri(basePath + "/sites/" + ownSite + "/audit?limit=1000")
                .headers(h -> h.setBearerAuth(ownSiteReader)).exchange().expectStatus().isOk()
                .expectBodyList(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        List<Map<String, Object>> refusals = entries.stream()
                .filter(e -> ACTION.equals(e.get("action")) && actor.equals(e.get("actor"))).toList();
        assertThat(refusals).as("R-SEC-4: %s's refusals on %s's trail", actor, ownSite).isNotEmpty();
        assertThat(refusals).anySatisfy(e -> assertThat((String) e.get("subject")).startsWith(victimPaths));
        assertThat(refusals).allSatisfy(e -> {
            assertThat((String) e.get("subject")).startsWith(basePath + "/");
            assertThat((String) e.get("reason")).startsWith("R-SEC-4 拒绝：").contains("试图");
            assertThat((String) e.get("after")).contains("\"method\":");
        });
        Map<Instant, Long> perMinute = refusals.stream().collect(Collectors.groupingBy(
                e -> Instant.parse((String) e.get("at")).truncatedTo(ChronoUnit.MINUTES), Collectors.counting()));
        assertThat(perMinute.values()).as("rate limited: at most %d in full a minute", IN_FULL)
                .allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(IN_FULL));
        Map<?, ?> verification = web.get().uri(basePath + "/sites/" + ownSite + "/audit/verification")
                .headers(h -> h.setBearerAuth(ownSiteReader)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(verification.get("intact")).as("%s's trail verifies", ownSite).isEqualTo(true);
    }
}
