package io.anchang.reception;

import io.anchang.testing.TestIssuer;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;

/** Test data of the front desk: sites with staff, and the tokens of the people who work there. */
final class ReceptionFixture {

    static final TestIssuer ISSUER = TestIssuer.shared();

    private ReceptionFixture() {
    }

    static String admin() {
        return ISSUER.token("admin-1", List.of("ADMIN"), List.of("*"));
    }

    static String manager(String site) {
        return ISSUER.token("mgr-" + site, "MANAGER", site);
    }

    static String sales(String site, String user) {
        return ISSUER.token(user, "SALES", site);
    }

    static String supervisor(String site) {
        return ISSUER.token(site + "-sup", "SUPERVISOR", site);
    }

    private static final java.util.concurrent.atomic.AtomicLong PHONES =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() % 9_000_000L);

    /** A mobile number no other test uses, spelled as a desk clerk types it: 139 0012 3456. */
    static String aPhone() {
        String digits = String.format("%08d", PHONES.incrementAndGet() % 100_000_000L);
        return "139 " + digits.substring(0, 4) + " " + digits.substring(4);
    }

    /** Registers {@code site} with a manager, a supervisor and four reps: {@code <site>-rep1..4}. */
    static void aSiteWithStaff(WebTestClient web, String site) {
        web.post().uri("/api/reception/sites").headers(h -> h.setBearerAuth(admin()))
                .bodyValue(object("code", site, "name", "案场 " + site, "timeZone", "Asia/Shanghai"))
                .exchange().expectStatus().value(status -> {
                    if (status != HttpStatus.CREATED.value() && status != HttpStatus.CONFLICT.value()) {
                        throw new AssertionError("registering " + site + " answered " + status);
                    }
                });
        web.put().uri("/api/reception/sites/{site}/staff", site).headers(h -> h.setBearerAuth(admin()))
                .bodyValue(object("staff", list(
                        member("mgr-" + site, "王经理", "MANAGER"),
                        member(site + "-rep1", "张三", "SALES"),
                        member(site + "-rep2", "李四", "SALES"),
                        member(site + "-rep3", "王五", "SALES"),
                        member(site + "-rep4", "赵六", "SALES"),
                        member(site + "-sup", "陈主管", "SUPERVISOR"),
                        member(site + "-fin", "赵会计", "FINANCE"))))
                .exchange().expectStatus().isOk();
    }

    static Map<String, Object> member(String userId, String name, String role) {
        return object("userId", userId, "name", name, "role", role, "active", true);
    }
}
