package io.anchang.platform.security;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.site.Role;
import io.anchang.platform.validation.Echo;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sites a caller may read and write (R-SEC-1). Every port method takes one, so that no
 * query or command can forget it. HEAD_OFFICE reads every site and writes none; an ADMIN
 * whose {@code sites} claim holds {@code *} manages every site; background work (event
 * consumers, the outbox relay) runs with {@link #system()}.
 */
public final class SiteScope {

    public static final String ALL_SITES = "*";

    private final Set<String> readable;
    private final Set<String> writable;
    private final boolean readAll;
    private final boolean writeAll;

    private SiteScope(Collection<String> readable, Collection<String> writable, boolean readAll, boolean writeAll) {
        this.readable = Set.copyOf(new TreeSet<>(readable));
        this.writable = Set.copyOf(new TreeSet<>(writable));
        this.readAll = readAll;
        this.writeAll = writeAll;
    }

    /** Read and write exactly these sites. */
    public static SiteScope of(Collection<String> sites) {
        return new SiteScope(sites, sites, false, false);
    }

    public static SiteScope of(String... sites) {
        return of(Set.of(sites));
    }

    /**
     * The scope a token gives: its {@code sites} claim, widened for HEAD_OFFICE (read) and
     * ADMIN with {@code *}. R-SEC-1: HEAD_OFFICE is read-only everywhere — a token that holds
     * it writes no site, not even one its {@code sites} claim lists, whatever other role it
     * carries.
     */
    public static SiteScope forCaller(Set<Role> roles, Collection<String> sites) {
        boolean headOffice = roles.contains(Role.HEAD_OFFICE);
        boolean adminEverywhere = roles.contains(Role.ADMIN) && sites.contains(ALL_SITES) && !headOffice;
        Set<String> own = new TreeSet<>(sites);
        own.remove(ALL_SITES);
        return new SiteScope(own, headOffice ? Set.of() : own, adminEverywhere || headOffice, adminEverywhere);
    }

    /** Background work of the service itself: consumers, the relay, schedulers. */
    public static SiteScope system() {
        return new SiteScope(Set.of(), Set.of(), true, true);
    }

    public boolean canRead(String site) {
        return readAll || readable.contains(site);
    }

    public boolean canWrite(String site) {
        return writeAll || writable.contains(site);
    }

    /** The caller may read {@code site}, else 403. */
    public void requireRead(String site) {
        if (!canRead(site)) {
            throw denied(site);
        }
    }

    /** The caller may change {@code site}'s data, else 403. */
    public void requireWrite(String site) {
        if (!canWrite(site)) {
            throw denied(site);
        }
    }

    /**
     * R-SEC-1: work that spans every site (registering a new site, the service's dead letters and
     * parked events, rebuilding read models) is for a caller who may change every site — an ADMIN
     * whose {@code sites} claim holds {@code *} — else 403 {@code site-access-denied}.
     *
     * @param chinese what is being done, as a clerk reads it ("新建案场")
     * @param english the same in English ("register a site")
     */
    public void requireWriteEverySite(String chinese, String english) {
        if (!writeAll) {
            throw everySiteDenied(chinese, english);
        }
    }

    /** R-SEC-1: reading what spans every site is for HEAD_OFFICE and an ADMIN of {@code *}, else 403 {@code site-access-denied}. */
    public void requireReadEverySite(String chinese, String english) {
        if (!readAll) {
            throw everySiteDenied(chinese, english);
        }
    }

    private ProblemException everySiteDenied(String chinese, String english) {
        return ProblemException.forbidden("site-access-denied", "此操作涉及所有案场，只有管辖全部案场（*）的管理员可以" + chinese
                + "；您只管辖 " + Echo.of(readable) + " (Only an ADMIN of every site (*) may " + english + "; you belong to " + Echo.of(readable) + ")");
    }

    /** The sites readable, or empty when every site is. */
    public Optional<Set<String>> readableSites() {
        return readAll ? Optional.empty() : Optional.of(readable);
    }

    /** The sites writable, or empty when every site is. */
    public Optional<Set<String>> writableSites() {
        return writeAll ? Optional.empty() : Optional.of(writable);
    }

    /** The caller's own sites as named in the token (without HEAD_OFFICE's or ADMIN's widening). */
    public Set<String> ownSites() {
        return readable;
    }

    public static ProblemException denied(String site) {
        return ProblemException.forbidden("site-access-denied",
                "您无权访问案场 " + Echo.of(site) + " 的数据 (You do not belong to site " + Echo.of(site) + ")");
    }

    @Override
    public String toString() {
        return "SiteScope[read=" + (readAll ? "*" : readable) + ", write=" + (writeAll ? "*" : writable) + "]";
    }
}
