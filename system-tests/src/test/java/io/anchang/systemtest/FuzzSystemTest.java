package io.anchang.systemtest;

import io.anchang.launcher.Office;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.RandomGenerator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, "Tests": a property-based fuzz of every route in the services' OpenAPI documents,
 * through the gateway of the office the launcher starts, with real Keycloak tokens of the
 * demo SALES users. At least 10,000 generated malformed requests — wrong types, numbers like
 * {@code 1E10000000} and {@code 1E-200000000}, long strings, control characters, missing
 * fields, bad JSON, deep nesting, other sites and their ids — must give no 5xx and change
 * nothing (no entry on any audit trail by the fuzzing users but the security log of refused
 * attempts), and every service must be healthy afterwards.
 *
 * <p>The requests are drawn from jqwik arbitraries with one seed, printed first and in every
 * failure: {@code -Danchang.fuzz.seed=<seed>} replays the same requests
 * ({@code -Danchang.fuzz.requests=<n>} changes how many). Every value — the choices, the junk,
 * the ids that name nothing (UUIDs made from the seeded random, never {@link UUID#randomUUID()})
 * — comes from one {@link Random} of that seed ({@link #draw}, proved by {@code FuzzGeneratorTest}).
 * One thing is the office's, not the seed's: the real ids of the other site, asked of the office at
 * the start, may differ between offices (another demo data run, other walk-ins), so a seed replays
 * exactly on the same office and otherwise uses that office's ids in their places. {@code FUZZ digests}
 * prints a digest of the seed's requests (those ids as placeholders: the same on every office), of the
 * requests as sent and of the office's ids, so that a replay shows what it repeated. They are sent
 * 16 at a time and all of them are sent, so that a failure lists every failing request, not the first.
 *
 * <p>Every write is malformed on purpose (a broken body, a missing or wrongly typed field, an
 * out-of-range number, a string far beyond any field, another site, an id that is not the
 * site's); ids of the caller's own site are never used, so that no well-formed write slips in.
 * A 429 (the per-user limit) and a 503 with {@code Retry-After} (load shed before any work)
 * are waited out and sent again; every other 5xx is a failure.
 *
 * <p>Outside the sending it asks the office everything at once (the ten audit trails, their
 * verification, every service's health; the API documents were asked for when the office started,
 * see {@link TheOffice#apiDocuments()}), settles by reading the trails' heads until
 * they stay still, and prints how long each phase took ({@code FUZZ phases}). Each trail is
 * read back to where it stood before the fuzz, 1,000 entries an answer, paging back with
 * {@code before=<seq>} ({@link #readBackTo}); a trail not read back whole (every number since
 * its start) fails the test as unread instead of passing unchecked ({@link #unreadSince}).
 *
 * <p>It runs on the jqwik engine (an {@code @Example}, so that the arbitraries work), beside
 * the JUnit classes that share {@link TheOffice}; it changes nothing, so it needs no place in
 * their order.
 */
class FuzzSystemTest {

    static final int REQUESTS = Integer.getInteger("anchang.fuzz.requests", 10_000);
    static final int CONCURRENCY = 16;
    static final Map<String, String> USERS = Map.of(
            "sh01-sales1", "SH01", "sh01-sales2", "SH01", "sh01-sales3", "SH01",
            "hz01-sales1", "HZ01", "hz01-sales2", "HZ01");
    static final Map<String, String> BASE_PATHS = new TreeMap<>(Map.of(
            "reception-service", "/api/reception", "customer-service", "/api/customers", "deal-service", "/api/deals",
            "finance-service", "/api/finance", "reporting-service", "/api/reports"));
    static final List<String> SITES = List.of("SH01", "HZ01");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Example // run by jqwik, whose arbitraries draw the requests
    @Label("issue 9: 10,000 malformed requests on every route through the gateway: no 5xx, nothing changed, every service healthy")
    void malformedRequestsBreakNothingAndChangeNothing() {
        long seed = Long.getLong("anchang.fuzz.seed", new SecureRandom().nextLong());
        System.out.println("FUZZ seed = " + seed + "  (replay: -Danchang.fuzz.seed=" + seed + " -Danchang.fuzz.requests=" + REQUESTS + ")");
        Phases phases = new Phases();
        Office office = phases.time("office", TheOffice::office);
        List<Operation> operations = phases.time("API documents", () -> operations(office));
        assertThat(operations).as("operations in the OpenAPI documents").hasSizeGreaterThan(20);
        Map<String, List<String>> foreignIds = phases.time("foreign ids", FuzzSystemTest::foreignIds);
        Map<String, Long> trailsBefore = phases.time("trail heads", FuzzSystemTest::trailHeads);

        List<FuzzRequest> requests = phases.time("drawing requests", () -> draw(operations, foreignIds, seed, REQUESTS));
        // the seed's part of the requests, the office's ids of the other site in placeholders, is the same on every
        // office of the same code; the requests as sent are the same where the office's ids are too
        Map<String, List<String>> placeholders = new TreeMap<>();
        foreignIds.forEach((site, ids) -> placeholders.put(site,
                IntStream.range(0, ids.size()).mapToObj(i -> "<" + site + " id " + i + ">").toList()));
        System.out.println("FUZZ digests: seed's requests " + digest(draw(operations, placeholders, seed, REQUESTS).stream()
                .map(FuzzRequest::exactly).toList()) + ", requests as sent " + digest(requests.stream().map(FuzzRequest::exactly).toList())
                + ", the office's ids " + digest(List.of(foreignIds.toString())));

        Sender sender = new Sender(office.gatewayUrl());
        Instant started = Instant.now();
        List<Answer> answers = Flux.fromIterable(requests).flatMap(sender::send, CONCURRENCY).collectList().block(Duration.ofMinutes(20));
        Duration took = Duration.between(started, Instant.now());

        Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
        List<Answer> failures = answers.stream().filter(Answer::failed).toList();
        System.out.printf("FUZZ %d requests on %d operations in %d s (seed %d): answers %s; waited out %d x 429, %d x shed 503;"
                        + " sent again after a broken connection %d x%n",
                answers.size(), operations.size(), took.toSeconds(), seed, byStatus, sender.limited.get(), sender.shed.get(),
                sender.transport.get());
        failures.forEach(failure -> System.out.println("FUZZ 5xx " + failure));

        TrailCheck trails = changesSince(trailsBefore, phases);
        List<String> changes = trails.changes();
        changes.forEach(change -> System.out.println("FUZZ change " + change));
        trails.unread().forEach(gap -> System.out.println("FUZZ unread " + gap));
        System.out.println("FUZZ entries since the start, per trail (each read back to its start, " + AUDIT_MOST + " an answer): "
                + trails.grown());
        List<String> unhealthy = phases.time("health", () -> unhealthy(office));
        System.out.println("FUZZ phases (s): sending " + took.toSeconds() + ", " + phases);

        assertThat(failures).as("requests answered 5xx (seed %d; each printed above as 'FUZZ 5xx'):%n%s", seed,
                failures.stream().limit(40).map(Answer::toString).collect(Collectors.joining("\n"))).isEmpty();
        assertThat(trails.unread()).as("audit trails not read back to where they stood before the fuzz, so that"
                + " 'nothing changed' cannot be told (seed %d)", seed).isEmpty();
        assertThat(changes).as("changes made by malformed requests (seed %d)", seed).isEmpty();
        assertThat(unhealthy).as("services not healthy after the fuzz (seed %d)", seed).isEmpty();
        assertThat(answers).hasSize(REQUESTS);
    }

    /**
     * The requests of a seed: every value drawn from one {@link Random} of that seed, so that the same operations
     * and foreign ids give the same requests, byte for byte ({@code FuzzGeneratorTest}).
     */
    static List<FuzzRequest> draw(List<Operation> operations, Map<String, List<String>> foreignIds, long seed, int count) {
        Generator generator = new Generator(operations, foreignIds);
        Random random = new Random(seed);
        return IntStream.range(0, count).mapToObj(i -> generator.next(random)).toList();
    }

    // ---- the API as the services describe it ----

    /** One operation of a service's OpenAPI document. */
    record Operation(String service, String method, String path, List<Param> params, JsonNode bodySchema,
                     String bodyType, boolean bodyRequired, JsonNode components) {

        boolean hasPathIds() {
            return params.stream().anyMatch(p -> p.in().equals("path") && !p.name().equals("site"));
        }

        boolean namesSite() {
            return path.contains("{site}");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    record Param(String name, String in, JsonNode schema) {
    }

    /** Each service's OpenAPI document, asked of all of them at once (each makes it on the first request). */
    static Map<String, String> apiDocuments(Office office) {
        return inParallel(List.copyOf(BASE_PATHS.keySet()), module -> get(office.services().spec(module).apiDocsUrl()));
    }

    static List<Operation> operations(Office office) {
        Map<String, String> documents = new LinkedHashMap<>();
        Map<String, String> asked = TheOffice.apiDocuments();
        for (String module : BASE_PATHS.keySet()) {
            String text = asked.getOrDefault(module, "");
            documents.put(module, text.startsWith("{") ? text : get(office.services().spec(module).apiDocsUrl()));
        }
        return operations(documents);
    }

    /** The operations of each module's OpenAPI document, in the modules' and the documents' order. */
    static List<Operation> operations(Map<String, String> documents) {
        List<Operation> operations = new ArrayList<>();
        for (String module : BASE_PATHS.keySet()) {
            if (!documents.containsKey(module)) {
                continue;
            }
            JsonNode document = JSON.readTree(documents.get(module));
            JsonNode components = document.path("components");
            for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
                for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                    String method = operation.getKey().toUpperCase();
                    if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                        continue;
                    }
                    JsonNode op = operation.getValue();
                    boolean stream = op.path("responses").toString().contains("text/event-stream");
                    if (stream) {
                        continue; // a live stream stays open by design; its limits are tested at the gateway
                    }
                    List<Param> params = new ArrayList<>();
                    for (JsonNode param : op.path("parameters")) {
                        params.add(new Param(param.path("name").asString(), param.path("in").asString(), param.path("schema")));
                    }
                    JsonNode content = op.path("requestBody").path("content");
                    String bodyType = null;
                    JsonNode bodySchema = null;
                    Iterator<String> types = content.propertyNames().iterator();
                    if (types.hasNext()) {
                        bodyType = types.next();
                        bodySchema = content.path(bodyType).path("schema");
                    }
                    boolean bodyRequired = op.path("requestBody").path("required").asBoolean(false);
                    operations.add(new Operation(module, method, path.getKey(), params, bodySchema, bodyType, bodyRequired, components));
                }
            }
        }
        return operations;
    }

    // ---- what the fuzz sends ----

    record FuzzRequest(String user, String method, String uri, String contentType, byte[] body, String what) {

        /** Everything the request sends, its body as Base64 (the record's own equality compares the array's identity). */
        List<String> exactly() {
            return java.util.Arrays.asList(user, method, uri, contentType,
                    body == null ? null : java.util.Base64.getEncoder().encodeToString(body), what);
        }

        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + shorten(uri, 300) + " as " + user + (contentType == null ? "" : " [" + contentType + "] ")
                    + shorten(text, 300) + " (" + what + ")";
        }
    }

    /** A JSON value written as it is: a number no Java type holds, or broken JSON. */
    record Raw(String json) {
    }

    /** Turns a seed into requests, with jqwik's arbitraries (and their edge cases). */
    static final class Generator {

        private final Arbitrary<Operation> operationChoice;
        private final Arbitrary<String> userChoice = Arbitraries.of(USERS.keySet().stream().sorted().toList());
        private final Map<String, List<String>> foreignIds;

        Generator(List<Operation> operations, Map<String, List<String>> foreignIds) {
            this.operationChoice = Arbitraries.of(operations);
            this.foreignIds = foreignIds;
        }

        FuzzRequest next(Random random) {
            Operation op = pick(operationChoice, random);
            String user = pick(userChoice, random);
            String ownSite = USERS.get(user);
            String otherSite = ownSite.equals("SH01") ? "HZ01" : "SH01";
            boolean write = !op.method().equals("GET");
            List<String> what = new ArrayList<>();

            // a write that names nothing but the site must not reach the caller's own site whole
            boolean mustLeaveOwnSite = write && !op.hasPathIds() && op.bodySchema() == null;
            int where = random.nextInt(100);
            String site = where < 70 && !mustLeaveOwnSite ? ownSite : where < 85 ? otherSite : pick(JUNK, random);
            if (!site.equals(ownSite)) {
                what.add("site " + shorten(site, 20));
            }
            StringBuilder path = new StringBuilder();
            java.util.regex.Matcher variable = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(op.path());
            int last = 0;
            while (variable.find()) {
                path.append(op.path(), last, variable.start());
                String name = variable.group(1);
                String value = name.equals("site") ? site : id(name, otherSite, random, what);
                path.append(encode(value));
                last = variable.end();
            }
            path.append(op.path().substring(last));
            StringBuilder query = new StringBuilder();
            for (Param param : op.params()) {
                if (!param.in().equals("query")) {
                    continue;
                }
                int choice = random.nextInt(10);
                if (choice < 3) {
                    continue;
                }
                String value = choice < 6 ? String.valueOf(plain(param.schema(), op.components(), random, 0)) : pick(JUNK, random);
                query.append(query.isEmpty() ? "?" : "&").append(encode(param.name())).append('=').append(encode(value));
            }
            if (random.nextInt(20) == 0) {
                query.append(query.isEmpty() ? "?" : "&").append(encode(pick(JUNK, random))).append('=').append(encode(pick(JUNK, random)));
            }

            String contentType = null;
            byte[] body = null;
            if (write || random.nextInt(10) == 0) {
                Body made = body(op, random, what, write);
                contentType = made.contentType();
                body = made.bytes();
            }
            return new FuzzRequest(user, op.method(), path + query.toString(), contentType, body,
                    op + ": " + String.join(", ", what));
        }

        /** An id that is never one of the caller's own site: random, junk, or a real one of the other site. */
        private String id(String name, String otherSite, Random random, List<String> what) {
            List<String> foreign = foreignIds.getOrDefault(otherSite, List.of());
            int choice = random.nextInt(10);
            if (choice < 3 && !foreign.isEmpty()) {
                String id = foreign.get(random.nextInt(foreign.size()));
                what.add(name + " of " + otherSite);
                return id;
            }
            if (choice < 6) {
                return uuid(random).toString();
            }
            String junk = pick(JUNK, random);
            what.add(name + " junk");
            return junk;
        }

        private record Body(String contentType, byte[] bytes) {
        }

        private Body body(Operation op, Random random, List<String> what, boolean write) {
            if (op.bodySchema() == null || op.bodyType() == null || !op.bodyType().contains("json")) {
                if (op.bodyType() != null && !op.bodyType().contains("json")) {
                    what.add("junk " + op.bodyType());
                    return new Body(op.bodyType(), junkBytes(random));
                }
                // a body nobody asked for: broken JSON
                what.add("unasked body");
                return new Body(MediaType.APPLICATION_JSON_VALUE, pick(BROKEN_JSON, random).getBytes(StandardCharsets.UTF_8));
            }
            Object value = plain(op.bodySchema(), op.components(), random, 0);
            int mutation = random.nextInt(100);
            String json;
            if (mutation < 15) {
                what.add("broken JSON");
                json = random.nextBoolean() ? pick(BROKEN_JSON, random) : truncate(write(value), random);
            } else if (mutation < 40) {
                what.add("wrong type");
                json = write(replaceLeaf(value, op.bodySchema(), op.components(), random, Generator::wrongType, what));
            } else if (mutation < 52) {
                Object without = dropRequired(value, op.bodySchema(), op.components(), random, what);
                json = write(without != null ? without
                        : replaceLeaf(value, op.bodySchema(), op.components(), random, Generator::wrongType, what));
            } else if (mutation < 72) {
                what.add("huge number");
                json = write(replaceLeaf(value, op.bodySchema(), op.components(), random,
                        (schema, r) -> new Raw(pick(HUGE_NUMBERS, r)), what));
            } else if (mutation < 80) {
                what.add("long string");
                int length = random.nextBoolean() ? 10_000 : 70_000;
                json = write(replaceLeaf(value, op.bodySchema(), op.components(), random,
                        (schema, r) -> "长".repeat(length / 2) + "x".repeat(length / 2), what));
            } else if (mutation < 86) {
                what.add("control characters beside a wrong type");
                Object controlled = replaceLeaf(value, op.bodySchema(), op.components(), random,
                        (schema, r) -> "张\u0000三\u001b[31m\u0007\r\n", what);
                json = write(replaceLeaf(controlled, op.bodySchema(), op.components(), random, Generator::wrongType, what));
            } else if (mutation < 90) {
                what.add("deep nesting");
                json = write(replaceLeaf(value, op.bodySchema(), op.components(), random,
                        (schema, r) -> new Raw("[".repeat(200) + "]".repeat(200)), what));
            } else if (mutation < 95 || !op.bodyRequired()) {
                what.add("not an object");
                json = pick(NOT_AN_OBJECT, random);
            } else {
                what.add("empty body");
                json = random.nextBoolean() ? "" : "null";
            }
            if (!write && mutation % 2 == 0) {
                return new Body(MediaType.APPLICATION_JSON_VALUE, json.getBytes(StandardCharsets.UTF_8));
            }
            String type = random.nextInt(25) == 0 ? pick(OTHER_TYPES, random) : MediaType.APPLICATION_JSON_VALUE;
            return new Body(type, json.getBytes(StandardCharsets.UTF_8));
        }

        /** A value of the schema's shape, plain and short. */
        static Object plain(JsonNode schema, JsonNode components, Random random, int depth) {
            JsonNode resolved = resolve(schema, components);
            if (depth > 4) {
                return "x";
            }
            if (resolved.has("enum")) {
                JsonNode values = resolved.path("enum");
                return values.get(random.nextInt(values.size())).asString();
            }
            String type = resolved.path("type").asString("");
            if (type.isEmpty() && resolved.has("properties")) {
                type = "object";
            }
            switch (type) {
                case "object" -> {
                    Map<String, Object> object = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
                        if (random.nextInt(10) < 8) {
                            object.put(property.getKey(), plain(property.getValue(), components, random, depth + 1));
                        }
                    }
                    return object;
                }
                case "array" -> {
                    List<Object> list = new ArrayList<>();
                    int n = random.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        list.add(plain(resolved.path("items"), components, random, depth + 1));
                    }
                    return list;
                }
                case "integer" -> {
                    return 1 + random.nextInt(20);
                }
                case "number" -> {
                    return 1 + random.nextInt(1000);
                }
                case "boolean" -> {
                    return random.nextBoolean();
                }
                default -> {
                    String format = resolved.path("format").asString("");
                    return switch (format) {
                        case "date" -> "2026-12-06";
                        case "date-time" -> "2026-12-06T10:00:00+08:00";
                        case "uuid" -> uuid(random).toString();
                        default -> pick(PLAIN_TEXTS, random);
                    };
                }
            }
        }

        /** A value of another JSON type than the schema's: refused by strict JSON whatever the field. */
        static Object wrongType(JsonNode schema, Random random) {
            String type = schema.path("type").asString("");
            List<Object> choices = switch (type) {
                case "integer", "number" -> List.of("abc", Map.of(), List.of(), true, "1E10000000");
                case "boolean" -> List.of("yes", 1, Map.of(), List.of());
                case "array" -> List.of("text", 5, Map.of("a", 1));
                case "object" -> List.of("text", 5, List.of(1));
                default -> schema.has("enum") ? List.of("NOT_A_VALUE", 7, List.of()) : List.of(123, true, Map.of(), List.of("a"), 1.5);
            };
            return choices.get(random.nextInt(choices.size()));
        }

        interface Replacement {
            Object make(JsonNode schema, Random random);
        }

        /** The value with one leaf (chosen at random) replaced; the whole value if it has no leaves. */
        @SuppressWarnings("unchecked")
        static Object replaceLeaf(Object value, JsonNode schema, JsonNode components, Random random, Replacement replacement,
                                  List<String> what) {
            JsonNode resolved = resolve(schema, components);
            if (value instanceof Map<?, ?> map && !map.isEmpty() || resolved.has("properties")) {
                Map<String, Object> object = value instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
                List<String> names = new ArrayList<>(resolved.path("properties").propertyNames());
                if (names.isEmpty()) {
                    names.addAll(object.keySet());
                }
                if (names.isEmpty()) {
                    return replacement.make(resolved, random);
                }
                String name = names.get(random.nextInt(names.size()));
                JsonNode fieldSchema = resolved.path("properties").path(name);
                Object current = object.get(name);
                boolean descend = current instanceof Map<?, ?> || current instanceof List<?> l && !l.isEmpty();
                object.put(name, descend && random.nextBoolean()
                        ? replaceLeaf(current, fieldSchema, components, random, replacement, what)
                        : replacement.make(resolve(fieldSchema, components), random));
                what.add("at " + name);
                return object;
            }
            if (value instanceof List<?> list && !list.isEmpty()) {
                List<Object> copy = new ArrayList<>(list);
                int i = random.nextInt(copy.size());
                copy.set(i, replaceLeaf(copy.get(i), resolved.path("items"), components, random, replacement, what));
                return copy;
            }
            return replacement.make(resolved, random);
        }

        /** The value without one of its required fields, or null if it has none. */
        @SuppressWarnings("unchecked")
        static Object dropRequired(Object value, JsonNode schema, JsonNode components, Random random, List<String> what) {
            JsonNode resolved = resolve(schema, components);
            JsonNode required = resolved.path("required");
            if (!(value instanceof Map<?, ?>) || required.isEmpty()) {
                return null;
            }
            Map<String, Object> object = new LinkedHashMap<>((Map<String, Object>) value);
            String name = required.get(random.nextInt(required.size())).asString();
            object.remove(name);
            what.add("without " + name);
            return object;
        }

        static JsonNode resolve(JsonNode schema, JsonNode components) {
            JsonNode current = schema;
            for (int i = 0; i < 10 && current.has("$ref"); i++) {
                String ref = current.path("$ref").asString();
                current = components.path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
            }
            if (current.has("allOf") && current.path("allOf").size() == 1) {
                return resolve(current.path("allOf").get(0), components);
            }
            return current;
        }

        static final Arbitrary<String> JUNK = Arbitraries.oneOf(
                    Arbitraries.strings().ofMinLength(1).ofMaxLength(40).alpha().numeric(),
                    Arbitraries.strings().withCharRange('\u4e00', '\u9fa5').ofMinLength(1).ofMaxLength(20),
                    Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(8),
                    Arbitraries.strings().ofMinLength(500).ofMaxLength(2500).withCharRange('a', 'z'),
                    Arbitraries.of("1E10000000", "1E-200000000", "-1", "0", "99999999999999999999999999999999999999999",
                            "NaN", "Infinity", "null", "true", "../../etc/passwd", "..", "%", "%00", "' OR '1'='1", "<script>",
                            "${jndi:ldap://x/a}", "{}", "[]", "😀", "\u202e", " ", "SH01-2026-000001", "HZ01-1-101",
                            "00000000-0000-0000-0000-000000000000"));

        // each beyond any field's range: no well-formed request is made by chance
        static final Arbitrary<String> HUGE_NUMBERS = Arbitraries.of("1E10000000", "1E-200000000", "-1E10000000", "1e999", "-0.0000000000000000000000000000001",
                    "123456789012345678901234567890123456789", "1.0E+2147483647", "9223372036854775808", "-9223372036854775809",
                    "100000000000000000");

        static final Arbitrary<String> BROKEN_JSON = Arbitraries.of("{", "}", "[1,2", "{\"a\":}", "nul", "{}x", "{\"a\":\"\\uZZZZ\"}", "{'a':1}", "{\"a\" 1}",
                    "\u0000", "{\"a\":1,}", "[" + "{\"a\":".repeat(100), "{\"amount\":1E10000000", "\"unterminated");
        static final Arbitrary<String> NOT_AN_OBJECT = Arbitraries.of("[]", "\"text\"", "42", "true", "[{}]", "1E10000000");
        static final Arbitrary<String> OTHER_TYPES = Arbitraries.of("text/plain", "application/xml",
                "application/x-www-form-urlencoded", "application/json; charset=ISO-8859-1");
        static final Arbitrary<String> PLAIN_TEXTS = Arbitraries.of("张三", "13800138000", "x", "2026-12-06", "SALES", "CASH", "A1");

        /**
         * A version-4 UUID (as {@link UUID#randomUUID()} makes) whose bits come from the seeded random, so that
         * a seed replays the same ids: {@code randomUUID()} draws from its own unseeded source.
         */
        static UUID uuid(Random random) {
            long most = random.nextLong() & ~0xF000L | 0x4000L;
            long least = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
            return new UUID(most, least);
        }

        static byte[] junkBytes(Random random) {
            byte[] bytes = new byte[1 + random.nextInt(2000)];
            random.nextBytes(bytes);
            return bytes;
        }

        static String truncate(String json, Random random) {
            return json.length() < 2 ? "{" : json.substring(0, 1 + random.nextInt(json.length() - 1));
        }

        /**
         * Each arbitrary's generator, made once: making one (its edge cases embedded) costs more than drawing
         * thousands of values from it, and was most of the time the fuzz took outside sending.
         */
        private static final Map<Arbitrary<?>, RandomGenerator<?>> GENERATORS = java.util.Collections.synchronizedMap(new IdentityHashMap<>());

        @SuppressWarnings("unchecked")
        static <T> T pick(Arbitrary<T> arbitrary, Random random) {
            RandomGenerator<T> generator = (RandomGenerator<T>) GENERATORS.computeIfAbsent(arbitrary, a -> a.generatorWithEmbeddedEdgeCases(1000));
            return generator.next(random).value();
        }
    }

    /** JSON text of a plain value; {@link Raw} parts as they are. */
    static String write(Object value) {
        if (value instanceof Raw raw) {
            return raw.json();
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> JSON.writeValueAsString(String.valueOf(e.getKey())) + ":" + write(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(FuzzSystemTest::write).collect(Collectors.joining(",", "[", "]"));
        }
        return JSON.writeValueAsString(value);
    }

    /** A short SHA-256 of the texts, to tell two draws apart at a glance. */
    static String digest(List<?> texts) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (Object text : texts) {
                sha.update(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    static String shorten(String text, int max) {
        String printable = text.chars().mapToObj(c -> c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c))
                .collect(Collectors.joining());
        return printable.length() <= max ? printable : printable.substring(0, max) + "…(" + text.length() + " chars)";
    }

    // ---- sending ----

    record Answer(FuzzRequest request, int status, String body) {
        boolean failed() {
            return status >= 500;
        }

        @Override
        public String toString() {
            return status + " for " + request + " -> " + shorten(body, 300);
        }
    }

    static final class Sender {
        final WebClient client;
        final String gatewayUrl;
        final Map<String, String> tokens = new ConcurrentHashMap<>();
        final Map<String, Instant> fetched = new ConcurrentHashMap<>();
        final AtomicInteger limited = new AtomicInteger();
        final AtomicInteger shed = new AtomicInteger();
        final AtomicInteger transport = new AtomicInteger();

        Sender(String gatewayUrl) {
            this.gatewayUrl = gatewayUrl;
            this.client = WebClient.builder()
                    .clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.create("fuzz", 64))
                            .responseTimeout(Duration.ofSeconds(60))))
                    .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024))
                    .build();
        }

        Mono<Answer> send(FuzzRequest request) {
            return attempt(request, 0);
        }

        private Mono<Answer> attempt(FuzzRequest request, int retries) {
            WebClient.RequestBodySpec spec = client.method(HttpMethod.valueOf(request.method()))
                    .uri(URI.create(gatewayUrl + request.uri()))
                    .headers(h -> h.setBearerAuth(token(request.user())));
            WebClient.RequestHeadersSpec<?> ready = spec;
            if (request.contentType() != null) {
                ready = spec.header(HttpHeaders.CONTENT_TYPE, request.contentType()).bodyValue(request.body());
            }
            return ready.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                            .map(body -> new Object[] {response.statusCode().value(), body,
                                    response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER)}))
                    .onErrorResume(error -> Mono.just(new Object[] {599, "no answer: " + rootCause(error), null}))
                    .flatMap(result -> {
                        int status = (Integer) result[0];
                        String retryAfter = (String) result[2];
                        if (status == 599 && retries < 2) {
                            // a pooled connection the server closed after refusing a request before reading its
                            // body: sent again on a fresh one, as any HTTP client does; persisting, it is a failure
                            transport.incrementAndGet();
                            return Mono.delay(Duration.ofMillis(200)).then(attempt(request, retries + 1));
                        }
                        boolean waitable = status == 429 || status == 503 && retryAfter != null;
                        if (waitable && retries < 8) {
                            (status == 429 ? limited : shed).incrementAndGet();
                            long seconds = Math.min(10, Math.max(1, parse(retryAfter)));
                            return Mono.delay(Duration.ofSeconds(seconds)).then(attempt(request, retries + 1));
                        }
                        return Mono.just(new Answer(request, status, (String) result[1]));
                    });
        }

        private String token(String user) {
            Instant at = fetched.get(user);
            if (at == null || at.isBefore(Instant.now().minus(Duration.ofMinutes(5)))) {
                synchronized (this) {
                    at = fetched.get(user);
                    if (at == null || at.isBefore(Instant.now().minus(Duration.ofMinutes(5)))) {
                        tokens.put(user, TheOffice.token(user));
                        fetched.put(user, Instant.now());
                    }
                }
            }
            return tokens.get(user);
        }

        private static String rootCause(Throwable error) {
            Throwable root = error;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return error.getClass().getSimpleName() + ": " + error.getMessage() + (root == error ? "" : " (" + root + ")");
        }

        private static long parse(String retryAfter) {
            try {
                return retryAfter == null ? 1 : Long.parseLong(retryAfter.trim());
            } catch (NumberFormatException e) {
                return 1;
            }
        }
    }

    // ---- what the office holds, before and after ----

    /** Real ids of each site (units, buildings, visits, deposit requests), to be used as another site's. */
    static Map<String, List<String>> foreignIds() {
        return inParallel(SITES, site -> {
            Set<String> found = new java.util.LinkedHashSet<>();
            String manager = TheOffice.manager(site);
            JsonNode buildings = read("/api/deals/sites/" + site + "/buildings", manager);
            collectIds(buildings, found);
            for (JsonNode building : buildings) {
                String code = building.path("code").asString("");
                if (!code.isEmpty()) {
                    found.add(code);
                    collectIds(read("/api/deals/sites/" + site + "/buildings/" + encode(code) + "/board", manager), found);
                }
            }
            collectIds(read("/api/reception/sites/" + site + "/visits", manager), found);
            collectIds(read("/api/finance/sites/" + site + "/deposit-requests", manager), found);
            return found.stream().limit(80).toList();
        });
    }

    static JsonNode read(String path, String token) {
        String body = TheOffice.gateway().get().uri(URI.create(TheOffice.office().gatewayUrl() + path))
                .headers(h -> h.setBearerAuth(token)).exchange().expectBody(String.class).returnResult().getResponseBody();
        try {
            return JSON.readTree(body == null ? "null" : body);
        } catch (RuntimeException notJson) {
            return JSON.nullNode();
        }
    }

    /** Every string under a name like {@code id}, {@code unitId}, {@code requestId} or {@code number}. */
    static void collectIds(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = field.getKey();
                if (field.getValue().isString() && (name.equals("id") || name.endsWith("Id") || name.equals("number"))) {
                    into.add(field.getValue().asString());
                } else {
                    collectIds(field.getValue(), into);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectIds(child, into));
        }
    }

    /** The audit trails: each service's base path and site, as "{@code /api/deals SH01}". */
    static final List<String> TRAILS = BASE_PATHS.values().stream().flatMap(base -> SITES.stream().map(site -> base + " " + site)).toList();

    /** Each service's and site's last audit entry, the trails read at once. */
    static Map<String, Long> trailHeads() {
        return inParallel(TRAILS, trail -> entries(trail, 1).stream().mapToLong(e -> e.path("seq").asLong()).max().orElse(0));
    }

    /**
     * What the trails show since the fuzz started: entries by a fuzzing user other than the security log of
     * refused attempts (and broken chains), and the trails that could not be read back to their head before it.
     */
    record TrailCheck(List<String> changes, List<String> unread, Map<String, Long> grown) {
    }

    static TrailCheck changesSince(Map<String, Long> before, Phases phases) {
        phases.time("settling", FuzzSystemTest::settle);
        Map<String, TrailCheck> checks = phases.time("trails and verification",
                () -> inParallel(TRAILS, trail -> trailChanges(trail, before.get(trail))));
        Map<String, Long> grown = new TreeMap<>();
        checks.values().forEach(c -> grown.putAll(c.grown()));
        return new TrailCheck(checks.values().stream().flatMap(c -> c.changes().stream()).toList(),
                checks.values().stream().flatMap(c -> c.unread().stream()).toList(), grown);
    }

    /**
     * Waits until the trails are still: the relay writes the trail just after the change, so an entry of
     * a request answered last may come a moment after its answer. Read every half second, the heads
     * must stay the same for {@link #STILL} (at most a minute: the refusals' summaries may keep coming).
     */
    static Map<String, Long> settle() {
        Map<String, Long> heads = trailHeads();
        Instant still = Instant.now();
        Instant deadline = still.plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline) && Duration.between(still, Instant.now()).compareTo(STILL) < 0) {
            sleep(Duration.ofMillis(500));
            Map<String, Long> now = trailHeads();
            if (!now.equals(heads)) {
                heads = now;
                still = Instant.now();
            }
        }
        return heads;
    }

    static final Duration STILL = Duration.ofSeconds(2);

    /** The most entries the audit endpoint lists in one answer (its {@code limit}, 1 to 1,000); older ones with {@code before=<seq>}. */
    static final int AUDIT_MOST = 1000;

    /**
     * One trail's entries after {@code from} by a fuzzing user (but the security log), and whether its chain is
     * intact. The entries are read back to entry {@code from + 1}, {@value #AUDIT_MOST} an answer ({@link #readBackTo}):
     * the chain is numbered without gaps (its verification checks that), so every entry since the fuzz started is
     * one of {@code from + 1 … newest}, and all of them must have been read. Otherwise the trail is reported unread.
     */
    static TrailCheck trailChanges(String trail, long from) {
        String base = trail.split(" ")[0];
        String site = trail.split(" ")[1];
        List<String> changes = new ArrayList<>();
        List<JsonNode> entries = readBackTo(from, before -> entries(trail, AUDIT_MOST, before), e -> e.path("seq").asLong());
        List<String> unread = unreadSince(trail, from, entries.stream().map(e -> e.path("seq").asLong()).toList());
        for (JsonNode entry : entries) {
            if (entry.path("seq").asLong() > from && USERS.containsKey(entry.path("actor").asString())
                    && !entry.path("action").asString().startsWith("security.")) {
                changes.add(trail + " #" + entry.path("seq").asLong() + " " + entry.path("action").asString()
                        + " by " + entry.path("actor").asString() + " on " + entry.path("subject").asString());
            }
        }
        JsonNode verification = JSON.readTree(TheOffice.gateway().get().uri(base + "/sites/{site}/audit/verification", site)
                .headers(h -> h.setBearerAuth(TheOffice.manager(site))).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        if (!verification.path("intact").asBoolean()) {
            changes.add(trail + " trail not intact: " + verification.path("problem").asString());
        }
        long newest = entries.stream().mapToLong(e -> e.path("seq").asLong()).max().orElse(from);
        return new TrailCheck(changes, unread, Map.of(trail, newest - from));
    }

    /**
     * Empty if the sequence numbers read hold every one of {@code from + 1 … newest}; else what was missed, e.g.
     * more entries written since the fuzz started than one answer lists.
     */
    static List<String> unreadSince(String trail, long from, List<Long> seqsRead) {
        long newest = seqsRead.stream().mapToLong(Long::longValue).max().orElse(from);
        if (newest < from) {
            return List.of(trail + ": its newest entry is #" + newest + ", but it stood at #" + from + " before the fuzz");
        }
        Set<Long> read = new java.util.HashSet<>(seqsRead);
        long missing = LongStream.rangeClosed(from + 1, newest).filter(seq -> !read.contains(seq)).count();
        if (missing == 0) {
            return List.of();
        }
        return List.of(trail + ": " + (newest - from) + " entries since the fuzz started (#" + (from + 1) + " to #" + newest
                + "), " + missing + " of them not among the newest " + seqsRead.size() + " read back from the audit endpoint"
                + ": the fuzz cannot tell that they are not its changes");
    }

    /**
     * A trail's entries, newest first, from its newest back to entry {@code from + 1} (or its first): the newest page
     * ({@code page.apply(null)}), then each page before the oldest number read ({@code page.apply(oldest)}), until a
     * page reaches {@code from + 1}, is short or empty, or does not go further back (then {@link #unreadSince} tells
     * what was missed, rather than this looping).
     */
    static <T> List<T> readBackTo(long from, java.util.function.Function<Long, List<T>> page, java.util.function.ToLongFunction<T> seq) {
        List<T> read = new ArrayList<>();
        List<T> next = page.apply(null);
        long oldest = Long.MAX_VALUE;
        while (!next.isEmpty()) {
            long oldestOfPage = next.stream().mapToLong(seq).min().orElseThrow();
            if (oldestOfPage >= oldest) {
                break; // it went no further back
            }
            read.addAll(next);
            if (oldestOfPage <= from + 1 || next.size() < AUDIT_MOST) {
                break;
            }
            oldest = oldestOfPage;
            next = page.apply(oldest);
        }
        return read;
    }

    static List<JsonNode> entries(String trail, int limit) {
        return entries(trail, limit, null);
    }

    /** The newest {@code limit} entries of a trail, or with {@code before} those numbered below it. */
    static List<JsonNode> entries(String trail, int limit, Long before) {
        String base = trail.split(" ")[0];
        String site = trail.split(" ")[1];
        String body = TheOffice.gateway().get().uri(base + "/sites/{site}/audit?limit={limit}" + (before == null ? "" : "&before={before}"),
                        before == null ? new Object[]{site, limit} : new Object[]{site, limit, before})
                .headers(h -> h.setBearerAuth(TheOffice.manager(site))).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        List<JsonNode> entries = new ArrayList<>();
        JSON.readTree(body).forEach(entries::add);
        return entries;
    }

    /** Services whose readiness is not UP, or that no longer answer a plain read through the gateway. */
    static List<String> unhealthy(Office office) {
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        inParallel(List.copyOf(BASE_PATHS.keySet()), module -> {
            String base = BASE_PATHS.get(module);
            String health = get(office.services().spec(module).healthUrl());
            if (!health.contains("\"UP\"")) {
                problems.add(module + " readiness: " + health);
            }
            // reception-service owns the site directory; the others show their copy of it
            String read = module.equals("reception-service") ? base + "/sites/SH01" : base + "/sites/SH01/profile";
            int status = TheOffice.gateway().get().uri(read)
                    .headers(h -> h.setBearerAuth(TheOffice.token("sh01-sales1"))).exchange()
                    .returnResult(String.class).getStatus().value();
            if (status != 200) {
                problems.add(module + " answers " + read + " with " + status);
            }
            return status;
        });
        return List.copyOf(problems);
    }

    /**
     * {@code work} done for every key at once, one thread each (the office, not this JVM, does the work),
     * answered in the keys' order; the first failure is thrown as it is.
     */
    static <K, V> Map<K, V> inParallel(List<K> keys, java.util.function.Function<K, V> work) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(keys.size());
        try {
            Map<K, java.util.concurrent.Future<V>> futures = new LinkedHashMap<>();
            keys.forEach(key -> futures.put(key, pool.submit(() -> work.apply(key))));
            Map<K, V> answers = new LinkedHashMap<>();
            for (Map.Entry<K, java.util.concurrent.Future<V>> future : futures.entrySet()) {
                answers.put(future.getKey(), future.getValue().get());
            }
            return answers;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** How long each phase outside the sending took, printed so that a slow run shows where its time went. */
    static final class Phases {
        private final Map<String, Long> millis = new LinkedHashMap<>();

        <T> T time(String phase, java.util.function.Supplier<T> work) {
            long started = System.nanoTime();
            try {
                return work.get();
            } finally {
                millis.merge(phase, (System.nanoTime() - started) / 1_000_000, Long::sum);
            }
        }

        @Override
        public String toString() {
            return millis.entrySet().stream().map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / 1000.0))
                    .collect(Collectors.joining(", "));
        }
    }

    static String get(String url) {
        try {
            HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (Exception e) {
            return "no answer: " + e;
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
