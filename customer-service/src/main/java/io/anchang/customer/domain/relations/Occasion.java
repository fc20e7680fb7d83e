package io.anchang.customer.domain.relations;

import io.anchang.platform.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A site tour (参观施工现场), an owner event (业主活动: a reception, a Christmas ball) or a piece of project news (楼盘最新消息)
 * — R-CUS-11; 制度2 二7-9, 三3): whom it was for and what became of each — invited, accepted or declined, came or not;
 * for news, sent and how.
 *
 * @param startsAt when a tour or event takes place; null for news
 */
public record Occasion(String id, String siteId, Kind kind, String title, String description, Instant startsAt, String place,
                       List<Guest> guests, String createdBy, Instant createdAt) {

    public static final int MAX_GUESTS = 2000;

    public Occasion {
        guests = guests == null ? List.of() : List.copyOf(guests);
    }

    public enum Kind { TOUR, OWNER_EVENT, NEWS }

    /** What became of a customer: invited, accepted, declined, attended, absent; for news, sent. */
    public enum State { INVITED, ACCEPTED, DECLINED, ATTENDED, ABSENT, SENT }

    /** How a customer was told. */
    public enum Channel { PHONE, SMS, WECHAT, LETTER, EMAIL, IN_PERSON }

    public record Guest(String customerId, String archiveNo, String name, State state, Channel channel, String by, Instant at) {
    }

    public static Occasion announce(String id, String siteId, Kind kind, String title, String description, Instant startsAt,
                                    String place, String by, Instant at) {
        if (kind == null || title == null || title.isBlank()) {
            throw ProblemException.invalid("occasion-invalid", "请注明类型（参观、业主活动、项目资讯）和标题 (Give the kind — TOUR, OWNER_EVENT or "
                    + "NEWS — and a title)");
        }
        if (kind != Kind.NEWS && startsAt == null) {
            throw ProblemException.invalid("occasion-time-missing", "参观和业主活动须有时间 (A tour or an event needs its time)");
        }
        if (kind != Kind.NEWS && startsAt.isBefore(at)) {
            throw ProblemException.invalid("occasion-in-the-past", "活动时间不能早于现在 (A tour or an event is announced before it takes place)");
        }
        return new Occasion(id, siteId, kind, title.strip(), description, kind == Kind.NEWS ? null : startsAt, place, List.of(), by, at);
    }

    /** Invites these customers (a tour or an event) or sends them the news; those already there change nothing. */
    public Occasion reaching(List<Guest> newcomers, Channel channel, String by, Instant at) {
        if (channel == null) {
            throw ProblemException.invalid("occasion-channel-missing", "请注明通知方式 (Say how they are told: PHONE, SMS, WECHAT, LETTER, EMAIL, IN_PERSON)");
        }
        if (kind != Kind.NEWS && !startsAt.isAfter(at)) {
            throw ProblemException.conflict("occasion-started", "活动已经开始，不能再邀请 (The " + kind + " has begun: no more invitations)");
        }
        Map<String, Guest> byCustomer = new HashMap<>();
        guests.forEach(g -> byCustomer.put(g.customerId(), g));
        List<Guest> next = new ArrayList<>(guests);
        for (Guest guest : newcomers) {
            if (!byCustomer.containsKey(guest.customerId())) {
                Guest added = new Guest(guest.customerId(), guest.archiveNo(), guest.name(), kind == Kind.NEWS ? State.SENT : State.INVITED,
                        channel, by, at);
                byCustomer.put(added.customerId(), added);
                next.add(added);
            }
        }
        if (next.size() > MAX_GUESTS) {
            throw ProblemException.invalid("occasion-too-many", "每项活动最多 " + MAX_GUESTS + " 位客户 (At most " + MAX_GUESTS + " customers)");
        }
        return new Occasion(id, siteId, kind, title, description, startsAt, place, next, createdBy, createdAt);
    }

    /** A guest answered the invitation (before it starts) or came or did not (after it started). */
    public Occasion answered(String customerId, State state, String by, Instant at) {
        if (kind == Kind.NEWS) {
            throw ProblemException.conflict("occasion-is-news", "项目资讯没有回复和出席 (News has no answers or attendance)");
        }
        Guest guest = guests.stream().filter(g -> g.customerId().equals(customerId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("guest-unknown", "这位客户没有被邀请 (This customer was not invited)"));
        boolean attendance = state == State.ATTENDED || state == State.ABSENT;
        if (state == null || state == State.INVITED || state == State.SENT) {
            throw ProblemException.invalid("guest-state-invalid", "回复为 ACCEPTED 或 DECLINED，出席为 ATTENDED 或 ABSENT (An answer is "
                    + "ACCEPTED or DECLINED; attendance ATTENDED or ABSENT)");
        }
        if (attendance && startsAt.isAfter(at)) {
            throw ProblemException.conflict("occasion-not-started", "活动还没开始，不能登记出席 (Attendance is recorded once it has begun)");
        }
        List<Guest> next = guests.stream().map(g -> g.customerId().equals(customerId)
                ? new Guest(g.customerId(), g.archiveNo(), g.name(), state, g.channel(), by, at) : g).toList();
        return new Occasion(id, siteId, kind, title, description, startsAt, place, next, createdBy, createdAt);
    }

    public long count(State... states) {
        List<State> wanted = List.of(states);
        return guests.stream().filter(g -> wanted.contains(g.state())).count();
    }
}
