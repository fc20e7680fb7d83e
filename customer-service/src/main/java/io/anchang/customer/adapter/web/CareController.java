package io.anchang.customer.adapter.web;

import io.anchang.customer.application.CaringForCustomers;
import io.anchang.customer.domain.care.Birthday;
import io.anchang.customer.domain.care.CareProfile;
import io.anchang.customer.domain.care.Greetings;
import io.anchang.platform.security.Caller;
import io.anchang.platform.validation.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;

/**
 * Care (R-CUS-8): a customer's care profile — hobbies, the family's birthdays solar or lunar, holiday greetings, an
 * important customer's gift, occupation and key person (R-CUS-12) — and the daily list of whom to greet.
 */
@RestController
@RequestMapping("/api/customers/sites/{site}")
public class CareController {

    private final CaringForCustomers caring;

    public CareController(CaringForCustomers caring) {
        this.caring = caring;
    }

    /**
     * A person of the family: a birthday on the SOLAR or LUNAR calendar (month 1–12, day 1–31 or 1–30, a leap month for
     * a lunar one), with the year of birth if known.
     */
    public record PersonBody(@NotBlank @PlainText(max = 50) String name, @NotNull CareProfile.Relation relation, Birthday.Calendar calendar,
                             @Min(1900) @Max(2200) Integer year, @Min(1) @Max(13) Integer month, @Min(1) @Max(31) Integer day,
                             Boolean leapMonth) {
    }

    public record GiftBody(@NotNull CareProfile.Gift.Kind kind, @PlainText(max = 200, multiline = true) String note) {
    }

    public record KeyPersonBody(@NotBlank @PlainText(max = 100) String circle, @PlainText(max = 500, multiline = true) String note) {
    }

    public record ProfileBody(@Size(max = CareProfile.MAX_HOBBIES) List<@NotNull @PlainText(max = 50) String> hobbies,
                              @PlainText(max = 50) String occupation, @PlainText(max = 50) String industry,
                              @Size(max = CareProfile.MAX_PEOPLE) List<@Valid @NotNull PersonBody> people, Boolean festivalGreetings,
                              @Valid GiftBody gift, @Valid KeyPersonBody keyPerson, @PlainText(max = 2000, multiline = true) String note) {
    }

    @Operation(summary = "R-CUS-8: the customer's rep (R-ATT-12), a SUPERVISOR or the MANAGER writes the care profile, whole; "
            + "birthdays are checked (30 February, a lunar date the year lacks); refused once the customer withdrew consent to keep data (R-CUS-13)")
    @PutMapping("/customers/{customer}/care")
    public Mono<CareProfile> write(Caller caller, @PathVariable String site, @PathVariable String customer, @Valid @RequestBody ProfileBody body) {
        return caring.write(caller, site, customer, new CaringForCustomers.ProfileInput(body.hobbies(), body.occupation(), body.industry(),
                body.people() == null ? null : body.people().stream().map(p -> new CaringForCustomers.PersonInput(p.name(), p.relation(),
                        p.calendar(), p.year(), p.month(), p.day(), p.leapMonth())).toList(), body.festivalGreetings(),
                body.gift() == null ? null : new CareProfile.Gift(body.gift().kind(), body.gift().note()),
                body.keyPerson() == null ? null : new CareProfile.KeyPerson(body.keyPerson().circle(), body.keyPerson().note()), body.note()));
    }

    @Operation(summary = "R-CUS-8: a customer's care profile (id or archive number)")
    @GetMapping("/customers/{customer}/care")
    public Mono<CareProfile> profile(Caller caller, @PathVariable String site, @PathVariable String customer) {
        return caring.profile(caller, site, customer);
    }

    @Operation(summary = "R-CUS-8: whom to greet on a day (today by default): birthdays of customers and family, solar or lunar, "
            + "and on a holiday (Spring Festival, Mid-Autumn, Dragon Boat … read from the Chinese calendar) owners and those who asked; "
            + "a rep's own list, a SUPERVISOR or the MANAGER any rep's or everyone's; no customer who withdrew consent (R-CUS-13)")
    @GetMapping("/greetings")
    public Mono<List<Greetings.Greeting>> greetings(Caller caller, @PathVariable String site, @RequestParam(required = false) String rep,
                                                    @RequestParam(required = false) LocalDate day) {
        return caring.greetings(caller, site, rep, day);
    }

    @Operation(summary = "R-CUS-12: the site's key persons (核心人物), or with ?industry= the customers whose industry holds that text "
            + "(any case, taken literally: 金融 finds 金融/银行) for cross-introductions (交叉合作); each with the customer's name and masked "
            + "phone (R-SEC-3); at most ?size= (1..500, 500 if absent) — a list the limit cut answers X-Truncated: true and X-Limit")
    @GetMapping("/connections")
    public Mono<ResponseEntity<List<CaringForCustomers.Connection>>> connections(Caller caller, @PathVariable String site,
            @RequestParam(required = false) @PlainText(max = CaringForCustomers.MAX_INDUSTRY) String industry,
            @RequestParam(required = false) Integer size) {
        return caring.connections(caller, site, industry, size).map(CappedList::answer);
    }
}
