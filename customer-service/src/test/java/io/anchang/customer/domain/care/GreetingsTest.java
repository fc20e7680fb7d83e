package io.anchang.customer.domain.care;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GreetingsTest {

    private static CareProfile profile(String customerId, boolean festivals, CareProfile.Person... people) {
        return CareProfile.write(customerId, "SH01", "SH01-" + customerId, List.of("高尔夫"), null, null, List.of(people), festivals,
                new CareProfile.Gift(CareProfile.Gift.Kind.CAKE, "蛋糕"), null, null, "rep", Instant.EPOCH);
    }

    private static CareProfile.Person mother() {
        return new CareProfile.Person("王阿姨", CareProfile.Relation.PARENT,
                Birthday.of(Birthday.Calendar.LUNAR, null, 8, 15, false, LocalDate.of(2025, 1, 1)));
    }

    @Test
    @DisplayName("R-CUS-8 on Mid-Autumn 2026 the list holds the mother's lunar birthday with the cake, the holiday for owners and those who asked, nobody else")
    void theListOfADay() {
        LocalDate midAutumn = LocalDate.of(2026, 9, 25);
        List<Greetings.Greeting> list = Greetings.on(midAutumn, List.of(
                new Greetings.Candidate("c1", "SH01-000001", "孙女士", "138****8000", "rep1", profile("c1", false, mother()), false, true),
                new Greetings.Candidate("c2", "SH01-000002", "周先生", "139****0101", "rep1", null, true, true),
                new Greetings.Candidate("c3", "SH01-000003", "吴先生", "137****0103", "rep1", profile("c3", true), false, true),
                new Greetings.Candidate("c4", "SH01-000004", "郑女士", "136****0104", "rep1", profile("c4", false), false, true)));
        assertThat(list).extracting(g -> g.archiveNo() + " " + g.kind() + " " + g.occasion()).containsExactly(
                "SH01-000001 BIRTHDAY 父母王阿姨生日（农历8月十五）",
                "SH01-000002 FESTIVAL 中秋节",
                "SH01-000003 FESTIVAL 中秋节");
        assertThat(list.get(0).gift().kind()).isEqualTo(CareProfile.Gift.Kind.CAKE);
    }

    @Test
    @DisplayName("R-CUS-13 a customer who withdrew consent to be contacted is on no greeting list")
    void withdrawnConsentIsOnNoList() {
        LocalDate midAutumn = LocalDate.of(2026, 9, 25);
        assertThat(Greetings.on(midAutumn, List.of(
                new Greetings.Candidate("c1", "SH01-000001", "孙女士", "138****8000", "rep1", profile("c1", true, mother()), true, false))))
                .isEmpty();
        assertThat(Greetings.on(midAutumn, List.of(new Greetings.Candidate("c1", "SH01-000001", "孙女士", "138****8000", "rep1",
                profile("c1", true, mother()).erased("rep", Instant.EPOCH), false, true)))).isEmpty();
    }
}
