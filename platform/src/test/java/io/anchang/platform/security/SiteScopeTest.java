package io.anchang.platform.security;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.site.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiteScopeTest {

    @Test
    @DisplayName("R-SEC-1 a user reads and writes only the sites of their token")
    void ownSitesOnly() {
        SiteScope scope = SiteScope.forCaller(Set.of(Role.SALES), List.of("SH01"));
        assertThat(scope.canRead("SH01")).isTrue();
        assertThat(scope.canWrite("SH01")).isTrue();
        assertThat(scope.canRead("BJ01")).isFalse();
        assertThatThrownBy(() -> scope.requireRead("BJ01")).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.status()).isEqualTo(403));
        assertThat(scope.readableSites()).contains(Set.of("SH01"));
    }

    @Test
    @DisplayName("R-SEC-1 HEAD_OFFICE reads every site and writes none")
    void headOfficeReadsAll() {
        SiteScope scope = SiteScope.forCaller(Set.of(Role.HEAD_OFFICE), List.of());
        assertThat(scope.canRead("SH01")).isTrue();
        assertThat(scope.canRead("BJ01")).isTrue();
        assertThat(scope.canWrite("SH01")).isFalse();
        assertThat(scope.readableSites()).isEmpty();
    }

    @Test
    @DisplayName("R-SEC-1 HEAD_OFFICE writes none of the sites its token lists, even with another role beside it")
    void headOfficeWritesNoSiteItsTokenLists() {
        SiteScope listed = SiteScope.forCaller(Set.of(Role.HEAD_OFFICE), List.of("SH01", "HZ01"));
        assertThat(listed.canRead("SH01")).isTrue();
        assertThat(listed.canWrite("SH01")).isFalse();
        assertThat(listed.canWrite("HZ01")).isFalse();
        assertThat(listed.writableSites()).contains(Set.of());
        assertThatThrownBy(() -> listed.requireWrite("SH01")).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.status()).isEqualTo(403));
        Caller withManager = new Caller("hq", "HQ", Set.of(Role.HEAD_OFFICE, Role.MANAGER),
                SiteScope.forCaller(Set.of(Role.HEAD_OFFICE, Role.MANAGER), List.of("SH01")));
        assertThatThrownBy(() -> withManager.requireOn("SH01", Role.MANAGER)).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.type()).isEqualTo("site-access-denied"));
        assertThat(SiteScope.forCaller(Set.of(Role.HEAD_OFFICE, Role.ADMIN), List.of("*")).canWrite("SH01")).isFalse();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("R-SEC-1 work spanning every site is for an ADMIN of * (write) and HEAD_OFFICE too (read), never for an ADMIN of SH01")
    void workSpanningEverySiteNeedsTheWildcard() {
        SiteScope adminOfSh01 = SiteScope.forCaller(Set.of(Role.ADMIN), List.of("SH01"));
        assertThatThrownBy(() -> adminOfSh01.requireWriteEverySite("新建案场", "register a site"))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(403);
                    assertThat(p.type()).isEqualTo("site-access-denied");
                    assertThat(p.getMessage()).startsWith("此操作涉及所有案场").contains("SH01");
                });
        assertThatThrownBy(() -> adminOfSh01.requireReadEverySite("查看", "see")).isInstanceOf(ProblemException.class);
        SiteScope.forCaller(Set.of(Role.ADMIN), List.of("*")).requireWriteEverySite("新建案场", "register a site");
        SiteScope.forCaller(Set.of(Role.ADMIN), List.of("*")).requireReadEverySite("查看", "see");
        SiteScope.forCaller(Set.of(Role.HEAD_OFFICE), List.of()).requireReadEverySite("查看", "see");
        assertThatThrownBy(() -> SiteScope.forCaller(Set.of(Role.HEAD_OFFICE), List.of()).requireWriteEverySite("重建", "rebuild"))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> SiteScope.forCaller(Set.of(Role.HEAD_OFFICE, Role.ADMIN), List.of("*")).requireWriteEverySite("重建", "rebuild"))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> SiteScope.forCaller(Set.of(Role.MANAGER), List.of("*")).requireReadEverySite("查看", "see"))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void onlyAnAdminIsWidenedByTheWildcard() {
        assertThat(SiteScope.forCaller(Set.of(Role.ADMIN), List.of("*")).canWrite("ANY")).isTrue();
        assertThat(SiteScope.forCaller(Set.of(Role.MANAGER), List.of("*")).canRead("ANY")).isFalse();
    }

    @Test
    void aManagerMayActAsSupervisorAndRepButNotAsFinance() {
        Caller manager = new Caller("m", "M", Set.of(Role.MANAGER), SiteScope.of("SH01"));
        assertThat(manager.has(Role.SUPERVISOR)).isTrue();
        assertThat(manager.has(Role.SALES)).isTrue();
        assertThat(manager.has(Role.FINANCE)).isFalse();
        assertThatThrownBy(() -> manager.requireOn("SH01", Role.FINANCE)).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.type()).isEqualTo("role-required"));
        assertThatThrownBy(() -> manager.requireOn("BJ01", Role.MANAGER)).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.type()).isEqualTo("site-access-denied"));
    }
}
