package io.anchang.reception.domain;

import io.anchang.platform.problem.ProblemException;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * A weekly market note (网上信息的查询, R-OPS-5; policy 九12): property news reviewed in the week and shared with the
 * team for analysis. Filed under the week (its Monday) it was written in.
 */
public record MarketNote(String id, String siteId, LocalDate week, String title, String content, List<String> sources,
                         String by, Instant at) {

    public static final int MAX_SOURCES = 10;

    public MarketNote {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public static MarketNote share(String id, String siteId, LocalDate today, String title, String content, List<String> sources,
                                   String by, Instant at) {
        if (title == null || title.isBlank()) {
            throw ProblemException.invalid("note-title-missing", "请填写标题 (A market note needs a title)");
        }
        if (content == null || content.isBlank()) {
            throw ProblemException.invalid("note-content-missing", "请填写内容 (A market note needs its content)");
        }
        List<String> listed = sources == null ? List.of() : sources.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
        if (listed.size() > MAX_SOURCES) {
            throw ProblemException.invalid("note-too-many-sources", "来源最多 " + MAX_SOURCES + " 条 (At most " + MAX_SOURCES + " sources)");
        }
        return new MarketNote(id, siteId, weekOf(today), title.strip(), content.strip(), listed, by, at);
    }
}
