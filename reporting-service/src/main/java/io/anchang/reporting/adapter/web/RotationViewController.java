package io.anchang.reporting.adapter.web;

import io.anchang.platform.security.Caller;
import io.anchang.reporting.application.TrackingRotations;
import io.anchang.reporting.domain.RotationView;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;

/** R-REC-1: a site's rotation of a day, as the reports know it. */
@RestController
@RequestMapping("/api/reports/sites/{site}")
public class RotationViewController {

    private final TrackingRotations rotations;

    public RotationViewController(TrackingRotations rotations) {
        this.rotations = rotations;
    }

    /** The reps on duty in turn order, who set the rotation, and its revision at reception. */
    public record Rotation(String site, LocalDate day, List<RotationView.Rep> order, String setBy, long revision) {

        static Rotation of(RotationView view) {
            return new Rotation(view.siteId(), view.day(), view.order(), view.setBy(), view.revision());
        }
    }

    @Operation(summary = "The rotation of a day as set at reception (users of the site and HEAD_OFFICE)")
    @GetMapping("/rotations/{day}")
    public Mono<Rotation> get(Caller caller, @PathVariable String site, @PathVariable LocalDate day) {
        return rotations.get(caller, site, day).map(Rotation::of);
    }
}
