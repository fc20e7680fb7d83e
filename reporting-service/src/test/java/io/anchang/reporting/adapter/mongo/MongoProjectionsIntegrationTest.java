package io.anchang.reporting.adapter.mongo;

import com.mongodb.reactivestreams.client.MongoClients;
import io.anchang.reporting.application.projection.ProjectionStore;
import io.anchang.reporting.domain.Axis;
import io.anchang.reporting.domain.CallEntry;
import io.anchang.reporting.domain.EntryKind;
import io.anchang.reporting.domain.EntryRef;
import io.anchang.reporting.domain.Metric;
import io.anchang.reporting.domain.Period;
import io.anchang.reporting.domain.Sheet;
import io.anchang.reporting.domain.SheetId;
import io.anchang.reporting.domain.Tally;
import io.anchang.testing.SharedMongo;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The projection's store against the MongoDB stand-in over the wire: a commit, and a commit a crash interrupted. */
class MongoProjectionsIntegrationTest {

    private static final String DATABASE = "projection-store-it";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    private final ReactiveMongoTemplate template = template();

    private static ReactiveMongoTemplate template() {
        var factory = new org.springframework.data.mongodb.core.SimpleReactiveMongoDatabaseFactory(
                MongoClients.create(SharedMongo.uri(DATABASE)), DATABASE);
        var context = new org.springframework.data.mongodb.core.mapping.MongoMappingContext();
        var conversions = new MongoCustomConversions(List.of(new io.anchang.reporting.config.ReportingConfiguration.DayToText(),
                new io.anchang.reporting.config.ReportingConfiguration.TextToDay()));
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        var converter = new org.springframework.data.mongodb.core.convert.MappingMongoConverter(
                org.springframework.data.mongodb.core.convert.NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        return new ReactiveMongoTemplate(factory, converter);
    }

    @Test
    @DisplayName("R-RPT a commit a crash interrupted is finished on the next start; finishing it again changes nothing")
    void anInterruptedCommitIsFinished() {
        MongoProjections projections = new MongoProjections(template);
        int generation = 7;
        ProjectionStore store = projections.store(generation);
        CallEntry call = CallEntry.empty("C1", "SH01").registered(DAY, Instant.parse("2026-11-25T02:00:00Z"), "rep1", null).seeing("e1");
        SheetId day = SheetId.of("SH01", Period.day(DAY));
        Sheet sheet = Sheet.empty(day).plus(Map.of(Axis.REP, "rep1"), Tally.of(Metric.CALLS, 1));
        store.commit(new ProjectionStore.Commit(List.of(), List.of(call), List.of(), List.of(sheet), Map.of("anchang.reception.v1|0", 5L), 5));
        assertThat(store.sheets(Set.of(day)).get(day).total().get(Metric.CALLS)).isEqualTo(1);

        // the process stops right after writing the next batch's journal: nothing of it is in the collections yet
        Sheet two = sheet.plus(Map.of(Axis.REP, "rep1"), Tally.of(Metric.CALLS, 1));
        Document write = new Document("c", MongoProjections.sheets(generation)).append("i", false).append("d", Documents.of(two));
        Document positions = new Document("_id", "g" + generation).append("positions", List.of(new Document("topic", "anchang.reception.v1")
                .append("partition", 0).append("offset", 6L))).append("events", 6L);
        template.insert(new Document("_id", "g" + generation).append("writes", Journal.pack(List.of(write))).append("positions", positions),
                MongoProjections.JOURNAL).block();

        ProjectionStore restarted = projections.store(generation);
        restarted.recover();
        restarted.recover();
        assertThat(restarted.sheets(Set.of(day)).get(day).total().get(Metric.CALLS)).isEqualTo(2);
        assertThat(restarted.positions()).containsEntry("anchang.reception.v1|0", 6L);
        assertThat(template.findById("g" + generation, Document.class, MongoProjections.JOURNAL).block()).isNull();
        assertThat(restarted.entries(Set.of(new EntryRef(EntryKind.CALL, "C1")))).containsKey(new EntryRef(EntryKind.CALL, "C1"));
        projections.dropOthers();
    }
}
