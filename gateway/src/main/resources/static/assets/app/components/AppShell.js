// The frame of every screen: the product's name, the site, the language, who is signed in,
// the menu of the screens the user's roles may use, and the screen itself.
import { SCREENS, screenVisible } from '../access.js';
import { store, loadSites, selectSite } from '../store.js';
import { signOut } from '../session.js';
import { setLocale, ui } from '../i18n.js';

const { computed, ref, onMounted, h } = Vue;
const { useI18n } = VueI18n;
const { useRoute, RouterLink } = VueRouter;

export const AppShell = {
  name: 'AppShell',
  setup() {
    const { t, locale } = useI18n();
    const route = useRoute();
    const loading = ref(true);
    const problem = ref(null);

    const load = async () => {
      loading.value = true;
      problem.value = null;
      try {
        await loadSites();
      } catch (error) {
        problem.value = error;
      } finally {
        loading.value = false;
      }
    };
    onMounted(load);

    const screens = computed(() => SCREENS.filter((s) => s.visible(store.user)));
    const menu = computed(() => screens.value.map((s) => ({
      key: s.name,
      label: h(RouterLink, { to: s.path, 'data-test': `nav-${s.name}` }, () => t(`nav.${s.name}`)),
    })));
    const current = computed(() => [route.meta.screen || '']);
    // head office's screen shows every site at once: no site to choose there
    const allSites = computed(() => route.meta.screen === 'hq');
    const allowed = computed(() => !route.meta.screen || screenVisible(store.user, route.meta.screen));
    const roleNames = computed(() => store.user.roles.map((r) => t(`role.${r}`)).join('、'));
    const siteOptions = computed(() => store.sites.map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` })));
    const switching = ref(false);
    const changeSite = async (code) => {
      switching.value = true;
      problem.value = null;
      try {
        await selectSite(code);
      } catch (error) {
        problem.value = error;
      } finally {
        switching.value = false;
      }
    };
    const otherLocale = computed(() => (locale.value === 'zh-CN' ? 'en' : 'zh-CN'));
    return {
      store, ui, t, loading, problem, load, menu, current, allowed, allSites, roleNames, siteOptions, changeSite, switching, signOut,
      otherLocale, switchLocale: () => setLocale(otherLocale.value),
      theme: { token: { colorPrimary: '#0b5563', borderRadius: 6, fontFamily: 'var(--font)' } },
    };
  },
  template: `
  <a-config-provider :locale="ui.antLocale" :theme="theme">
    <a-layout class="shell">
      <header class="topbar">
        <router-link to="/" class="brand">{{ $t('app.title') }}</router-link>
        <div class="tools">
          <a-select v-if="store.sites.length > 1 && !allSites" class="site-select" data-test="site-select" :value="store.site"
            :options="siteOptions" :loading="switching" :aria-label="$t('app.site')" @change="changeSite" />
          <span v-else-if="store.profile && !allSites" class="site-name" data-test="site-name">{{ store.profile.name }}</span>
          <a-button size="small" class="locale" data-test="language" @click="switchLocale" :lang="otherLocale">
            {{ otherLocale === 'en' ? 'English' : '中文' }}
          </a-button>
          <span class="user"><span data-test="user-name">{{ store.user.name }}</span>
            <span class="role" data-test="user-role">{{ roleNames }}</span></span>
          <a-button size="small" data-test="sign-out" @click="signOut">{{ $t('app.signOut') }}</a-button>
        </div>
      </header>
      <a-menu v-if="menu.length" mode="horizontal" class="nav" data-test="menu" :selected-keys="current" :items="menu" />
      <main class="content" id="main">
        <a-alert v-if="store.leaving" type="warning" show-icon data-test="signing-in-again" :message="$t('app.signingInAgain')" class="gap" />
        <problem-alert :problem="problem" class="gap" />
        <a-button v-if="problem && !store.leaving" @click="load" class="gap">{{ $t('app.retry') }}</a-button>
        <div v-if="loading" class="loading" role="status"><a-spin /> {{ $t('app.loading') }}</div>
        <a-result v-else-if="!store.sites.length && !problem" status="info" :title="$t('app.noSites')" :sub-title="$t('app.noSitesHint')" data-test="no-sites" />
        <a-result v-else-if="!allowed" status="403" :title="$t('app.notAllowed')" :sub-title="$t('app.notAllowedHint')" data-test="not-allowed">
          <template #extra><router-link to="/">{{ $t('app.home') }}</router-link></template>
        </a-result>
        <router-view v-else-if="store.site" :key="store.site" />
      </main>
    </a-layout>
  </a-config-provider>`,
};
