package io.anchang.customer.domain.privacy;

import io.anchang.platform.problem.ProblemException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    /** GB 11643's own example number. */
    static final String VALID = "11010519491231002X";

    @Test
    @DisplayName("R-CUS-13 an ID number is checked — 18 characters, a real birth date, the check digit — and shown masked like a phone")
    void checkedAndMasked() {
        IdNumber number = IdNumber.parse(" 11010519491231002x ", TODAY);
        assertThat(number.value()).isEqualTo(VALID);
        assertThat(number.masked()).isEqualTo("110***********002X");
        assertThat(number.toString()).doesNotContain("19491231");
        assertThat(number.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    }

    @Test
    @DisplayName("R-CUS-13 bad ID numbers: a wrong check digit, 17 characters, a birth date that does not exist or lies ahead, letters")
    void badNumbersAreRefused() {
        assertThatThrownBy(() -> IdNumber.parse("110105194912310021", TODAY)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("校验位不符");
        assertThatThrownBy(() -> IdNumber.parse("11010519491231002", TODAY)).hasMessageContaining("18 位");
        assertThatThrownBy(() -> IdNumber.parse("110105194902300021", TODAY)).hasMessageContaining("不存在");
        assertThatThrownBy(() -> IdNumber.parse("110105209912310021", TODAY)).hasMessageContaining("不可能");
        assertThatThrownBy(() -> IdNumber.parse("1101051949A231002X", TODAY)).hasMessageContaining("前 17 位应为数字");
    }

    @Test
    @DisplayName("R-CUS-13 withdrawing consent to keep the data withdraws consent to be contacted and erases the ID number; the history keeps every change")
    void withdrawingConsent() {
        Instant at = Instant.parse("2026-12-06T02:00:00Z");
        PersonalData data = PersonalData.none("c1", "SH01", "SH01-000001")
                .consented(PersonalData.Which.KEEP_DATA, true, PersonalData.How.WRITTEN, "签署个人信息授权书", "rep1", at)
                .consented(PersonalData.Which.CONTACT, true, PersonalData.How.WRITTEN, null, "rep1", at)
                .withIdNumber(IdNumber.parse(VALID, TODAY), "rep1", at);
        assertThat(data.contactAllowed()).isTrue();
        PersonalData withdrawn = data.consented(PersonalData.Which.KEEP_DATA, false, PersonalData.How.PHONE, "客户来电要求删除", "rep1",
                at.plusSeconds(60));
        assertThat(withdrawn.contactAllowed()).isFalse();
        assertThat(withdrawn.idNumber()).isNull();
        assertThat(withdrawn.history()).extracting(c -> c.which() + ":" + c.given())
                .containsExactly("KEEP_DATA:true", "CONTACT:true", "KEEP_DATA:false", "CONTACT:false");
        assertThatThrownBy(() -> withdrawn.consented(PersonalData.Which.CONTACT, true, PersonalData.How.PHONE, null, "rep1", at))
                .hasMessageContaining("须先重新同意保存资料");
        assertThatThrownBy(() -> withdrawn.withIdNumber(IdNumber.parse(VALID, TODAY), "rep1", at)).hasMessageContaining("撤回");
        assertThat(withdrawn.consented(PersonalData.Which.KEEP_DATA, false, PersonalData.How.PHONE, null, "rep1", at)).isSameAs(withdrawn);
    }
}
