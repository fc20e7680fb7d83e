package io.anchang.platform.events;

import io.anchang.platform.events.customer.SurveyScored;
import io.anchang.platform.events.reception.MeetingRecorded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class EventContractsTest {

    private static final Pattern TYPE = Pattern.compile("(reception|customer|deal|finance)\\.[a-z]+(-[a-z]+)*");

    @Test
    @DisplayName("every contract is registered under a stable name of its service, published on that service's topic, one name each")
    void everyContractIsRegisteredOnce() {
        Map<String, Class<?>> registered = EventContracts.registered();
        assertThat(registered).hasSizeGreaterThan(50);
        registered.forEach((key, type) -> {
            EventContract contract = EventContracts.of(type);
            assertThat(type.isRecord()).as(type.getName() + " is an immutable record").isTrue();
            assertThat(contract.type()).as(type.getName()).matches(TYPE);
            String service = contract.type().substring(0, contract.type().indexOf('.'));
            assertThat(contract.topic()).as(type.getName()).isEqualTo("anchang." + service + ".v1");
            assertThat(type.getPackageName()).as(type.getName()).endsWith(".events." + service);
        });
    }

    @Test
    @DisplayName("a contract is found by its type name and version, never by its Java class name")
    void foundByTypeName() {
        assertThat(EventContracts.byType("customer.survey-scored", 1)).contains(SurveyScored.class);
        assertThat(EventContracts.byType("reception.meeting-recorded", 1)).contains(MeetingRecorded.class);
        assertThat(EventContracts.byType("customer.survey-scored", 2)).isEmpty();
        assertThat(EventContracts.byType(SurveyScored.class.getName(), 1)).isEmpty();
    }
}
