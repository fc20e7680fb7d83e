package io.anchang.reception.adapter.web;

import io.anchang.platform.security.Caller;
import io.anchang.reception.application.SettingRotation;
import io.anchang.reception.domain.Rotation;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;

/** R-REC-1: the day's rotation (排序表) of a site. */
@RestController
@RequestMapping("/api/reception/sites/{site}")
public class RotationController {

    private final SettingRotation rotation;

    public RotationController(SettingRotation rotation) {
        this.rotation = rotation;
    }

    public record RotationOrder(@NotNull @Size(max = 100) List<@NotBlank String> reps) {
    }

    /** The rotation as the desk sees it: who is up, who is on deck, the whole order. */
    public record RotationView(String site, LocalDate day, Rotation.Rep up, Rotation.Rep onDeck, List<Rotation.Rep> order,
                               String setBy, long revision) {

        static RotationView of(Rotation r) {
            return new RotationView(r.siteId(), r.day(), r.up(), r.onDeck(), r.order(), r.setBy(), r.revision());
        }
    }

    @Operation(summary = "Today's rotation in the site's calendar")
    @GetMapping("/rotation")
    public Mono<RotationView> today(Caller caller, @PathVariable String site) {
        return rotation.today(caller, site).map(RotationView::of);
    }

    @Operation(summary = "The rotation of a day")
    @GetMapping("/rotations/{day}")
    public Mono<RotationView> get(Caller caller, @PathVariable String site, @PathVariable LocalDate day) {
        return rotation.get(caller, site, day).map(RotationView::of);
    }

    @Operation(summary = "Sets who is on duty on a day and in what order (the site's MANAGER)")
    @PutMapping("/rotations/{day}")
    public Mono<RotationView> set(Caller caller, @PathVariable String site, @PathVariable LocalDate day,
                                  @Valid @RequestBody RotationOrder order) {
        return rotation.set(caller, site, day, order.reps()).map(RotationView::of);
    }
}
