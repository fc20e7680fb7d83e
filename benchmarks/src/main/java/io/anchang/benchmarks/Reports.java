package io.anchang.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reports (R-RPT, flow 3): {@code --sites} sites × {@code --days} days of synthetic events published to the four
 * topics as the services publish them — each site and day a call and a walk-in (registered, attributed, seen off;
 * a new customer six times in ten), every third day a hold with a small deposit confirmed at the finance desk,
 * half of them upgraded two days later to a big deposit with its credit shares; each site a building of 120 units.
 * Measured in one run:
 * <ul>
 *   <li>projection throughput: events/s from the first publish until reporting-service's read models have
 *       read every topic to its end (its positions, kept with the read models, against Kafka's end offsets);</li>
 *   <li>the raw insert rate of the same store: the same events inserted as plain documents, in batches of
 *       1,000 from one thread (the projection is one writer too);</li>
 *   <li>head office's monthly report across every site, as JSON and as .xlsx, through the gateway with a real
 *       HEAD_OFFICE token;</li>
 *   <li>that a report's cost does not grow with the events behind it: one month gets four times the events,
 *       and the same report reads the same number of counter sheets, in about the same time.</li>
 * </ul>
 * Checks: the report's visits and calls of that month equal what was published. The bench sites (BM001 …)
 * stay in the office afterwards, like any site; {@code ./anchang down} and removing {@code .anchang/data}
 * starts afresh.
 *
 * <pre>./bench reports [--sites 200] [--days 365] [--year 2025] [--gateway http://localhost:8080]
 *                    [--keycloak http://localhost:8180] [--kafka 127.0.0.1:9192] [--mongo mongodb://127.0.0.1:27117]</pre>
 */
public final class Reports {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final int REPS = 5;
    private static final int UNITS = 120;
    private static final String PASSWORD = "demo1234";

    private final int sites;
    private final int days;
    private final LocalDate first;
    private final String run;
    private final Map<String, Integer> eventsByMonth = new HashMap<>();
    private final Map<String, long[]> visitsAndCallsByMonth = new HashMap<>();

    private Reports(int sites, int days, LocalDate first, String run) {
        this.sites = sites;
        this.days = days;
        this.first = first;
        this.run = run;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String gateway = o.getOrDefault("gateway", "http://localhost:8080");
        String keycloak = o.getOrDefault("keycloak", "http://localhost:8180");
        String kafka = o.getOrDefault("kafka", "127.0.0.1:9192");
        String mongo = o.getOrDefault("mongo", "mongodb://127.0.0.1:27117");
        int sites = Integer.parseInt(o.getOrDefault("sites", "200"));
        int days = Integer.parseInt(o.getOrDefault("days", "365"));
        int year = Integer.parseInt(o.getOrDefault("year", String.valueOf(LocalDate.now(SHANGHAI).getYear() - 1)));
        // a run's ids are its own, so that a second run adds to the office rather than repeating the first
        String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36).toUpperCase();
        Reports bench = new Reports(sites, days, LocalDate.of(year, 1, 1), run);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String headOffice = token(http, keycloak, "hq-analyst");
        // the month measured: June of a whole year, else the month around the middle of the days given
        YearMonth month = YearMonth.from(bench.first.plusDays(Math.min(days - 1, 160)));

        System.out.printf("reports: %d sites × %d days from %s (run %s)%n", sites, days, bench.first, run);
        Kafka topics = new Kafka(kafka);
        long[] before = topics.ends();
        long[] baseline = bench.counted(http, gateway, headOffice, month);

        // 1. publish, and let reporting-service project while it is published
        long started = System.nanoTime();
        long published;
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            published = bench.generate(1, event -> producer.send(new ProducerRecord<>(event.topic, event.key, event.json)));
            producer.flush();
        }
        double publishSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("published %,d events in %.1f s (%,.0f/s)%n", published, publishSeconds, published / publishSeconds);
        long[] ends = topics.ends();
        Projected projected = awaitProjected(mongo, topics, ends, started);
        double projectSeconds = (projected.at - started) / 1e9;
        System.out.printf("projected %,d records in %.1f s (%,.0f/s)%n", Arrays.stream(ends).sum() - Arrays.stream(before).sum(),
                projectSeconds, published / projectSeconds);

        // 2. the raw rate of the same inserts into the same store
        Raw raw = raw(mongo, bench);
        System.out.printf("raw inserts: %,d documents in %.1f s (%,.0f/s)%n", raw.documents, raw.seconds, raw.documents / raw.seconds);

        // 3. head office's monthly report and its download; a token of its own, since a full run outlives the first
        headOffice = token(http, keycloak, "hq-analyst");
        Timing json1 = time(http, gateway, headOffice, "/api/reports/head-office?period=MONTH&date=" + month.atDay(15), 10);
        Timing xlsx1 = time(http, gateway, headOffice, "/api/reports/head-office?period=MONTH&date=" + month.atDay(15) + "&format=xlsx", 10);
        boolean sound = bench.check(http, gateway, headOffice, month, baseline);

        // 4. four times the events in that month: the same report reads as many sheets, in about the same time
        int monthEvents = bench.eventsByMonth.getOrDefault(month.toString(), 0);
        long extraStarted = System.nanoTime();
        long extra;
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            extra = bench.generateMonth(month, 3, event -> producer.send(new ProducerRecord<>(event.topic, event.key, event.json)));
            producer.flush();
        }
        awaitProjected(mongo, topics, topics.ends(), extraStarted);
        headOffice = token(http, keycloak, "hq-analyst");
        Timing json2 = time(http, gateway, headOffice, "/api/reports/head-office?period=MONTH&date=" + month.atDay(15), 10);
        Timing xlsx2 = time(http, gateway, headOffice, "/api/reports/head-office?period=MONTH&date=" + month.atDay(15) + "&format=xlsx", 10);
        sound &= bench.check(http, gateway, headOffice, month, baseline);

        System.out.println();
        System.out.printf("| measure | %d sites × %d days |%n", sites, days);
        System.out.println("|---|---|");
        System.out.printf("| events published | %,d (%,.0f/s to Kafka) |%n", published, published / publishSeconds);
        System.out.printf("| projection: events/s (publish start → every topic read to its end) | %,.0f (%.1f s) |%n",
                published / projectSeconds, projectSeconds);
        System.out.printf("| raw insert rate of the same events into the stand-in (batches of 1,000, one thread) | %,.0f/s (%.1f s) |%n",
                raw.documents / raw.seconds, raw.seconds);
        System.out.printf("| projection ÷ raw | %.2f |%n", (published / projectSeconds) / (raw.documents / raw.seconds));
        System.out.println();
        System.out.printf("| head office, %s, all %d+ sites | events in the month | sheets read | JSON p50 / max | .xlsx p50 / max (size) |%n",
                month, sites);
        System.out.println("|---|---|---|---|---|");
        System.out.printf("| as published | %,d | %d | %.0f ms / %.0f ms | %.0f ms / %.0f ms (%,d bytes) |%n", monthEvents,
                json1.sheets, json1.p50, json1.max, xlsx1.p50, xlsx1.max, xlsx1.bytes);
        System.out.printf("| with 4× the events | %,d | %d | %.0f ms / %.0f ms | %.0f ms / %.0f ms (%,d bytes) |%n", monthEvents + extra,
                json2.sheets, json2.p50, json2.max, xlsx2.p50, xlsx2.max, xlsx2.bytes);
        sound &= json1.sheets == json2.sheets && json1.sheets > 0;
        System.out.println(sound ? "THE REPORTS ADD UP (and read the same sheets with 4× the events)" : "CHECK FAILED — see above");
        System.exit(sound ? 0 : 1);
    }

    // ---- the synthetic office ----

    /** One event on the wire. */
    record Event(String topic, String key, String json) {
    }

    /** Publishes the whole run: the sites, their units, then day by day every site's day; the events sent. */
    long generate(int density, Consumer<Event> out) {
        long count = 0;
        List<SiteState> states = new ArrayList<>();
        for (int s = 1; s <= sites; s++) {
            SiteState site = new SiteState(s);
            states.add(site);
            count += site.open(out);
        }
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            for (SiteState site : states) {
                int n = site.day(day, density, out);
                count += n;
                eventsByMonth.merge(YearMonth.from(day).toString(), n, Integer::sum);
            }
        }
        this.states = states;
        return count;
    }

    private List<SiteState> states = List.of();

    /** Adds {@code times} more of the usual walk-ins and calls on every day of {@code month} at every site. */
    long generateMonth(YearMonth month, int times, Consumer<Event> out) {
        long count = 0;
        for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
            for (SiteState site : states) {
                int n = site.traffic(day, times, out);
                count += n;
                eventsByMonth.merge(month.toString(), n, Integer::sum);
            }
        }
        return count;
    }

    /** One bench site as the generator keeps it: its customers and its next unit. */
    private final class SiteState {
        final String code;
        final SplittableRandom random;
        final List<String> customers = new ArrayList<>();
        final Map<String, String> ownerOf = new HashMap<>();
        int nextUnit;
        int seq;
        final List<Object[]> pendingBig = new ArrayList<>();

        SiteState(int index) {
            this.code = String.format("BM%03d", index);
            this.random = new SplittableRandom(index * 7919L);
        }

        String rep(int i) {
            return code.toLowerCase() + "-rep" + i;
        }

        String id(String kind) {
            return code + "-" + run + "-" + kind + (++seq);
        }

        int open(Consumer<Event> out) {
            ArrayNode staff = JSON.createArrayNode();
            staff.add(JSON.createObjectNode().put("userId", code.toLowerCase() + "-manager").put("name", "经理" + code)
                    .put("role", "MANAGER").put("active", true));
            for (int r = 1; r <= REPS; r++) {
                staff.add(JSON.createObjectNode().put("userId", rep(r)).put("name", "顾问" + code + "-" + r).put("role", "SALES").put("active", true));
            }
            ObjectNode site = JSON.createObjectNode().put("code", code).put("name", "压测案场" + code).put("timeZone", "Asia/Shanghai")
                    .put("revision", 1_000_000 + Long.parseLong(run, 36) % 1_000_000);
            site.set("staff", staff);
            site.set("policies", JSON.createArrayNode());
            int n = 0;
            n += emit(out, "anchang.reception.v1", "reception.site-profile-changed", code, Instant.parse(first + "T00:00:00Z"),
                    JSON.createObjectNode().put("change", "REGISTERED").set("site", site));
            Instant at = first.atStartOfDay(SHANGHAI).toInstant().minusSeconds(86_400);
            for (int u = 0; u < UNITS; u++) {
                String unit = unitId(u);
                ObjectNode p = JSON.createObjectNode().put("unitId", unit).put("siteId", code).put("unitLabel", label(u))
                        .put("buildingCode", "1").put("number", String.valueOf(u)).put("floor", u / 6 + 1).put("layout", "三室两厅")
                        .put("area", new BigDecimal(80 + u % 60 + ".50")).put("listPrice", new BigDecimal(2_000_000 + u * 10_000 + ".00"))
                        .put("orientation", "南").put("grade", "A").put("source", "PRICE_LIST").put("importId", code + "-import")
                        .put("imported", UNITS).put("addedBy", "bench").put("addedAt", at.toString());
                n += emit(out, "anchang.deal.v1", "deal.unit-added", unit, at, p);
            }
            return n;
        }

        String unitId(int u) {
            return code + "-" + run + "-U" + u;
        }

        String label(int u) {
            return "1-" + (u / 6 + 1) + String.format("%02d", u % 6 + 1);
        }

        /** A day of the site: calls and walk-ins, every third day a hold with a small deposit, upgrades two days later. */
        int day(LocalDate day, int density, Consumer<Event> out) {
            int n = traffic(day, density, out);
            Instant open = day.atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant();
            // the upgrades due today
            for (var it = pendingBig.iterator(); it.hasNext(); ) {
                Object[] deal = it.next();
                if (!((LocalDate) deal[0]).isAfter(day)) {
                    n += big((String) deal[1], (Integer) deal[2], (String) deal[3], (String) deal[4], open.plusSeconds(7200), out);
                    it.remove();
                }
            }
            if (random.nextInt(3) == 0 && nextUnit < UNITS && !customers.isEmpty()) {
                String customer = customers.get(random.nextInt(customers.size()));
                String rep = ownerOf.get(customer);
                int unit = nextUnit++;
                String hold = id("H");
                Instant held = open.plusSeconds(3600);
                n += emit(out, "anchang.deal.v1", "deal.unit-held", unitId(unit), held, JSON.createObjectNode().put("unitId", unitId(unit))
                        .put("siteId", code).put("unitLabel", label(unit)).put("holdId", hold).put("customerId", customer).put("repUserId", rep)
                        .put("repName", rep).put("heldAt", held.toString()).put("expiresAt", held.plusSeconds(1800).toString()));
                String request = id("Q");
                Instant confirmed = held.plusSeconds(600);
                n += confirm(request, unitId(unit), hold, "SMALL", "20000.00", confirmed, out);
                n += emit(out, "anchang.deal.v1", "deal.small-deposit-taken", unitId(unit), confirmed, JSON.createObjectNode()
                        .put("dealId", hold).put("siteId", code).put("unitId", unitId(unit)).put("unitLabel", label(unit))
                        .put("customerId", customer).put("repUserId", rep).put("requestId", request).put("receiptNo", request)
                        .put("amount", new BigDecimal("20000.00")).put("price", price(unit)).put("lapsesOn", day.plusDays(7).toString())
                        .put("takenAt", confirmed.toString()));
                if (random.nextBoolean()) {
                    pendingBig.add(new Object[]{day.plusDays(2), hold, unit, customer, rep});
                }
            }
            return n;
        }

        BigDecimal price(int unit) {
            return new BigDecimal(1_950_000 + unit * 10_000 + ".00");
        }

        int big(String hold, int unit, String customer, String rep, Instant at, Consumer<Event> out) {
            String request = id("Q");
            int n = confirm(request, unitId(unit), hold, "BIG", "80000.00", at, out);
            n += emit(out, "anchang.deal.v1", "deal.big-deposit-signed", unitId(unit), at, JSON.createObjectNode().put("dealId", hold)
                    .put("siteId", code).put("unitId", unitId(unit)).put("unitLabel", label(unit)).put("customerId", customer)
                    .put("repUserId", rep).put("price", price(unit)).put("deposit", new BigDecimal("100000.00"))
                    .put("agreementNo", "RG-" + hold).put("signedAt", at.toString()));
            ObjectNode credit = JSON.createObjectNode().put("dealId", hold).put("siteId", code).put("unitId", unitId(unit))
                    .put("ruleId", "R-ATT-4").put("needsManagerRuling", false).put("provisional", true).put("validAt", at.toString());
            credit.set("shares", JSON.createArrayNode().add(JSON.createObjectNode().put("userId", rep).put("credit", BigDecimal.ONE)
                    .put("bonusPercent", 100)));
            n += emit(out, "anchang.deal.v1", "deal.credit-recorded", unitId(unit), at, credit);
            return n;
        }

        int confirm(String request, String unit, String hold, String kind, String amount, Instant at, Consumer<Event> out) {
            return emit(out, "anchang.finance.v1", "finance.deposit-confirmed", request, at, JSON.createObjectNode().put("requestId", request)
                    .put("siteId", code).put("unitId", unit).put("holdId", hold).put("kind", kind).put("receiptNo", request)
                    .put("amount", new BigDecimal(amount)).put("method", "TRANSFER").put("reference", "bench")
                    .put("confirmedBy", code.toLowerCase() + "-finance").put("confirmedAt", at.toString()));
        }

        /** {@code times} × (a call and a walk-in) on the day. */
        int traffic(LocalDate day, int times, Consumer<Event> out) {
            int n = 0;
            Instant open = day.atTime(LocalTime.of(9, 0)).atZone(SHANGHAI).toInstant();
            long[] counted = visitsAndCallsByMonth.computeIfAbsent(YearMonth.from(day).toString(), m -> new long[2]);
            for (int t = 0; t < times; t++) {
                for (int c = 0; c < 1; c++) {
                    String call = id("C");
                    Instant at = open.plusSeconds(random.nextInt(36_000));
                    n += emit(out, "anchang.reception.v1", "reception.call-registered", call, at, JSON.createObjectNode().put("callId", call)
                            .put("siteId", code).put("requestId", call).put("at", at.toString()).put("phoneMasked", "138****0000")
                            .put("receivedBy", rep(1 + random.nextInt(REPS))).put("attributionPending", false));
                    counted[1]++;
                }
                for (int v = 0; v < 1; v++) {
                    String visit = id("V");
                    Instant at = open.plusSeconds(random.nextInt(36_000));
                    boolean returning = !customers.isEmpty() && random.nextInt(10) < 4;
                    String customer = returning ? customers.get(random.nextInt(customers.size())) : id("K");
                    String rep = returning ? ownerOf.get(customer) : rep(1 + random.nextInt(REPS));
                    if (!returning) {
                        customers.add(customer);
                        ownerOf.put(customer, rep);
                        n += emit(out, "anchang.customer.v1", "customer.registered", customer, at, JSON.createObjectNode()
                                .put("customerId", customer).put("siteId", code).put("archiveNo", customer).put("name", "客户")
                                .put("phoneMasked", "139****0000").put("source", random.nextBoolean() ? "VISIT" : "REFERRAL")
                                .put("ownerRep", rep).put("registeredAt", at.toString()));
                    }
                    n += emit(out, "anchang.reception.v1", "reception.visit-registered", visit, at, JSON.createObjectNode()
                            .put("visitId", visit).put("siteId", code).put("requestId", visit).put("at", at.toString())
                            .put("phoneMasked", "139****0000").put("customerId", customer).put("servedBy", rep).put("usedTurn", !returning)
                            .put("queued", false).put("attributionPending", false).put("registeredBy", rep));
                    n += emit(out, "anchang.customer.v1", "customer.visit-attributed", customer, at, JSON.createObjectNode()
                            .put("visitId", visit).put("siteId", code).put("customerId", customer).put("archiveNo", customer)
                            .put("phoneMasked", "139****0000").put("servedBy", rep).put("role", returning ? "OWNER" : "RECEIVER")
                            .put("usesTurn", !returning).put("ownerRep", rep).put("ruleId", returning ? "R-ATT-4" : "R-ATT-1")
                            .put("rule", "bench").put("at", at.toString()).set("shares", JSON.createArrayNode()));
                    n += emit(out, "anchang.reception.v1", "reception.customer-seen-off", visit, at, JSON.createObjectNode()
                            .put("visitId", visit).put("siteId", code).put("rep", rep).put("customerId", customer)
                            .put("startedAt", at.toString()).put("endedAt", at.plusSeconds(1500).toString()).put("durationSeconds", 1500));
                    counted[0]++;
                }
            }
            return n;
        }

        private int emit(Consumer<Event> out, String topic, String type, String key, Instant at, ObjectNode payload) {
            ObjectNode envelope = JSON.createObjectNode().put("eventId", UUID.randomUUID().toString()).put("type", type).put("version", 1)
                    .put("occurredAt", at.toString()).put("siteId", code).put("aggregateId", key).put("actor", "bench");
            envelope.set("payload", payload);
            out.accept(new Event(topic, key, JSON.writeValueAsString(envelope)));
            return 1;
        }
    }

    /** The visits and calls of the bench sites in head office's report of the month. */
    long[] counted(HttpClient http, String gateway, String token, YearMonth month) throws Exception {
        JsonNode report = JSON.readTree(get(http, gateway, token, "/api/reports/head-office?period=MONTH&date=" + month.atDay(15)).body());
        long[] counted = new long[2];
        for (JsonNode table : report.path("tables")) {
            if (table.path("key").asString().equals("sites")) {
                for (JsonNode row : table.path("rows")) {
                    if (row.path("site").asString().startsWith("BM")) {
                        counted[0] += row.path("visits").asLong();
                        counted[1] += row.path("calls").asLong();
                    }
                }
            }
        }
        return counted;
    }

    /** Head office's report of the month shows exactly the visits and calls this run published, on top of what was there. */
    boolean check(HttpClient http, String gateway, String token, YearMonth month, long[] baseline) throws Exception {
        long[] counted = counted(http, gateway, token, month);
        long[] expected = visitsAndCallsByMonth.getOrDefault(month.toString(), new long[2]);
        boolean ok = counted[0] - baseline[0] == expected[0] && counted[1] - baseline[1] == expected[1];
        System.out.printf("check %s: the report shows %,d visits and %,d calls more than before the run; published %,d and %,d%s%n", month,
                counted[0] - baseline[0], counted[1] - baseline[1], expected[0], expected[1], ok ? "" : "  <-- MISMATCH");
        return ok;
    }

    // ---- measuring ----

    record Projected(long at) {
    }

    /** Waits until reporting-service's active read models have read every partition to {@code ends}. */
    static Projected awaitProjected(String mongo, Kafka topics, long[] ends, long started) throws InterruptedException {
        try (MongoClient client = MongoClients.create(mongo)) {
            MongoDatabase db = client.getDatabase("reporting");
            long lastReport = 0;
            while (true) {
                Document generations = db.getCollection("projection_generations").find(new Document("_id", "generations")).first();
                int active = generations == null ? 1 : generations.get("active", Number.class).intValue();
                Document positions = db.getCollection("projection_positions").find(new Document("_id", "g" + active)).first();
                long behind = 0;
                Map<String, Long> at = new HashMap<>();
                if (positions != null) {
                    for (Document p : positions.getList("positions", Document.class)) {
                        at.put(p.getString("topic") + "|" + p.get("partition", Number.class).intValue(), p.get("offset", Number.class).longValue());
                    }
                }
                for (int i = 0; i < topics.partitions.size(); i++) {
                    TopicPartition partition = topics.partitions.get(i);
                    behind += Math.max(0, ends[i] - at.getOrDefault(partition.topic() + "|" + partition.partition(), 0L));
                }
                long now = System.nanoTime();
                if (behind == 0) {
                    return new Projected(now);
                }
                if (now - lastReport > 15e9) {
                    System.out.printf("  … %,d records still to project after %.0f s%n", behind, (now - started) / 1e9);
                    lastReport = now;
                }
                Thread.sleep(200);
            }
        }
    }

    record Raw(long documents, double seconds) {
    }

    /** The same events, generated again from the same seeds, inserted as plain documents, then dropped. */
    static Raw raw(String mongo, Reports bench) {
        Reports again = new Reports(bench.sites, bench.days, bench.first, bench.run + "R");
        try (MongoClient client = MongoClients.create(mongo)) {
            MongoCollection<Document> collection = client.getDatabase("bench_raw").getCollection("events_" + System.currentTimeMillis());
            List<Document> batch = new ArrayList<>(1000);
            long[] count = {0};
            long started = System.nanoTime();
            again.generate(1, event -> {
                batch.add(Document.parse(event.json));
                if (batch.size() == 1000) {
                    collection.insertMany(batch);
                    count[0] += batch.size();
                    batch.clear();
                }
            });
            if (!batch.isEmpty()) {
                collection.insertMany(batch);
                count[0] += batch.size();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            collection.drop();
            return new Raw(count[0], seconds);
        }
    }

    record Timing(double p50, double max, int sheets, long bytes) {
    }

    static Timing time(HttpClient http, String gateway, String token, String path, int runs) throws Exception {
        for (int i = 0; i < 2; i++) {
            get(http, gateway, token, path);
        }
        double[] ms = new double[runs];
        int sheets = 0;
        long bytes = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> response = get(http, gateway, token, path);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            sheets = Integer.parseInt(response.headers().firstValue("X-Report-Sheets-Read").orElse("0"));
            bytes = response.body().length;
        }
        Arrays.sort(ms);
        return new Timing(ms[runs / 2], ms[runs - 1], sheets, bytes);
    }

    static HttpResponse<byte[]> get(HttpClient http, String gateway, String token, String path) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response;
    }

    /** The partitions of the four topics and their end offsets. */
    static final class Kafka {
        final KafkaConsumer<String, String> consumer;
        final List<TopicPartition> partitions = new ArrayList<>();

        Kafka(String bootstrap) {
            consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap), new StringDeserializer(), new StringDeserializer());
            for (String topic : List.of("anchang.reception.v1", "anchang.customer.v1", "anchang.deal.v1", "anchang.finance.v1")) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            consumer.assign(partitions);
        }

        long[] ends() {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            return partitions.stream().mapToLong(p -> ends.getOrDefault(p, 0L)).toArray();
        }
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer());
    }

    private static String token(HttpClient http, String keycloak, String user) throws Exception {
        String form = "grant_type=password&client_id=anchang-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + PASSWORD;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/anchang/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
