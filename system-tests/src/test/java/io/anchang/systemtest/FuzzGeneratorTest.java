package io.anchang.systemtest;

import io.anchang.systemtest.FuzzSystemTest.FuzzRequest;
import io.anchang.systemtest.FuzzSystemTest.Operation;
import net.jqwik.api.Example;
import net.jqwik.api.Label;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz's requests without an office: drawn from a small OpenAPI document of the services' shape (path ids,
 * query parameters, a body with UUID, number, enum and required fields, a non-JSON body), a seed must give
 * the same requests byte for byte, and another seed others; and its trail check must own up to entries it
 * could not read. Run by jqwik, as the fuzz is, so that the arbitraries work as they do there.
 */
class FuzzGeneratorTest {

    static final String DEALS = """
            {"paths": {
              "/api/deals/sites/{site}/units/{unitId}/holds": {"post": {
                "parameters": [{"name": "site", "in": "path", "schema": {"type": "string"}},
                               {"name": "unitId", "in": "path", "schema": {"type": "string"}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Hold"}}}}}},
              "/api/deals/sites/{site}/deposit-requests/{requestId}": {"get": {
                "parameters": [{"name": "site", "in": "path", "schema": {"type": "string"}},
                               {"name": "requestId", "in": "path", "schema": {"type": "string", "format": "uuid"}},
                               {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                               {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}}]}},
              "/api/deals/sites/{site}/agreements/{number}/scan": {"put": {
                "parameters": [{"name": "site", "in": "path", "schema": {"type": "string"}},
                               {"name": "number", "in": "path", "schema": {"type": "string"}}],
                "requestBody": {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}}},
             "components": {"schemas": {"Hold": {"type": "object", "required": ["customerId", "amount"], "properties": {
                "customerId": {"type": "string", "format": "uuid"},
                "visitId": {"type": "string", "format": "uuid"},
                "amount": {"type": "number"},
                "kind": {"type": "string", "enum": ["SMALL", "BIG"]},
                "buyers": {"type": "array", "items": {"type": "object", "properties": {
                   "id": {"type": "string", "format": "uuid"}, "name": {"type": "string"}}}},
                "note": {"type": "string"}}}}}}
            """;
    static final String RECEPTION = """
            {"paths": {
              "/api/reception/sites/{site}/visits": {"post": {
                "parameters": [{"name": "site", "in": "path", "schema": {"type": "string"}}]}},
              "/api/reception/sites/{site}/visits/{visitId}/end": {"post": {
                "parameters": [{"name": "site", "in": "path", "schema": {"type": "string"}},
                               {"name": "visitId", "in": "path", "schema": {"type": "string"}}],
                "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
                   "at": {"type": "string", "format": "date-time"}, "walkIn": {"type": "boolean"}}}}}}}}}}
            """;
    static final List<Operation> OPERATIONS = FuzzSystemTest.operations(Map.of("deal-service", DEALS, "reception-service", RECEPTION));
    static final Map<String, List<String>> FOREIGN_IDS = Map.of(
            "SH01", List.of("SH01-1-101", "5f0c2a4e-1111-1222-0333-444455556666"),
            "HZ01", List.of("HZ01-2-202", "HZ01-2026-000007"));
    static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    static final int COUNT = 2000;

    @Example
    @Label("the same seed draws the same requests twice, byte for byte, UUIDs included")
    void theSameSeedDrawsTheSameRequests() {
        assertThat(OPERATIONS).hasSize(5);
        List<List<String>> first = drawn(7_081_234_567L);
        List<List<String>> second = drawn(7_081_234_567L);

        // the draws hold ids made up from the seed, in the path and in bodies: randomUUID() there would differ
        assertThat(first.stream().filter(r -> UUID_TEXT.matcher(r.get(2)).find()).count())
                .as("requests with a made-up UUID in their path").isGreaterThan(50);
        assertThat(first.stream().filter(r -> r.get(2).contains("/holds") && UUID_TEXT.matcher(body(r)).find()).count())
                .as("hold requests with a UUID in their body").isGreaterThan(20);
        assertThat(second).isEqualTo(first);
    }

    @Example
    @Label("another seed draws other requests")
    void anotherSeedDrawsOtherRequests() {
        List<List<String>> one = drawn(1L);
        List<List<String>> other = drawn(2L);

        assertThat(other).hasSameSizeAs(one).isNotEqualTo(one);
        long same = java.util.stream.IntStream.range(0, COUNT).filter(i -> one.get(i).equals(other.get(i))).count();
        assertThat(same).as("requests alike at the same place").isLessThan(COUNT / 2);
    }

    @Example
    @Label("the UUIDs the fuzz makes up are version 4 and follow the seed")
    void madeUpUuidsFollowTheSeed() {
        UUID one = FuzzSystemTest.Generator.uuid(new Random(42));
        assertThat(FuzzSystemTest.Generator.uuid(new Random(42))).isEqualTo(one);
        assertThat(FuzzSystemTest.Generator.uuid(new Random(43))).isNotEqualTo(one);
        assertThat(one.version()).isEqualTo(4);
        assertThat(one.variant()).isEqualTo(2);
    }

    @Example
    @Label("a trail read back to where it stood before the fuzz is checked whole")
    void aTrailReadBackToItsStartIsWhole() {
        assertThat(FuzzSystemTest.unreadSince("/api/deals SH01", 40, List.of(45L, 44L, 43L, 42L, 41L, 40L, 39L))).isEmpty();
        assertThat(FuzzSystemTest.unreadSince("/api/deals SH01", 40, List.of(43L, 42L, 41L))).isEmpty();
        assertThat(FuzzSystemTest.unreadSince("/api/deals SH01", 40, List.of(40L, 39L))).isEmpty();
        assertThat(FuzzSystemTest.unreadSince("/api/deals SH01", 0, List.of())).isEmpty();
    }

    @Example
    @Label("a trail that grew by more entries than one answer lists is reported unread, not passed")
    void aTrailGrownBeyondOneAnswerIsUnread() {
        // the newest 1,000 of 1,500 written since the fuzz started: #41 to #540 were never read
        List<Long> newest = java.util.stream.LongStream.rangeClosed(541, 1540).boxed().sorted(java.util.Comparator.reverseOrder()).toList();
        assertThat(FuzzSystemTest.unreadSince("/api/deals SH01", 40, newest))
                .singleElement().asString().contains("1500 entries since the fuzz started", "500 of them not among the newest 1000");
        assertThat(FuzzSystemTest.unreadSince("/api/deals SH01", 40, List.of(43L, 41L))).hasSize(1);
        assertThat(FuzzSystemTest.unreadSince("/api/deals SH01", 40, List.of(38L, 37L))).singleElement().asString()
                .contains("stood at #40");
    }

    @Example
    @Label("a trail that grew by more than one answer lists is paged back with before=<seq> to where it stood, and then read whole")
    void aTrailGrownBeyondOneAnswerIsPagedBack() {
        // 2,540 entries on the trail, 2,500 of them since the fuzz started at #40: the newest 1,000, then two pages before
        List<Long> trail = java.util.stream.LongStream.rangeClosed(1, 2540).boxed().sorted(java.util.Comparator.reverseOrder()).toList();
        List<Long> asked = new java.util.ArrayList<>();
        java.util.function.Function<Long, List<Long>> endpoint = before -> {
            asked.add(before);
            return trail.stream().filter(seq -> before == null || seq < before).limit(FuzzSystemTest.AUDIT_MOST).toList();
        };
        List<Long> read = FuzzSystemTest.readBackTo(40, endpoint, Long::longValue);
        assertThat(asked).containsExactly(null, 1541L, 541L);
        assertThat(read).contains(41L, 2540L);
        assertThat(FuzzSystemTest.unreadSince("/api/deals SH01", 40, read)).isEmpty();

        // an endpoint that ignores before (answers the newest again) stops the paging, and the trail is reported unread
        List<Long> stuck = FuzzSystemTest.readBackTo(40, before -> trail.subList(0, FuzzSystemTest.AUDIT_MOST), Long::longValue);
        assertThat(FuzzSystemTest.unreadSince("/api/deals SH01", 40, stuck)).singleElement().asString()
                .contains("1500 of them not among the newest 1000");
        // a trail that grew by less than a page is read in one answer
        asked.clear();
        assertThat(FuzzSystemTest.readBackTo(2500, endpoint, Long::longValue)).hasSize(1000);
        assertThat(asked).containsExactly((Long) null);
    }

    /** Everything each request sends ({@link FuzzRequest#exactly()}: its body as Base64). */
    static List<List<String>> drawn(long seed) {
        return FuzzSystemTest.draw(OPERATIONS, FOREIGN_IDS, seed, COUNT).stream().map(FuzzRequest::exactly).toList();
    }

    static String body(List<String> exactly) {
        String encoded = exactly.get(4);
        return encoded == null ? "" : new String(Base64.getDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8);
    }
}
