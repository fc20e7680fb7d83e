// 我的工作台 — the rep's workspace (R-ATT-2, 12, R-CUS): my customers and my claims on them with
// the protection left, finding a customer by phone, my status at the desk, and my inbox.
import { api, seg } from '../api.js';
import { abilities } from '../access.js';
import { store, siteToday } from '../store.js';
import { useForm, useAction } from '../forms.js';
import { phoneProblem } from '../validate.js';
import { recentCustomers, customer, findByPhone } from '../customers.js';
import { daysBetween, dateTime, money } from '../format.js';
import { zone } from '../store.js';

const { reactive, computed, onMounted } = Vue;
const { useI18n } = VueI18n;
const { useRouter } = VueRouter;

export const WorkspaceView = {
  name: 'WorkspaceView',
  setup() {
    const { t, locale } = useI18n();
    const router = useRouter();
    const site = store.site;
    const me = store.user.id;
    const can = computed(() => abilities(store.user, site));
    const state = reactive({ customers: [], loading: true, problem: null, inbox: [], inboxProblem: null, rotation: null, units: [],
      unitsAt: Date.now() });

    const myClaim = (c) => (c.claims || []).find((claim) => claim.userId === me && claim.valid) || null;
    async function loadCustomers() {
      state.loading = true;
      try {
        const recent = await recentCustomers(site, { servedBy: me, days: 7 });
        const cards = await Promise.all(recent.slice(0, 40).map((r) => customer(site, r.customerId).then((c) => ({ ...c, lastAt: r.lastAt }))
          .catch(() => null)));
        state.customers = cards.filter(Boolean);
        state.problem = null;
      } catch (error) {
        state.problem = error;
      } finally {
        state.loading = false;
      }
    }
    async function loadInbox() {
      try {
        state.inbox = await api.get(`/api/reception/sites/${seg(site)}/inbox`) || [];
        state.inboxProblem = null;
      } catch (error) {
        state.inboxProblem = error;
      }
    }
    async function loadRotation() {
      state.rotation = await api.get(`/api/reception/sites/${seg(site)}/rotation`).catch(() => null);
    }
    // my holds and my deals (R-DEAL-2..4), from the site's sales-control boards
    async function loadUnits() {
      const buildings = await api.get(`/api/deals/sites/${seg(site)}/buildings`).catch(() => []);
      const boards = await Promise.all((buildings || []).map((b) => api.get(`/api/deals/sites/${seg(site)}/buildings/${seg(b.code)}/board`)
        .catch(() => null)));
      state.units = boards.filter(Boolean).flatMap((board) => board.floors.flatMap((floor) => floor.units))
        .filter((unit) => unit.hold?.repUserId === me || unit.sale?.repUserId === me);
      state.unitsAt = Date.now();
    }
    const holdLeft = (unit) => (unit.hold?.expiresAt ? Math.floor((Date.parse(unit.hold.expiresAt) - state.unitsAt) / 1000) : null);
    onMounted(() => { loadCustomers(); loadInbox(); loadRotation(); loadUnits(); });

    const myDesk = computed(() => state.rotation?.order?.find((r) => r.userId === me) || null);
    const status = useAction(async (next) => {
      state.rotation = await api.put(`/api/reception/sites/${seg(site)}/reps/${seg(me)}/status`, { status: next });
      return next;
    });
    const read = useAction(async (message) => {
      await api.post(`/api/reception/sites/${seg(site)}/inbox/${seg(message.id)}/read`);
      message.read = true;
    });

    const search = useForm({
      key: null,
      initial: () => ({ phone: '' }),
      rules: { phone: (v) => phoneProblem(v) },
      byType: { 'phone-invalid': 'phone', 'customer-unknown': 'phone' },
      submit: async (v) => {
        const found = await findByPhone(site, v.phone);
        router.push(`/customers/${encodeURIComponent(found.id)}`);
        return found;
      },
    });
    const today = siteToday();
    const left = (claim) => (claim?.validUntil ? daysBetween(today, claim.validUntil) : null);
    const unread = computed(() => state.inbox.filter((m) => !m.read).length);
    return { t, locale, store, can, state, myClaim, left, myDesk, status, read, search, unread, dateTime, zone, loadCustomers, me, holdLeft, money };
  },
  template: `
  <div class="screen workspace" data-test="workspace">
    <div class="screen-head">
      <h1>{{ $t('mine.title') }} <span class="muted">{{ store.user.name }}</span></h1>
      <div class="head-actions" v-if="myDesk">
        <rep-status-tag :status="myDesk.status" />
        <a-button v-if="myDesk.status === 'AVAILABLE'" data-test="my-out" :loading="status.state.busy" @click="status.act('OUT')">{{ $t('mine.goOut') }}</a-button>
        <a-button v-if="myDesk.status === 'OUT'" type="primary" data-test="my-back" :loading="status.state.busy" @click="status.act('AVAILABLE')">{{ $t('mine.comeBack') }}</a-button>
      </div>
    </div>
    <problem-alert :problem="status.state.problem" />
    <div class="columns">
      <section class="panel">
        <h2>{{ $t('mine.customers') }} <a-badge :count="state.customers.length" show-zero :number-style="{ backgroundColor: '#0b5563' }" /></h2>
        <p class="muted small">{{ $t('mine.customersHint') }}</p>
        <a-form layout="inline" @submit="search.send()" class="gap" data-test="find-customer">
          <a-form-item :validate-status="search.state.errors.phone ? 'error' : ''" :help="search.state.errors.phone">
            <a-input v-model:value="search.values.phone" inputmode="tel" :maxlength="40" :placeholder="$t('customer.searchByPhone')" data-test="find-phone" />
          </a-form-item>
          <a-button html-type="submit" :loading="search.state.submitting" data-test="find">{{ $t('customer.find') }}</a-button>
        </a-form>
        <problem-alert :problem="search.state.problem" />
        <problem-alert :problem="state.problem" />
        <div v-if="state.loading" class="loading"><a-spin /></div>
        <a-empty v-else-if="!state.customers.length" :description="$t('mine.noCustomers')" />
        <a-list v-else :data-source="state.customers" item-layout="horizontal" data-test="my-customers">
          <template #renderItem="{ item }">
            <a-list-item :data-customer-id="item.id" data-test="my-customer">
              <a-list-item-meta>
                <template #title><router-link :to="'/customers/' + encodeURIComponent(item.id)">{{ item.name || item.archiveNo }}</router-link>
                  <span class="muted small aside">{{ item.archiveNo }} · {{ (item.phones || []).join('、') }}</span></template>
                <template #description>
                  <span v-if="myClaim(item)" data-test="protection">{{ $t('mine.protected', { day: myClaim(item).validUntil, n: left(myClaim(item)) }) }}</span>
                  <span v-else-if="item.owner && item.owner !== me">{{ $t('mine.ownedBy', { rep: item.ownerName || item.owner }) }}</span>
                  <span v-else>{{ $t('mine.noClaim') }}</span>
                  · {{ $t('mine.lastSeen', { at: dateTime(item.lastAt, zone(), locale) }) }}
                </template>
              </a-list-item-meta>
              <a-tag v-if="myClaim(item) && left(myClaim(item)) !== null && left(myClaim(item)) < 14" color="orange">{{ $t('mine.expiresSoon') }}</a-tag>
            </a-list-item>
          </template>
        </a-list>
      </section>
      <section class="panel" data-test="my-units">
        <h2>{{ $t('mine.units') }} <a-badge :count="state.units.length" show-zero :number-style="{ backgroundColor: '#0b5563' }" /></h2>
        <p v-if="!state.units.length" class="muted">{{ $t('mine.noUnits') }}</p>
        <a-list v-else :data-source="state.units" size="small">
          <template #renderItem="{ item }">
            <a-list-item :data-unit="item.label">
              <a-list-item-meta :description="(item.hold ? item.hold.customerName : item.sale ? item.sale.customerName : '') + (item.sale ? ' · ' + money(item.sale.price) : '')">
                <template #title>{{ item.label }} <unit-status-tag :status="item.status" /></template>
              </a-list-item-meta>
              <countdown v-if="item.status === 'HELD'" :seconds="holdLeft(item)" :since="state.unitsAt" />
              <router-link v-else to="/board" class="small">{{ $t('nav.board') }}</router-link>
            </a-list-item>
          </template>
        </a-list>
      </section>
      <section class="panel" v-if="can.inbox">
        <h2>{{ $t('mine.inbox') }} <a-badge :count="unread" /></h2>
        <problem-alert :problem="state.inboxProblem" />
        <problem-alert :problem="read.state.problem" />
        <a-empty v-if="!state.inbox.length" :description="$t('mine.inboxEmpty')" />
        <a-list v-else :data-source="state.inbox" size="small" data-test="inbox">
          <template #renderItem="{ item }">
            <a-list-item :class="{ unread: !item.read }" data-test="inbox-message">
              <a-list-item-meta :description="dateTime(item.at, zone(), locale) + (item.ruleId ? ' · ' + item.ruleId : '')">
                <template #title><a-badge v-if="!item.read" status="processing" />{{ item.text }}</template>
              </a-list-item-meta>
              <a-button v-if="!item.read" size="small" @click="read.act(item)">{{ $t('mine.markRead') }}</a-button>
            </a-list-item>
          </template>
        </a-list>
      </section>
    </div>
  </div>`,
};
