package io.anchang.reporting.application.forms;

import io.anchang.platform.security.SiteScope;
import io.anchang.reporting.application.ReadModels;
import io.anchang.reporting.domain.Period;
import io.anchang.reporting.domain.Sheet;
import io.anchang.reporting.domain.SheetId;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sheets a form needs, read in one go: for each period of each site, the few day, week and
 * month sheets that cover it ({@link Period#cover()}), and the sites' stock. The cost of a
 * report is the number of these sheets — a handful per site and period — never the number of
 * events behind them.
 */
final class Readings {

    private final Map<SheetId, Sheet> sheets;
    private final int read;

    private Readings(Map<SheetId, Sheet> sheets, int read) {
        this.sheets = sheets;
        this.read = read;
    }

    static Mono<Readings> read(ReadModels models, SiteScope scope, Collection<String> sites, Collection<Period> periods, boolean stock) {
        Set<SheetId> ids = new LinkedHashSet<>();
        for (String site : sites) {
            for (Period period : periods) {
                period.cover().forEach(part -> ids.add(SheetId.of(site, part)));
            }
            if (stock) {
                ids.add(SheetId.stock(site));
            }
        }
        return models.sheets(scope, ids).map(found -> new Readings(found, ids.size()));
    }

    /** The sum of the sheets of {@code period} at {@code site}. */
    Sheet period(String site, Period period) {
        List<Sheet> parts = new ArrayList<>();
        for (Period part : period.cover()) {
            Sheet sheet = sheets.get(SheetId.of(site, part));
            if (sheet != null) {
                parts.add(sheet);
            }
        }
        return Sheet.sum(new SheetId(site, SheetId.Kind.DAY, period.key()), parts);
    }

    Sheet stock(String site) {
        SheetId id = SheetId.stock(site);
        return sheets.getOrDefault(id, Sheet.empty(id));
    }

    /** How many sheets the form asked for: what a report costs. */
    int sheetsRead() {
        return read;
    }
}
