package io.anchang.platform.web;

import io.anchang.platform.validation.Echo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.codec.DecodingException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What a problem detail repeats of the input (issue 9): never more than {@link Echo} allows, control characters as {@code ?}. */
class ProblemDetailsAdviceTest {

    static final String SENT = "Q".repeat(10_000);
    static final String TOO_MUCH = "Q".repeat(Echo.MAX + 1);

    record Body(String name, LocalDate day, Kind kind, int count) {
    }

    enum Kind { A, B }

    private static String described(String json) {
        JsonMapper mapper = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        JacksonException parsed = catchThrowableOfType(JacksonException.class, () -> mapper.readValue(json, Body.class));
        assertThat(parsed).as(json.substring(0, 30)).isNotNull();
        return ProblemDetailsAdvice.describeInput(new ServerWebInputException("Failed to read HTTP message", null,
                new DecodingException("JSON decoding error", parsed)));
    }

    @Test
    @DisplayName("issue 9: a 10,000-character value, token or field name comes back as at most 40 characters and its length")
    void oversizedInputIsEchoedBounded() {
        for (String json : new String[]{
                "{\"name\":" + SENT + "}",
                "{\"name\":\"" + SENT,
                "{\"day\":\"" + SENT + "\"}",
                "{\"kind\":\"" + SENT + "\"}",
                "{\"count\":\"" + SENT + "\"}",
                "{\"" + SENT + "\":1}",
                "{\"name\":\"a\",\"day\":{\"" + SENT + "\":1}}"}) {
            String detail = described(json);
            assertThat(detail).as(json.substring(0, 30)).doesNotContain(TOO_MUCH).hasSizeLessThanOrEqualTo(ProblemDetailsAdvice.MAX_MESSAGE + 80);
        }
        assertThat(described("{\"kind\":\"" + SENT + "\"}")).contains("Q".repeat(Echo.MAX)).contains("10000 chars");
    }

    @Test
    @DisplayName("issue 9: a path variable of the wrong type is named by at most 40 characters, control characters shown as ?")
    void aPathVariableOfTheWrongType() {
        ServerWebInputException ex = new ServerWebInputException("Type mismatch.", null,
                new TypeMismatchException("ab\u0007\u001b" + SENT, UUID.class));
        String detail = ProblemDetailsAdvice.describeInput(ex);
        assertThat(detail).contains("ab??QQ").doesNotContain(TOO_MUCH).doesNotContain("\u0007").contains("an id like");
    }

    @Test
    @DisplayName("issue 9: a framework's message is kept but every quoted input in it is bounded, and the whole is at most 300 characters")
    void messagesWithQuotedInput() {
        assertThat(ProblemDetailsAdvice.bounded("Unrecognized token '" + SENT + "': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"))
                .startsWith("Unrecognized token 'QQQ").contains("': was expecting (JSON String").contains("'null'").doesNotContain(TOO_MUCH);
        assertThat(ProblemDetailsAdvice.bounded("Unrecognized field \"" + SENT + "\" (class Body)")).doesNotContain(TOO_MUCH).endsWith("(class Body)");
        assertThat(ProblemDetailsAdvice.bounded("cut off here: '" + SENT)).doesNotContain(TOO_MUCH);
        assertThat(ProblemDetailsAdvice.bounded("x".repeat(5_000) + "\u0000")).hasSize(ProblemDetailsAdvice.MAX_MESSAGE + 1);
        assertThat(ProblemDetailsAdvice.bounded("a\u0000b")).isEqualTo("a?b");
    }
    @Test
    @DisplayName("issue 10: a 503 (nothing was done) says when to try again: the problem's retryAfterSeconds, else 5 s; a 429 too; a 409 not")
    void retryAfter() {
        assertThat(ProblemDetailsAdvice.retryAfter(new io.anchang.platform.problem.ProblemException(503, "busy", "Service Unavailable", "忙",
                java.util.Map.of(io.anchang.platform.problem.ProblemException.RETRY_AFTER_SECONDS, 7)))).contains(7L);
        assertThat(ProblemDetailsAdvice.retryAfter(new io.anchang.platform.problem.ProblemException(503, "busy", "Service Unavailable", "忙")))
                .contains(io.anchang.platform.problem.ProblemException.DEFAULT_RETRY_AFTER_SECONDS);
        assertThat(ProblemDetailsAdvice.retryAfter(new io.anchang.platform.problem.ProblemException(429, "limit", "Too Many Requests", "多")))
                .contains(5L);
        assertThat(ProblemDetailsAdvice.retryAfter(io.anchang.platform.problem.ProblemException.conflict("x", "冲突"))).isEmpty();
    }
}
